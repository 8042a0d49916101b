package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.IssueCodes;

@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class TypeChecksTest extends ValidationAssertions {

	// ---------------------------------------------------------------- operators and conditions

	@Test
	public void arithmeticOnABool() throws Exception {
		String text = policy("""
				on tick(t) { t.load = t.load + true; }""");
		assertIssues(text, "ERROR 2:32 operator '+' takes numbers; 'true' is a bool");
		assertCodes(text, IssueCodes.ARITHMETIC_OPERAND);
	}

	@Test
	public void comparingANumberWithACore() throws Exception {
		String text = policy("""
				on tick(t) { if (t.load < self) { t => self.q; } }""");
		assertIssues(text,
				"ERROR 2:27 operator '<' compares numbers; 'self' is a core");
		assertCodes(text, IssueCodes.COMPARISON_OPERAND);
	}

	@Test
	public void equalityOfAThreadAndAnInt() throws Exception {
		String text = policy("""
				on tick(t) { if (t == 3) { t => self.q; } }""");
		assertIssues(text, "ERROR 2:20 '==' compares two numbers, two bools, two threads or two cores (or one with"
				+ " none); 't' is a thread and '3' is an int");
		assertCodes(text, IssueCodes.EQUALITY_OPERANDS);
	}

	@Test
	public void andOfAnInt() throws Exception {
		String text = policy("""
				on tick(t) { if (t.load && true) { t => self.q; } }""");
		assertIssues(text,
				"ERROR 2:18 operator '&&' takes bools; 't.load' is an int");
		assertCodes(text, IssueCodes.LOGIC_OPERAND);
	}

	@Test
	public void aThreadInASetOfCores() throws Exception {
		String text = policy("""
				on tick(t) { if (t in cores) { t => self.q; } }""");
		assertIssues(text,
				"ERROR 2:18 'in' over a core set looks for a core; 't' is a thread");
		assertCodes(text, IssueCodes.MEMBERSHIP_OPERANDS);
	}

	@Test
	public void anIntCondition() throws Exception {
		String text = policy("""
				on tick(t) { if (t.load) { t => self.q; } }""");
		assertIssues(text, "ERROR 2:18 the condition of 'if' must be a bool; 't.load' is an int");
		assertCodes(text, IssueCodes.CONDITION_NOT_BOOL);
	}

	// ---------------------------------------------------------------- assignments and initial values

	@Test
	public void assigningACoreToAnInt() throws Exception {
		String text = policy("""
				on tick(t) { t.load = self; }""");
		assertIssues(text, "ERROR 2:23 't.load' holds an int; 'self' is a core");
		assertCodes(text, IssueCodes.ASSIGNMENT_TYPE);
	}

	@Test
	public void addingToABool() throws Exception {
		assertIssues(policy("""
				thread { bool hot = false; }
				on tick(t) { t.hot += 1; }"""),
				"ERROR 3:14 '+=' takes numbers; 't.hot' is a bool");
	}

	@Test
	public void assigningTheHandlersThread() throws Exception {
		String text = policy("""
				on tick(t) { t = none; }""");
		assertIssues(text, "ERROR 2:14 't' is bound by 'on tick(t)' and cannot be assigned");
		assertCodes(text, IssueCodes.NOT_ASSIGNABLE);
	}

	@Test
	public void assigningAParam() throws Exception {
		assertIssues(policy("""
				param int n = 1 in [0, 5];
				on tick(t) { n = 2; }"""),
				"ERROR 3:14 param 'n' cannot be assigned: params are fixed when the policy is loaded");
	}

	@Test
	public void aParamDefaultOutsideItsRange() throws Exception {
		String text = policy("""
				param time slice = 200ms in [1ms, 100ms];
				on tick(t) { if (now > slice) { t => self.q; } }""");
		assertIssues(text, "ERROR 2:20 the default of 'slice', 200ms, is outside its range [1ms, 100ms]");
		assertCodes(text, IssueCodes.PARAM_RANGE);
	}

	@Test
	public void aParamDefaultOfTheWrongType() throws Exception {
		assertIssues(policy("""
				param time slice = true;
				on tick(t) { if (now > slice) { t => self.q; } }"""),
				"ERROR 2:20 the default of 'slice' must be a time; 'true' is a bool");
	}

	@Test
	public void aRangeOnABoolParam() throws Exception {
		assertIssues(policy("""
				param bool fair = true in [0, 1];
				on tick(t) { if (fair) { t => self.q; } }"""),
				"ERROR 2:28 only an int or time param has a range; 'fair' is a bool");
	}

	@Test
	public void anEmptyParamRange() throws Exception {
		assertIssues(policy("""
				param int n = -1 in [5, -5];
				on tick(t) { t.load = n; }"""),
				"ERROR 2:22 the range of 'n' is empty: 5 is more than -5");
	}

	@Test
	public void assigningSelfCurrent() throws Exception {
		assertIssues(policy("""
				on tick(t) { self.current = t; }"""),
				"ERROR 2:14 'self.current' cannot be assigned: a thread gets there by 'x => self.current'");
	}

	@Test
	public void subtractingAThread() throws Exception {
		assertIssues(policy("""
				on tick(t) { t.load -= t; }"""),
				"ERROR 2:24 '-=' takes numbers; 't' is a thread");
	}

	@Test
	public void anAttributeInitialisedWithTheWrongType() throws Exception {
		String text = policy("""
				thread { time since = true; }""");
		assertIssues(text, "ERROR 2:23 the initial value of 'since' must be a time; 'true' is a bool");
		assertCodes(text, IssueCodes.INITIAL_VALUE_TYPE);
	}

	@Test
	public void aLocalInitialisedWithNone() throws Exception {
		String text = policy("""
				on schedule {
					var next = none;
					if (!empty(self.q)) {
						next = first(self.q);
					}
					if (next != none) {
						next => self.current;
					}
				}""");
		assertIssues(text,
				"ERROR 3:13 the type of 'next' cannot be told from 'none': declare it, as in 'var thread next = none;'"
						+ " or 'var core next = none;'");
		assertCodes(text, IssueCodes.LOCAL_TYPE_UNKNOWN);
	}

	@Test
	public void aDeclaredLocalMayStartAsNone() throws Exception {
		assertIssues(policy("""
				function core emptiest() {
					var core best = none;
					foreach c in cores {
						if (best == none || size(c.q) < size(best.q)) {
							best = c;
						}
					}
					return best;
				}
				on new(t) { t => emptiest().q; }
				on schedule {
					var thread next = none;
					if (!empty(self.q)) {
						next = first(self.q);
					}
					if (next != none) {
						next => self.current;
					}
				}"""));
	}

	@Test
	public void aConditionalNeedsABoolAndTwoSidesOfOneType() throws Exception {
		String text = policy("""
				function int a(int x) = x ? 1 : 2;
				function int b(int x) = x > 0 ? 1 : self;
				function core c(thread t) = t == none ? none : cpu(t);
				function int d(int x) = x > 0 ? size(self.q) : 4ms;
				function int e(int x) = size(x > 0 ? self.q : cores);
				on new(t) { t => c(t).q; }
				on tick(t) { t.load = a(1) + b(2) + d(3) + e(4); }""");
		assertIssues(text,
				"ERROR 2:25 the condition of '? :' must be a bool; 'x' is an int",
				"ERROR 3:37 the two sides of '? :' must have one type; '1' is an int and 'self' is a core",
				"ERROR 6:47 '? :' chooses between values or two queues, not sets of cores; 'self.q' is a queue and 'cores' is a"
						+ " core set");
		assertCodes(text, IssueCodes.CONDITION_NOT_BOOL, IssueCodes.CONDITIONAL_SIDES, IssueCodes.CONDITIONAL_SIDES);
	}

	@Test
	public void aDeclaredLocalTakesOnlyValuesOfItsType() throws Exception {
		String text = policy("""
				on tick(t) {
					var core c = t;
					var int n = self;
					var time d = 5;
					t.load = n + d + size(c.q);
				}""");
		assertIssues(text,
				"ERROR 3:15 'c' is declared a core; 't' is a thread",
				"ERROR 4:14 'n' is declared an int; 'self' is a core");
		assertCodes(text, IssueCodes.ASSIGNMENT_TYPE, IssueCodes.ASSIGNMENT_TYPE);
	}

	// ---------------------------------------------------------------- functions and calls

	@Test
	public void aFunctionThatCanEndWithoutReturning() throws Exception {
		String text = policy("""
				function int weight(core c) {
					if (runnable(c) > 0) {
						return 1;
					}
				}
				on tick(t) { t.load = weight(self); }""");
		assertIssues(text, "ERROR 2:14 function 'weight' can end without returning an int: on the path where"
				+ " 'if (runnable(c) > 0)' (line 3) is false");
		assertCodes(text, IssueCodes.MISSING_RETURN);
	}

	@Test
	public void aFunctionReturningTheWrongType() throws Exception {
		String text = policy("""
				function bool loaded(core c) = runnable(c);""");
		assertIssues(text,
				"ERROR 2:32 function 'loaded' returns a bool; 'runnable(c)' is an int");
		assertCodes(text, IssueCodes.RETURN_TYPE);
	}

	@Test
	public void aCallWithAnArgumentOfTheWrongType() throws Exception {
		String text = policy("""
				function int w(core c) = runnable(c);
				on tick(t) { t.load = w(t); }""");
		assertIssues(text, "ERROR 3:25 parameter 'c' of 'w' is a core; 't' is a thread");
		assertCodes(text, IssueCodes.CALL_ARGUMENT_TYPE);
	}

	@Test
	public void aCallWithTooManyArguments() throws Exception {
		String text = policy("""
				function int w(core c) = runnable(c);
				on tick(t) { t.load = w(self, self); }""");
		assertIssues(text,
				"ERROR 3:23 'w' takes 1 argument, not 2");
		assertCodes(text, IssueCodes.CALL_ARITY);
	}

	@Test
	public void aBuiltinWithAnArgumentOfTheWrongType() throws Exception {
		String text = policy("""
				on tick(t) { if (empty(self)) { t => self.q; } }""");
		assertIssues(text, "ERROR 2:24 'empty' takes a queue; 'self' is a core");
		assertCodes(text, IssueCodes.BUILTIN_ARGUMENT_TYPE);
	}

	@Test
	public void builtinsOfThreadsAndNumbers() throws Exception {
		assertIssues(policy("""
				on tick(t) { if (cpu(self) == self && abs(t) > 0) { t => self.q; } }"""),
				"ERROR 2:22 'cpu' takes a thread; 'self' is a core",
				"ERROR 2:43 'abs' takes a number; 't' is a thread");
	}

	@Test
	public void aBuiltinWithTooFewArguments() throws Exception {
		String text = policy("""
				on tick(t) { t.load = size(domain(self)); }""");
		assertIssues(text,
				"ERROR 2:28 'domain' takes 2 arguments, not 1");
		assertCodes(text, IssueCodes.BUILTIN_ARITY);
	}

	// ---------------------------------------------------------------- collections

	@Test
	public void minWithoutKey() throws Exception {
		String text = policy("""
				on tick(t) { if (t == min(u in self.q)) { t => self.q; } }""");
		assertIssues(text, "ERROR 2:23 'min' needs a key: write 'min(x in ... by key)'");
		assertCodes(text, IssueCodes.AGGREGATE_KEY);
	}

	@Test
	public void countWithAKey() throws Exception {
		assertIssues(policy("""
				on tick(t) { t.load = count(u in self.q by u.load); }"""),
				"ERROR 2:44 'count' takes no key ('by' or 'of')");
	}

	@Test
	public void affinityOfACore() throws Exception {
		assertIssues(policy("""
				on tick(t) { if (self in affinity(self)) { t => self.q; } }"""),
				"ERROR 2:35 'affinity' takes a thread; 'self' is a core");
	}

	@Test
	public void firstWithAKey() throws Exception {
		assertIssues(policy("""
				on tick(t) { if (first(u in self.q where self in affinity(u) by u.load) == t) { t => self.q; } }"""),
				"ERROR 2:65 'first' takes no key ('by' or 'of')");
	}

	@Test
	public void firstWhereIsAThreadOfTheQueue() throws Exception {
		assertIssues(policy("""
				on tick(t) { if (first(u in self.q where self in affinity(u)) != t) { t => self.q; } }"""));
	}

	@Test
	public void sumOverAnInt() throws Exception {
		String text = policy("""
				on tick(t) { t.load = sum(u in t.load of 1); }""");
		assertIssues(text,
				"ERROR 2:32 'sum' ranges over a queue or a set of cores; 't.load' is an int");
		assertCodes(text, IssueCodes.AGGREGATE_COLLECTION);
	}

	@Test
	public void foreachOverAnInt() throws Exception {
		String text = policy("""
				on tick(t) {
					foreach x in t.load {
					}
				}""");
		assertIssues(text, "ERROR 3:15 foreach ranges over a queue or a set of cores, so that every loop is bounded;"
				+ " 't.load' is an int");
		assertCodes(text, IssueCodes.FOREACH_COLLECTION);
	}

	// ---------------------------------------------------------------- threads, cores, queues

	@Test
	public void currentOfAThread() throws Exception {
		String text = policy("""
				on tick(t) { if (t.current == none) { t => self.q; } }""");
		assertIssues(text, "ERROR 2:20 '.current' is the running thread of a core; 't' is a thread");
		assertCodes(text, IssueCodes.CURRENT_NOT_ON_CORE);
	}

	@Test
	public void movingAnInt() throws Exception {
		String text = policy("""
				on tick(t) { t.load => self.q; }""");
		assertIssues(text,
				"ERROR 2:14 only a thread or a core can move; 't.load' is an int");
		assertCodes(text, IssueCodes.MOVED_NOT_THREAD_OR_CORE);
	}

	@Test
	public void aQueueOrderedByABool() throws Exception {
		String text = policy("""
				thread { bool hot = false; }
				shared queue hotq ordered by highest hot;
				on yield(t) { t => hotq; }""");
		assertIssues(text,
				"ERROR 3:38 queue 'hotq' must be ordered by a number; 'hot' is a bool");
		assertCodes(text, IssueCodes.ORDER_KEY_TYPE);
	}

	// ---------------------------------------------------------------- the steal

	@Test
	public void migratingFromAQueueOfTheThief() throws Exception {
		String text = policy("""
				on balance every 4ms {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from self.q;
					stop: runnable(self) >= 1;
				}""");
		assertIssues(text, "ERROR 5:17 'migrate' takes threads from a queue of the victim 'c', such as 'c.q';"
				+ " 'self.q' is not one of c's queues");
		assertCodes(text, IssueCodes.STEAL_SOURCE);
	}

	@Test
	public void migratingFromOneOfTwoQueuesOfTheVictim() throws Exception {
		assertIssues(policy("""
				on balance every 4ms {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from empty(c.q) ? c.q : c.q;
					stop: runnable(self) >= 1;
				}"""));
	}

	@Test
	public void aChoiceOfQueuesWithOneOfTheThief() throws Exception {
		String text = policy("""
				on balance every 4ms {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from empty(c.q) ? c.q : self.q;
					stop: runnable(self) >= 1;
				}""");
		assertIssues(text, "ERROR 5:17 'migrate' takes threads from a queue of the victim 'c', such as 'c.q';"
				+ " 'empty(c.q) ? c.q : self.q' is not one of c's queues");
		assertCodes(text, IssueCodes.STEAL_SOURCE);
	}

	@Test
	public void aFilterThatIsNotABool() throws Exception {
		assertIssues(policy("""
				on balance every 4ms {
					filter c: runnable(c);
					select max by runnable(c);
					migrate u from c.q;
					stop: runnable(self) >= 1;
				}"""),
				"ERROR 3:12 the filter must be a bool; 'runnable(c)' is an int");
	}

	@Test
	public void aSelectKeyThatIsNotANumber() throws Exception {
		String text = policy("""
				on balance every 4ms {
					filter c: runnable(c) >= 2;
					select max by c;
					migrate u from c.q;
					stop: runnable(self) >= 1;
				}""");
		assertIssues(text,
				"ERROR 4:16 the key of 'select' must be a number; 'c' is a core");
		assertCodes(text, IssueCodes.STEAL_KEY);
	}

	@Test
	public void aMigrateKeyAndStopConditionOfTheWrongTypes() throws Exception {
		assertIssues(policy("""
				on balance every 4ms {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from c.q ordered by lowest u where u.load;
					stop: 1;
				}"""),
				"ERROR 5:39 the key of 'ordered by' must be a number; 'u' is a thread",
				"ERROR 5:47 the condition after 'where' must be a bool; 'u.load' is an int",
				"ERROR 6:8 the stop condition must be a bool; '1' is an int");
	}

	@Test
	public void aPeriodThatIsNotATime() throws Exception {
		String text = policy("""
				on balance every 4 on enter_idle {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate u from c.q;
					stop: runnable(self) >= 1;
				}""");
		assertIssues(text, "ERROR 2:18 the period of 'every' is a time, such as 4ms; '4' is an int");
		assertCodes(text, IssueCodes.PERIOD_TYPE);
	}

	// ---------------------------------------------------------------- constants, tables and numeric builtins

	@Test
	public void aConstantCore() throws Exception {
		String text = policy("""
				const core boss = none;""");
		assertIssues(text, "ERROR 2:7 a constant is an int, a time or a bool, not a core",
				"WARNING 2:12 constant 'boss' is never read");
		assertCodes(text, IssueCodes.CONSTANT_KIND, IssueCodes.UNUSED_CONSTANT);
	}

	@Test
	public void aConstantOfTheWrongType() throws Exception {
		String text = policy("""
				const bool fast = 3;
				thread { bool f = fast; }""");
		assertIssues(text, "ERROR 2:19 the value of 'fast' must be a bool; '3' is an int");
		assertCodes(text, IssueCodes.INITIAL_VALUE_TYPE);
	}

	@Test
	public void aTableElementOfTheWrongType() throws Exception {
		String text = policy("""
				const int w[] = { 1, true, 3 };
				thread { int x = w[0]; }""");
		assertIssues(text, "ERROR 2:22 the elements of 'w' must be ints; 'true' is a bool");
		assertCodes(text, IssueCodes.INITIAL_VALUE_TYPE);
	}

	@Test
	public void indexingSomethingThatIsNoTable() throws Exception {
		String text = policy("""
				on tick(t) { t.load = t.load[2]; }""");
		assertIssues(text, "ERROR 2:23 only a constant table can be indexed; 't.load' is an int");
		assertCodes(text, IssueCodes.NOT_A_TABLE);
	}

	@Test
	public void aTimeIndex() throws Exception {
		String text = policy("""
				const int w[] = { 1, 2 };
				on tick(t) { t.load = w[now]; }""");
		assertIssues(text, "ERROR 3:25 a table index is an int; 'now' is a time");
		assertCodes(text, IssueCodes.INDEX_TYPE);
	}

	@Test
	public void aConstantIndexOutsideItsTable() throws Exception {
		String text = policy("""
				const int n = 2;
				const int w[] = { 1, 2 };
				on tick(t) { t.load = w[n] + w[n - 3] + w[t.load]; }""");
		assertIssues(text, "ERROR 4:25 index 2 is outside table 'w', whose indexes are 0 to 1",
				"ERROR 4:32 index -1 is outside table 'w', whose indexes are 0 to 1");
		assertCodes(text, IssueCodes.INDEX_OUT_OF_RANGE, IssueCodes.INDEX_OUT_OF_RANGE);
	}

	@Test
	public void aTableWithoutAnIndex() throws Exception {
		String text = policy("""
				const int w[] = { 1, 2 };
				on tick(t) { t.load = w + 1; }""");
		assertIssues(text, "ERROR 3:23 'w' is a table: read one element, as in 'w[i]'",
				"ERROR 3:23 operator '+' takes numbers; 'w' is a table");
		assertCodes(text, IssueCodes.TABLE_NOT_INDEXED, IssueCodes.ARITHMETIC_OPERAND);
	}

	@Test
	public void assigningAConstantAndATableElement() throws Exception {
		assertIssues(policy("""
				const int n = 2;
				const int w[] = { 1, 2 };
				on tick(t) { n = 3; w[0] = 4; }"""),
				"ERROR 4:14 constant 'n' cannot be assigned",
				"ERROR 4:21 'w[0]' is an element of a constant table and cannot be assigned");
	}

	@Test
	public void numericBuiltinsOfTheWrongArity() throws Exception {
		String text = policy("""
				on tick(t) { t.load = min(t.load) + clamp(t.load, 1) + log2(1, 2); }""");
		assertIssues(text, "ERROR 2:23 'min' takes 2 arguments, not 1",
				"ERROR 2:37 'clamp' takes 3 arguments, not 2",
				"ERROR 2:56 'log2' takes 1 argument, not 2");
		assertCodes(text, IssueCodes.BUILTIN_ARITY, IssueCodes.BUILTIN_ARITY, IssueCodes.BUILTIN_ARITY);
	}

	@Test
	public void aNumericBuiltinOfACore() throws Exception {
		String text = policy("""
				on tick(t) { t.load = max(t.load, self); }""");
		assertIssues(text, "ERROR 2:35 'max' takes two numbers; 'self' is a core");
		assertCodes(text, IssueCodes.BUILTIN_ARGUMENT_TYPE);
	}

	@Test
	public void scalarMinAndAggregateMinSideBySide() throws Exception {
		assertIssues(policy("""
				function core least() = min(c in cores by runnable(c));
				on tick(t) { t.load = min(runnable(least()), max(t.load, 0)); }"""));
	}
}
