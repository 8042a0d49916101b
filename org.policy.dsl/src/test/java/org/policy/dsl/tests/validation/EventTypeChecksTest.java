package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;
import static org.policy.dsl.tests.validation.PolicyTexts.policyWithout;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.IssueCodes;

@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class EventTypeChecksTest extends ValidationAssertions {

	// ---------------------------------------------------------------- paths of a handler

	@Test
	public void blockThatForgetsToBlockOnOnePath() throws Exception {
		String text = policy("""
				on block(t) {
					if (t.load > 0) {
						t => blocked;
					}
				}""");
		assertIssues(text,
				"ERROR 2:4 block handler can leave t running: on the path where 'if (t.load > 0)' (line 3) is false");
		assertCodes(text, IssueCodes.TARGET_FINAL_STATE);
	}

	@Test
	public void blockThatNeverBlocks() throws Exception {
		assertIssues(policy("""
				on block(t) {
					t.load = 0;
				}"""),
				"ERROR 2:4 block handler leaves t running: every path must end with t blocked");
	}

	@Test
	public void terminateThatCanLeaveItsThreadRunningWhenALoopRunsZeroTimes() throws Exception {
		assertIssues(policy("""
				on terminate(t) {
					foreach c in cores {
						t => terminated;
						return;
					}
				}"""),
				"ERROR 2:4 terminate handler can leave t running: when 'foreach c in cores' (line 3) runs zero times");
	}

	@Test
	public void aReturnThatLeavesTheThreadRunning() throws Exception {
		assertIssues(policy("""
				on yield(t) {
					if (t.load > 0) {
						return;
					}
					t => self.q;
				}"""),
				"ERROR 4:3 yield handler can leave t running: on the path where 'if (t.load > 0)' (line 3) is true");
	}

	@Test
	public void blockingTwice() throws Exception {
		String text = policy("""
				on block(t) {
					t => blocked;
					t => blocked;
				}""");
		assertIssues(text, "ERROR 4:7 't' is already blocked here; a thread cannot block twice");
		assertCodes(text, IssueCodes.TARGET_TRANSITION);
	}

	@Test
	public void blockingInALoop() throws Exception {
		assertIssues(policy("""
				on block(t) {
					foreach c in cores {
						t => blocked;
					}
				}"""),
				"ERROR 2:4 block handler can leave t running: when 'foreach c in cores' (line 3) runs zero times",
				"ERROR 4:8 't' is already blocked here when 'foreach c in cores' (line 3) runs more than once;"
						+ " a thread cannot block twice");
	}

	@Test
	public void scheduleMovingTwoThreads() throws Exception {
		String text = policy("""
				on schedule {
					first(self.q) => self.current;
					first(self.q) => self.current;
				}""");
		assertIssues(text,
				"ERROR 4:2 schedule handler moves a second thread to self.current here; it may move at most one");
		assertCodes(text, IssueCodes.SECOND_THREAD_SCHEDULED);
	}

	@Test
	public void scheduleMovingTwoThreadsOnSomePath() throws Exception {
		assertIssues(policy("""
				on schedule {
					foreach c in cores {
						if (!empty(c.q)) {
							first(c.q) => self.current;
						}
					}
				}"""),
				"ERROR 5:4 schedule handler can move a second thread to self.current here, when 'foreach c in cores'"
						+ " (line 3) runs more than once and 'if (!empty(c.q))' (line 4) is true; it may move at most one");
	}

	@Test
	public void newThatCanLeaveItsThreadOutsideEveryQueue() throws Exception {
		assertIssues(policy("""
				on new(t) {
					if (t.load > 0) {
						t => self.q;
					} else if (t.load < 0) {
						t => cpu(t).q;
					}
				}"""),
				"ERROR 2:4 new handler can leave t outside every queue: on the path where 'if (t.load > 0)' (line 3) is"
						+ " false and 'if (t.load < 0)' (line 5) is false");
	}

	@Test
	public void unblockThatLeavesItsThreadBlocked() throws Exception {
		assertIssues(policy("""
				on unblock(t) { }"""),
				"ERROR 2:4 unblock handler leaves t blocked: every path must end with t ready");
	}

	@Test
	public void blockingAThreadThatIsNoLongerRunning() throws Exception {
		assertIssues(policy("""
				on block(t) {
					t => self.q;
					t => blocked;
				}"""),
				"ERROR 4:7 't' is ready here, not running; only a running thread blocks");
	}

	@Test
	public void movingATerminatedThread() throws Exception {
		assertIssues(policy("""
				on terminate(t) {
					t => terminated;
					if (t.load > 0) {
						t => self.q;
					}
				}"""),
				"ERROR 5:8 't' has already terminated here; a terminated thread never moves again");
	}

	// ---------------------------------------------------------------- who may move where

	@Test
	public void tickMovingAnotherThread() throws Exception {
		String text = policy("""
				on tick(t) {
					if (!empty(self.q)) {
						first(self.q) => cpu(t).q;
					}
				}""");
		assertIssues(text,
				"ERROR 4:3 a tick handler moves only its own thread 't': other threads move only in 'on schedule'");
		assertCodes(text, IssueCodes.OTHER_THREAD_MOVED);
	}

	@Test
	public void enterIdleMovingAThread() throws Exception {
		assertIssues(policy("""
				on enter_idle { first(self.q) => self.q; }"""),
				"ERROR 2:17 an enter_idle handler moves no thread: only core states change there");
	}

	@Test
	public void unblockToSelfCurrent() throws Exception {
		String text = policy("""
				on unblock(t) {
					t => self.current;
				}""");
		assertIssues(text,
				"ERROR 3:7 only 'on schedule' moves a thread to self.current: the unblock handler must leave t ready");
		assertCodes(text, IssueCodes.CURRENT_DESTINATION);
	}

	@Test
	public void scheduleOnAnotherCore() throws Exception {
		assertIssues(policy("""
				on schedule {
					foreach c in cores {
						if (c.current == none && !empty(c.q)) {
							first(c.q) => c.current;
							return;
						}
					}
				}"""),
				"ERROR 5:18 a thread can only start running on the core that runs the handler: write 'self.current',"
						+ " not 'c.current'");
	}

	@Test
	public void blockedOutsideOnBlock() throws Exception {
		String text = policy("""
				on tick(t) { t => blocked; }""");
		assertIssues(text, "ERROR 2:19 only 'on block' moves a thread to blocked");
		assertCodes(text, IssueCodes.BLOCKED_OR_TERMINATED_DESTINATION);
	}

	@Test
	public void blockingAnotherThread() throws Exception {
		assertIssues(policy("""
				on block(t) { first(self.q) => blocked; t => blocked; }"""),
				"ERROR 2:32 only 't', the thread of 'on block(t)', moves to blocked");
	}

	@Test
	public void unblockMovingAnotherThread() throws Exception {
		assertIssues(policy("""
				on unblock(t) { first(self.q) => self.q; t => self.q; }"""),
				"ERROR 2:17 an unblock handler moves only its own thread 't': other threads move only in 'on schedule'");
	}

	@Test
	public void scheduleMovingAThreadToAQueue() throws Exception {
		assertIssues(policy("""
				on schedule { if (!empty(self.q)) { first(self.q) => self.q; } }"""),
				"ERROR 2:54 a schedule handler moves threads only to self.current");
	}

	@Test
	public void aCoreMovedToAQueue() throws Exception {
		String text = policy("""
				on enter_idle { self => self.q; }""");
		assertIssues(text, "ERROR 2:25 a core moves to a core state; 'self.q' is a queue");
		assertCodes(text, IssueCodes.DESTINATION_KIND);
	}

	@Test
	public void aThreadMovedToACoreState() throws Exception {
		assertIssues(policy("""
				on yield(t) { t => idle; }"""),
				"ERROR 2:20 a thread moves to a queue, self.current, blocked or terminated; 'idle' is a core state");
	}

	// ---------------------------------------------------------------- functions

	@Test
	public void mutualRecursion() throws Exception {
		String text = policy("""
				function int f(core c) = g(c) + 1;
				function int g(core c) = f(c);""");
		assertIssues(text,
				"ERROR 2:26 'f' calls itself (f -> g -> f): functions may not be recursive, so that every handler terminates",
				"ERROR 3:26 'g' calls itself (g -> f -> g): functions may not be recursive, so that every handler terminates");
	}

	@Test
	public void directRecursion() throws Exception {
		String text = policy("""
				function int f(core c) = f(c);""");
		assertIssues(text,
				"ERROR 2:26 'f' calls itself (f -> f): functions may not be recursive, so that every handler terminates");
		assertCodes(text, IssueCodes.RECURSION);
	}

	@Test
	public void aFunctionAssigningAnAttribute() throws Exception {
		String text = policy("""
				function int f(thread u) {
					u.load = 1;
					return 1;
				}""");
		assertIssues(text, "ERROR 3:2 function 'f' is pure: it cannot assign attribute 'load'");
		assertCodes(text, IssueCodes.IMPURE_FUNCTION);
	}

	@Test
	public void aFunctionMovingAThread() throws Exception {
		assertIssues(policy("""
				function int f(thread u) { u => self.q; return 1; }"""),
				"ERROR 2:28 function 'f' is pure: it cannot move threads or cores");
	}

	// ---------------------------------------------------------------- handlers

	@Test
	public void aMissingMandatoryHandler() throws Exception {
		String text = policyWithout("block", "");
		assertIssues(text,
				"ERROR 1:8 missing handler 'on block(t)': every policy must say what happens when a thread blocks");
		assertCodes(text, IssueCodes.MISSING_HANDLER);
	}

	@Test
	public void aHandlerThatDoesNotNameItsThread() throws Exception {
		String text = policy("""
				on tick { }""");
		assertIssues(text,
				"ERROR 2:4 'on tick' needs a name for its thread, as in 'on tick(t)'");
		assertCodes(text, IssueCodes.HANDLER_TARGET);
	}

	@Test
	public void scheduleNamingAThread() throws Exception {
		assertIssues(policy("""
				on schedule(t) { }"""),
				"ERROR 2:13 'on schedule' has no thread to name: write 'on schedule' without '(t)'");
	}

	@Test
	public void aBalanceThatNeverRuns() throws Exception {
		String text = policy("""
				on balance {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from c.q;
					stop: runnable(self) >= 1;
				}""");
		assertIssues(text,
				"ERROR 2:4 balance never runs: give it 'every P' (to run periodically) or 'on enter_idle' (to run when"
						+ " a core goes idle)");
		assertCodes(text, IssueCodes.BALANCE_NEVER_RUNS);
	}

	@Test
	public void twoBalanceHandlers() throws Exception {
		String text = policy("""
				on balance every 4ms { filter c: true; select max by runnable(c); migrate u from c.q; stop: false; }
				on balance on enter_idle { filter c: true; select min by runnable(c); migrate u from c.q; stop: false; }""");
		assertIssues(text, "ERROR 3:4 'on balance' is declared twice: a policy has one balance handler");
		assertCodes(text, IssueCodes.DUPLICATE_HANDLER);
	}

	@Test
	public void onMoveLeavesTheMoveToTheSteal() throws Exception {
		String text = policy("""
				on balance every 4ms {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from c.q;
					stop: runnable(self) >= 1;
					on move {
						u.load = 0;
						u => self.q;
						c => idle;
						return;
					}
				}""");
		assertIssues(text,
				"ERROR 9:8 'on move' cannot move threads or change core states: the steal moves 'u' to self when"
						+ " the block ends",
				"ERROR 10:8 'on move' cannot move threads or change core states: the steal moves 'u' to self when"
						+ " the block ends",
				"ERROR 11:3 'on move' has no 'return': it runs to its end for every moved thread (use 'if' to skip"
						+ " updates)");
		assertCodes(text, IssueCodes.ON_MOVE_STATEMENT, IssueCodes.ON_MOVE_STATEMENT, IssueCodes.ON_MOVE_STATEMENT);
	}

	@Test
	public void perLevelWithoutTopology() throws Exception {
		String text = policy("""
				on balance every 4ms per level {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from c.q;
					stop: runnable(self) >= 1;
				}""");
		assertIssues(text,
				"ERROR 2:22 'per level' needs a 'topology { ... }' declaration that lists the levels");
		assertCodes(text, IssueCodes.PER_LEVEL_WITHOUT_TOPOLOGY);
	}
}
