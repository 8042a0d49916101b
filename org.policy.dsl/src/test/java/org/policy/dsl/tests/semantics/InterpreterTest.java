package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.WorkConservation;

/** One event on a small, hand-built state gives exactly the expected state: one test per construct. */
class InterpreterTest {

	/** A per-core policy; tests replace one piece of it to exercise one construct. */
	static final String BASE = """
			policy base {
				param time slice = 4ms in [1ms, 100ms];
				thread { time vruntime = 0; int prio = 0; }
				core { queue ready ordered by lowest vruntime; int picks = 0; }
				core states { active, idle }
				function core least() = min(c in cores by runnable(c));
				on new(t) { t => least().ready; }
				on tick(t) {
					t.vruntime += slice;
					if (!empty(self.ready) && first(self.ready).vruntime < t.vruntime) {
						t => self.ready;
					}
				}
				on yield(t) { t => self.ready; }
				on block(t) { t => blocked; }
				on unblock(t) { t => cpu(t).ready; }
				on terminate(t) { t => terminated; }
				on schedule {
					if (!empty(self.ready)) {
						first(self.ready) => self.current;
						self.picks += 1;
					}
				}
				on enter_idle { self => idle; }
				on exit_idle { self => active; }
				EXTRA
			}
			""";

	static String base(String extra) {
		return BASE.replace("EXTRA", extra);
	}

	/** Inputs: a thread's come from ThreadInputs before its new handler runs; a core's from the machine. */
	@Test
	void inputsAreSetByTheEnvironmentBeforeNewRuns() {
		PolicyRun run = new PolicyRun(BASE.replace("int prio = 0; }", "int prio = 0; input int nice; input int weight;"
				+ " input time runtime; input time deadline; input time period; int seen = 0; }")
				.replace("core { queue", "core { input int id; input int capacity; queue")
				.replace("on new(t) { t => least().ready; }",
						"on new(t) { t.seen = t.weight + least().id * 100000 + least().capacity * 1000000; t => least().ready; }")
				.replace("EXTRA", ""), 3, 8);
		run.interpreter.create(run.machine, 0, 0, new ThreadInputs(-5, 2_000_000, 5_000_000, 10_000_000));
		run.interpreter.create(run.machine, 0, 1);
		// slots in declaration order: vruntime, prio, nice, weight, runtime, deadline, period, seen
		assertEquals(-5, run.machine.threadAttr(0, 2));
		assertEquals(3121, run.machine.threadAttr(0, 3));
		assertEquals(2_000_000, run.machine.threadAttr(0, 4));
		assertEquals(5_000_000, run.machine.threadAttr(0, 5));
		assertEquals(10_000_000, run.machine.threadAttr(0, 6));
		assertEquals(3121 + 0 * 100000 + 1024 * 1000000L, run.machine.threadAttr(0, 7));
		assertEquals(0, run.machine.threadAttr(1, 2));
		assertEquals(1024, run.machine.threadAttr(1, 3));
		assertEquals(0, run.machine.threadAttr(1, 5));
		// thread 1 is placed on core 1, the least loaded: its id is read there
		assertEquals(1024 + 1 * 100000 + 1024 * 1000000L, run.machine.threadAttr(1, 7));
	}

	/** preempt c: the thread running on c gives its core up right after the wake-up, through on preempt. */
	@Test
	void aWakeUpThatPreemptsMakesTheTargetCoreRescheduleAtOnce() {
		PolicyRun run = new PolicyRun(BASE.replace("on unblock(t) { t => cpu(t).ready; }",
				"on unblock(t) { t.prio = 1; t => cpu(t).ready; if (cpu(t).current != none) { preempt cpu(t); } }"
						+ " on preempt(t) { t.vruntime = 99; t => self.ready; }")
				.replace("EXTRA", ""), 1, 4);
		Machine m = run.machine;
		run.interpreter.create(m, 0, 0);
		run.endEvent(0);
		run.interpreter.block(m, 0);
		run.endEvent(0);
		run.interpreter.create(m, 0, 1);
		run.endEvent(0);
		assertEquals(1, m.current(0));
		run.interpreter.unblock(m, 0, 0); // t0 wakes on core 0, which runs t1: core 0 is asked to reschedule
		assertEquals(1, m.current(0), "the request is delivered by the environment, after the handler");
		run.endEvent(0);
		assertEquals(99, m.threadAttr(1, 0), "t1 went through on preempt");
		assertEquals(0, m.current(0), "t0 (vruntime 0) now runs; t1 (99) waits");
		assertEquals(ThreadState.READY, m.state(1));
		// a request to a core that runs nothing is void
		run.interpreter.block(m, 0);
		run.endEvent(0);
		assertEquals(1, m.current(0));
	}

	@Test
	void threadInputsAreValidatedAsSchedSetattrDoes() {
		assertThrows(IllegalArgumentException.class, () -> ThreadInputs.ofNice(20));
		assertThrows(IllegalArgumentException.class, () -> ThreadInputs.ofNice(-21));
		assertThrows(IllegalArgumentException.class, () -> new ThreadInputs(0, 6, 5, 10));
		assertThrows(IllegalArgumentException.class, () -> new ThreadInputs(0, 1, 5, 4));
		assertThrows(IllegalArgumentException.class, () -> new ThreadInputs(0, 0, 5, 10));
		assertEquals(88761, ThreadInputs.ofNice(-20).weight());
		assertEquals(15, ThreadInputs.ofNice(19).weight());
		assertEquals(335, ThreadInputs.ofNice(5).weight());
	}

	@Test
	void newPlacesEachThreadOnTheLeastLoadedCoreLowestIdFirst() {
		PolicyRun run = new PolicyRun(base(""), 3, 8);
		for (int t = 0; t < 4; t++) {
			run.interpreter.create(run.machine, 0, t);
		}
		assertEquals("t0 t3", run.queueContents(0, "ready"));
		assertEquals("t1", run.queueContents(1, "ready"));
		assertEquals("t2", run.queueContents(2, "ready"));
		assertEquals(ThreadState.READY, run.machine.state(3));
		assertEquals(0, run.machine.cpu(3));
		assertEquals(1, run.machine.cpu(1));
	}

	@Test
	void settleSchedulesEveryCoreThenIdlesTheRest() {
		PolicyRun run = new PolicyRun(base(""), 3, 8);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
		assertEquals(1, run.machine.current(1));
		assertEquals(Machine.NONE, run.machine.current(2));
		assertTrue(run.machine.isIdle(2));
		assertEquals(1, run.machine.coreState(2), "enter_idle moved core 2 to 'idle'");
		assertEquals(1, run.coreAttr(0, "picks"));
		assertEquals(0, run.coreAttr(2, "picks"));
	}

	@Test
	void queuesKeepKeyOrderAndArrivalOrderAmongEqualKeys() {
		PolicyRun run = new PolicyRun(base("").replace("t => least().ready;", "t.vruntime = 10 - t.prio; t => self.ready;")
				.replace("int prio = 0;", "int prio = 0;"), 1, 8);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		run.machine.setThreadAttr(2, 0, 0);
		run.interpreter.create(run.machine, 0, 2);
		assertEquals("t0 t1 t2", run.queueContents(0, "ready"), "equal keys: arrival order");
		PolicyRun highest = new PolicyRun(base("").replace("ordered by lowest vruntime", "ordered by highest prio")
				.replace("t => least().ready;", "t.prio = now; t => self.ready;"), 1, 8);
		for (int t = 0; t < 3; t++) {
			highest.machine.setNow(new long[] { 5, 9, 7 }[t]);
			highest.interpreter.create(highest.machine, 0, t);
		}
		assertEquals("t1 t2 t0", highest.queueContents(0, "ready"));
	}

	@Test
	void fifoQueuesAppend() {
		PolicyRun run = new PolicyRun(base("").replace("ordered by lowest vruntime", "ordered by fifo")
				.replace("t => least().ready;", "t.vruntime = 100 - now; t => self.ready;"), 1, 4);
		for (int t = 0; t < 3; t++) {
			run.machine.setNow(t);
			run.interpreter.create(run.machine, 0, t);
		}
		assertEquals("t0 t1 t2", run.queueContents(0, "ready"));
	}

	@Test
	void tickUpdatesAttributesAndPreemptsOnlyWhenTheConditionHolds() {
		PolicyRun run = new PolicyRun(base(""), 1, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		run.interpreter.tick(run.machine, 0);
		assertEquals(4_000_000, run.threadAttr(0, "vruntime"));
		assertEquals(0, run.machine.current(0), "alone: keeps running");
		run.interpreter.create(run.machine, 0, 1);
		run.interpreter.tick(run.machine, 0);
		assertEquals(Machine.NONE, run.machine.current(0), "t1 has a lower vruntime: t0 is preempted");
		assertEquals("t1 t0", run.queueContents(0, "ready"));
		run.endEvent(0);
		assertEquals(1, run.machine.current(0));
	}

	@Test
	void blockThenUnblockReturnsTheThreadToItsLastCore() {
		PolicyRun run = new PolicyRun(base(""), 2, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		run.endEvent(0);
		run.interpreter.block(run.machine, 1);
		assertEquals(ThreadState.BLOCKED, run.machine.state(1));
		assertEquals(Machine.NONE, run.machine.current(1));
		run.endEvent(1);
		assertTrue(run.machine.isIdle(1));
		run.interpreter.unblock(run.machine, 0, 1);
		assertEquals("t1", run.queueContents(1, "ready"));
		run.endEvent(0);
		assertEquals(1, run.machine.current(1));
		assertFalse(run.machine.isIdle(1));
		assertEquals(0, run.machine.coreState(1), "exit_idle moved core 1 back to 'active'");
	}

	@Test
	void terminateAndYield() {
		PolicyRun run = new PolicyRun(base(""), 1, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		run.endEvent(0);
		run.interpreter.yield(run.machine, 0);
		assertEquals("t1 t0", run.queueContents(0, "ready"));
		run.endEvent(0);
		run.interpreter.terminate(run.machine, 0);
		assertEquals(ThreadState.TERMINATED, run.machine.state(1));
		assertEquals("t0", run.queueContents(0, "ready"));
	}

	@Test
	void foreachOverCoresAndAggregatesCountSumExistsAll() {
		PolicyRun run = new PolicyRun(base("""
				function int bit(bool b) {
					if (b) { return 1; }
					return 0;
				}
				""").replace("on exit_idle { self => active; }", """
				on exit_idle {
					foreach c in cores { c.picks = 100 + size(c.ready); }
					self.picks = count(c in cores where c.picks > 100) * 1000
						+ sum(c in cores of size(c.ready)) * 100
						+ bit(exists(c in cores where size(c.ready) == 2)) * 10
						+ bit(all(c in cores where c.picks >= 100));
				}
				"""), 3, 8);
		for (int t = 0; t < 3; t++) {
			run.interpreter.create(run.machine, 0, t);
		}
		run.interpreter.exitIdle(run.machine, 2);
		assertEquals(101, run.coreAttr(0, "picks"));
		assertEquals(101, run.coreAttr(1, "picks"));
		assertEquals(3 * 1000 + 3 * 100 + 0 * 10 + 1, run.coreAttr(2, "picks"));
	}

	/** `where c in S ...` aggregates visit only the cores in state S; `all` still sees every core. */
	@Test
	void aggregatesFilteredByACoreStateSeeExactlyThoseCores() {
		PolicyRun run = new PolicyRun(base("""
				function int bit(bool b) = b ? 1 : 0;
				function int ids(core c) = c == none ? 9 : c.picks;
				topology { machine }
				""").replace("on exit_idle { self => active; }", """
				on exit_idle {
					foreach c in cores { c.picks = 10 + size(c.ready); }
					self.picks = count(c in cores where c in idle) * 1000
						+ sum(c in cores where c in idle && c.picks == 10 of c.picks) * 10
						+ bit(all(c in cores where c in idle)) * 5
						+ bit(exists(c in domain(self, machine) where c in idle && c != self))
						+ ids(min(c in cores where c in idle by 0)) * 0;
					self => active;
				}
				"""), Topology.flat(4), 4, Map.of(), false);
		run.interpreter.enterIdle(run.machine, 1);
		run.interpreter.enterIdle(run.machine, 3);
		run.interpreter.exitIdle(run.machine, 0);
		assertEquals(2 * 1000 + (10 + 10) * 10 + 0 * 5 + 1, run.coreAttr(0, "picks"));
	}

	@Test
	void minAndMaxBreakTiesByLowestCoreIdAndGiveNoneWhenEmpty() {
		PolicyRun run = new PolicyRun(base("").replace("on exit_idle { self => active; }", """
				on exit_idle {
					self.picks = 10 * (1 + max(c in cores by size(c.ready)).picks)
						+ (1 + min(c in cores where c.picks > 5 by 0).picks);
				}
				"""), 3, 8);
		// no core has picks > 5: min(...) is none, and reading .picks of none is a fault
		PolicyFault fault = assertThrows(PolicyFault.class, () -> run.interpreter.exitIdle(run.machine, 0));
		assertTrue(fault.getMessage().contains("'picks' of none"), fault.getMessage());
		assertTrue(fault.line() > 0);
	}

	@Test
	void foreachOverAQueueRunsOnASnapshotSoMovingThreadsIsSafe() {
		PolicyRun run = new PolicyRun(base("").replace("on schedule {", """
				on schedule {
					foreach t in self.ready { self.picks += t.vruntime; }
				""").replace("t => least().ready;", "t.vruntime = now; t => self.ready;"), 1, 4);
		for (int t = 0; t < 3; t++) {
			run.machine.setNow(10 * (t + 1));
			run.interpreter.create(run.machine, 0, t);
		}
		run.interpreter.schedule(run.machine, 0);
		assertEquals(10 + 20 + 30 + 1, run.coreAttr(0, "picks"));
		assertEquals(0, run.machine.current(0));
	}

	@Test
	void nestedCallsOfOneFunctionEvaluateArgumentsFirst() {
		PolicyRun run = new PolicyRun(base("""
				function int twice(int x) = x * 2;
				function int plus(int a, int b) { var s = a + b; return s; }
				""").replace("on exit_idle { self => active; }",
				"on exit_idle { self.picks = plus(twice(twice(3)), plus(1, twice(5))); }"), 1, 4);
		run.interpreter.exitIdle(run.machine, 0);
		assertEquals(12 + 11, run.coreAttr(0, "picks"));
	}

	/** Only the chosen side of `? :` is evaluated: the other may read from none. */
	@Test
	void aConditionalEvaluatesOnlyTheChosenSide() {
		PolicyRun run = new PolicyRun(base("""
				function int sign(int x) = x > 0 ? 1 : x < 0 ? -1 : 0;
				""").replace("on exit_idle { self => active; }", """
				on exit_idle {
					self.picks = (empty(self.ready) ? 100 : first(self.ready).prio) + sign(-7) * 10 + sign(0);
				}
				"""), 2, 4);
		run.interpreter.exitIdle(run.machine, 1);
		assertEquals(100 - 10, run.coreAttr(1, "picks"), "empty queue: first(...) not read");
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.exitIdle(run.machine, 0);
		assertEquals(0 - 10, run.coreAttr(0, "picks"));
	}

	@Test
	void divisionAndRemainderByZeroAreZero() {
		PolicyRun run = new PolicyRun(base("").replace("on exit_idle { self => active; }",
				"on exit_idle { var z = self.picks; self.picks = 7 / z + 7 % z + 100 / 7 + -7 % 3; }"), 1, 4);
		run.interpreter.exitIdle(run.machine, 0);
		assertEquals(0 + 0 + 14 + -1, run.coreAttr(0, "picks"));
	}

	@Test
	void ifElseIfElseChoosesOneBranch() {
		String text = base("").replace("on exit_idle { self => active; }", """
				on exit_idle {
					if (now < 10) { self.picks = 1; }
					else if (now < 20) { self.picks = 2; }
					else { self.picks = 3; }
				}
				""");
		for (long now : new long[] { 5, 15, 25 }) {
			PolicyRun run = new PolicyRun(text, 1, 1);
			run.machine.setNow(now);
			run.interpreter.exitIdle(run.machine, 0);
			assertEquals(now / 10 + 1, run.coreAttr(0, "picks"));
		}
	}

	static final String STEAL = """
			on balance every 4ms on enter_idle per level {
				filter c: runnable(c) >= 2;
				select max by runnable(c);
				migrate t from c.ready ordered by highest t.prio;
				stop: runnable(self) >= 1;
			}
			topology { smt, llc }
			""";

	@Test
	void balanceStealsFromTheBusiestCoreInTheInnermostDomainFirst() {
		// cores 0-1 share an smt group, cores 0-3 an llc; every thread starts on core 0
		PolicyRun run = new PolicyRun(base(STEAL).replace("t => least().ready;", "t.prio = now; t => self.ready;"),
				Topology.of(4, 2, 4, 0), 8, Map.of());
		for (int t = 0; t < 5; t++) {
			run.machine.setNow(t);
			run.interpreter.create(run.machine, 0, t);
		}
		assertEquals("t0 t1 t2 t3 t4", run.queueContents(0, "ready"));
		assertEquals(4, run.interpreter.balancePeriod() / 1_000_000);
		int moved = run.interpreter.balance(run.machine, 1);
		assertEquals(1, moved, "stops as soon as the thief has one runnable thread");
		assertEquals("t4", run.queueContents(1, "ready"), "highest prio first");
		assertEquals("t0 t1 t2 t3", run.queueContents(0, "ready"));
		// core 2 is not in core 0's smt group; it finds the victim at the llc level
		assertEquals(1, run.interpreter.balance(run.machine, 2));
		assertEquals("t3", run.queueContents(2, "ready"));
	}

	/** `on move` runs just before each move: the thread joins the thief's queue with its updated key. */
	@Test
	void onMoveUpdatesEachThreadBeforeItJoinsTheThiefsQueue() {
		String steal = STEAL.replace("stop: runnable(self) >= 1;", """
				stop: runnable(self) >= 3;
				on move {
					t.vruntime = 5;
					self.picks += 1;
					c.picks += 10;
				}
				""");
		PolicyRun run = new PolicyRun(base(steal).replace("t => least().ready;", "t.vruntime = now; t => self.ready;"),
				Topology.flat(2), 8, Map.of());
		for (int t = 0; t < 5; t++) {
			run.machine.setNow(10 * t);
			run.interpreter.create(run.machine, t < 2 ? 1 : 0, t);
		}
		assertEquals("t0 t1", run.queueContents(1, "ready"));
		assertEquals(1, run.interpreter.balance(run.machine, 1), "stops once the thief has three");
		assertEquals("t0 t2 t1", run.queueContents(1, "ready"), "t2 joined with vruntime 5, not 20");
		assertEquals(5, run.threadAttr(2, "vruntime"));
		assertEquals(1, run.coreAttr(1, "picks"), "self is the thief");
		assertEquals(10, run.coreAttr(0, "picks"), "c is the victim");
		assertEquals("t3 t4", run.queueContents(0, "ready"));
	}

	@Test
	void balanceWithoutCandidatesMovesNothing() {
		PolicyRun run = new PolicyRun(base(STEAL), Topology.flat(2), 4, Map.of());
		run.interpreter.create(run.machine, 0, 0);
		Machine before = run.machine.copy();
		assertEquals(0, run.interpreter.balance(run.machine, 1));
		assertEquals(before, run.machine);
	}

	@Test
	void idleCoresStealWhenTheBalanceRunsOnEnterIdle() {
		PolicyRun run = new PolicyRun(base(STEAL).replace("t => least().ready;", "t => self.ready;"),
				Topology.of(2, 0, 0, 0), 4, Map.of());
		for (int t = 0; t < 3; t++) {
			run.interpreter.create(run.machine, 0, t);
		}
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
		// core 1 runs a thread of its own, which blocks: core 1 goes idle and steals on the way
		run.interpreter.create(run.machine, 1, 3);
		run.endEvent(1);
		run.interpreter.block(run.machine, 1);
		run.endEvent(1);
		assertEquals(1, run.machine.current(1), "core 1 stole t1 (equal prio: queue order) and ran it");
		assertTrue(WorkConservation.holds(run.machine));
	}

	@Test
	void sharedQueuesServeEveryCore() {
		PolicyRun run = new PolicyRun("""
				policy fifo {
					thread { }
					core { }
					shared queue runq ordered by fifo;
					on new(t) { t => runq; }
					on tick(t) { }
					on yield(t) { t => runq; }
					on block(t) { t => blocked; }
					on unblock(t) { t => runq; }
					on terminate(t) { t => terminated; }
					on schedule { if (!empty(runq)) { first(runq) => self.current; } }
				}
				""", 2, 4);
		for (int t = 0; t < 3; t++) {
			run.interpreter.create(run.machine, 1, t);
		}
		assertFalse(WorkConservation.holds(run.machine), "threads wait in the shared queue while cores are free");
		assertEquals(0, WorkConservation.idleCoreWithWaitingWork(run.machine));
		run.endEvent(1);
		assertEquals(0, run.machine.current(1), "core 1, where the event ran, settles first and takes t0");
		assertEquals(1, run.machine.current(0), "idle core 0 got a reschedule for t1 and takes it");
		assertEquals("t2", run.contents(run.machine.sharedQueue(0)));
		assertTrue(WorkConservation.holds(run.machine));
	}

	@Test
	void workConservationFailsWhenACoreIdlesBesideAnOverloadedOne() {
		PolicyRun run = new PolicyRun(base("").replace("t => least().ready;", "t => self.ready;"), 2, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		run.endEvent(0);
		assertEquals(1, WorkConservation.idleCoreWithWaitingWork(run.machine));
		assertTrue(run.machine.isIdle(1));
	}

	@Test
	void handlersThatBreakTheirEventTypeAtRunTimeAreFaults() {
		PolicyRun run = new PolicyRun(base("").replace("on block(t) { t => blocked; }",
				"on block(t) { if (t.prio == 0) { t => blocked; } else { t => self.ready; } }"), 1, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		run.machine.setThreadAttr(0, 1, 5);
		PolicyFault fault = assertThrows(PolicyFault.class, () -> run.interpreter.block(run.machine, 0));
		assertTrue(fault.getMessage().contains("block handler left t0 ready"), fault.getMessage());
	}

	@Test
	void environmentErrorsAreNotPolicyFaults() {
		PolicyRun run = new PolicyRun(base(""), 1, 2);
		assertThrows(IllegalStateException.class, () -> run.interpreter.tick(run.machine, 0));
		assertThrows(IllegalStateException.class, () -> run.interpreter.unblock(run.machine, 0, 0));
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		assertThrows(PolicyFault.class, () -> run.interpreter.create(run.machine, 0, 2), "capacity is 2");
	}

	@Test
	void parametersTakeOverridesWithinTheirRange() {
		PolicyRun run = new PolicyRun(base(""), Topology.flat(1), 2, Map.of("slice", 2_000_000L));
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		run.interpreter.tick(run.machine, 0);
		assertEquals(2_000_000, run.threadAttr(0, "vruntime"));
		IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
				() -> run.policy.newInterpreter(Map.of("slice", 1L)));
		assertTrue(outside.getMessage().contains("outside its range"), outside.getMessage());
		IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
				() -> run.policy.newInterpreter(Map.of("slices", 1L)));
		assertTrue(unknown.getMessage().contains("has no parameter 'slices'"), unknown.getMessage());
	}

	@Test
	void copiesAreIndependentAndEqualUntilOneChanges() {
		PolicyRun run = new PolicyRun(base(""), 2, 4);
		run.interpreter.create(run.machine, 0, 0);
		Machine copy = run.machine.copy();
		assertEquals(run.machine, copy);
		assertEquals(run.machine.hashCode(), copy.hashCode());
		run.interpreter.complete(copy, 0);
		run.deliverAll(copy);
		assertNotEquals(run.machine, copy);
		assertEquals(Machine.NONE, run.machine.current(0));
		assertEquals(0, copy.current(0));
	}

	@Test
	void constantsAndTableElementsHaveTheirDeclaredValues() {
		PolicyRun run = new PolicyRun(base("""
				const int base = 1024;
				const int scaled = base * 3 / 2 + 7 / 0;
				const time half = 4ms / 2;
				const int weights[] = { base, scaled, 655, };
				""").replace("on exit_idle { self => active; }", """
				on exit_idle {
					self.picks = scaled * 1000000 + weights[size(self.ready) + 2] * 100 + half / 1ms;
				}
				"""), 1, 2);
		run.interpreter.exitIdle(run.machine, 0);
		assertEquals(1536L * 1_000_000 + 655 * 100 + 2, run.coreAttr(0, "picks"));
	}

	@Test
	void aTableIndexOutsideTheTableIsAFaultOnItsLine() {
		String text = base("const int weights[] = { 1, 2 };").replace("on exit_idle { self => active; }", """
				on exit_idle {
					self.picks = weights[self.picks + 2];
				}
				""");
		PolicyRun run = new PolicyRun(text, 1, 2);
		PolicyFault fault = assertThrows(PolicyFault.class, () -> run.interpreter.exitIdle(run.machine, 0));
		int line = text.substring(0, text.indexOf("weights[self")).split("\n", -1).length;
		assertEquals("line " + line + ": index 2 is outside 'weights' (2 elements, 0 to 1)", fault.getMessage());
	}

	@Test
	void minMaxClampAndLog2AreLinuxs() {
		PolicyRun run = new PolicyRun(base("").replace("on exit_idle { self => active; }", """
				on exit_idle {
					self.picks = min(3, -4) * 1000000 + max(3, -4) * 100000 + clamp(9, 2, 5) * 10000
						+ clamp(1, 5, 2) * 1000 + log2(1023) * 10 + log2(0) + log2(-8);
				}
				"""), 1, 2);
		run.interpreter.exitIdle(run.machine, 0);
		// clamp with crossed bounds gives the upper one, as min(max(x, lo), hi); log2 below 1 is 0
		assertEquals(-4_000_000 + 300_000 + 50_000 + 2_000 + 90, run.coreAttr(0, "picks"));
	}
}
