package org.policy.dsl.tests.validation;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import java.time.Duration;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;

/**
 * Text written to break the checker: each gets one clear message at the place it is about, and
 * nothing else (no cascade of errors that only follow from the first).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class HostileTextTest extends ValidationAssertions {

	// ---------------------------------------------------------------- int literals are 64 bits

	@Test
	public void intLiteralsHave64Bits() throws Exception {
		assertIssues(policy("""
				param int big = 9223372036854775807;
				param int small = -9223372036854775808;
				on tick(t) { t.load = big + small + 3000000000; }"""));
	}

	@Test
	public void anIntLiteralBeyond64BitsIsOneError() throws Exception {
		assertIssues(policy("""
				on tick(t) { t.load = 9223372036854775809; }"""),
				"ERROR 2:23 the int 9223372036854775809 is too large: an int is at most 9223372036854775807");
	}

	@Test
	public void twoToThe63IsOnlyAnIntAfterAMinus() throws Exception {
		assertIssues(policy("""
				on tick(t) { t.load = 9223372036854775808; }"""),
				"ERROR 2:23 the int 9223372036854775808 is too large: an int is at most 9223372036854775807");
	}

	// ---------------------------------------------------------------- locals that depend on locals

	@Test
	public void localsThatEachUseTheOneBeforeTwiceAreTypedOnce() throws Exception {
		// typed afresh at each use, v60 would cost 2^60 steps (and a long chain overflowed the stack)
		StringBuilder body = new StringBuilder("var v0 = 1;\n");
		for (int i = 1; i <= 60; i++) {
			body.append("var v").append(i).append(" = v").append(i - 1).append(" + v").append(i - 1).append(";\n");
		}
		String text = policy("on tick(t) {\n" + body + "t.load = v60;\n}");
		// a bound 1000 times what it takes, against the exponential case only: it cannot flake
		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertIssues(text));
	}

	// ---------------------------------------------------------------- a syntax error and nothing else

	@Test
	public void aSyntaxErrorIsNotFollowedByMissingHandlers() throws Exception {
		assertIssues("""
				policy p {
				core { queue q ordered by fifo; }
				on new(t) { t => self.q }
				on tick(t) { }
				on yield(t) { t => self.q; }
				on block(t) { t => blocked; }
				on unblock(t) { t => cpu(t).q; }
				on terminate(t) { t => terminated; }
				on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }
				}
				""", "ERROR 3:25 missing ';' at '}'");
	}

	@Test
	public void aLostHandlerBodyIsOnlyItsSyntaxError() throws Exception {
		assertIssues("""
				policy p {
				param int unused = 1;
				core { queue q ordered by fifo; }
				on new(t) { t => self.q; +
				""", "ERROR 4:26 mismatched input '+' expecting '}'", "ERROR 4:27 mismatched input '<EOF>' expecting '}'");
	}

	// ---------------------------------------------------------------- a call is no statement

	@Test
	public void aCallAsAStatementIsOneClearError() throws Exception {
		assertIssues(policy("""
				function int resched(core c) = 1;
				on tick(t) { resched(self); }"""),
				"ERROR 3:14 a function call is not a statement: 'resched(self)' only computes a value (functions"
						+ " cannot change anything); use the value, as in 'var x = resched(self);'");
	}

	@Test
	public void aBuiltinCallAsAStatementIsTheSameError() throws Exception {
		assertIssues(policy("""
				on tick(t) { empty(self.q); }"""),
				"ERROR 2:14 a function call is not a statement: 'empty(self.q)' only computes a value (functions"
						+ " cannot change anything); use the value, as in 'var x = empty(self.q);'");
	}

	@Test
	public void anotherExpressionAsAStatementSaysWhatAStatementIs() throws Exception {
		assertIssues(policy("""
				on tick(t) { t.load + 1; }"""),
				"ERROR 2:14 't.load + 1' is not a statement: a statement assigns ('x = e;', 'x += e;', 'x -= e;'),"
						+ " moves a thread ('t => destination;'), declares ('var x = e;') or is an if, a foreach or a"
						+ " return");
	}

	// ---------------------------------------------------------------- periods are positive

	private static final String BALANCE = """
			on balance every %s {
				filter c : runnable(c) >= 2;
				select max by runnable(c);
				migrate m from c.q;
				stop : runnable(self) >= 1;
			}""";

	@Test
	public void aZeroPeriodIsAnError() throws Exception {
		assertIssues(policy(BALANCE.formatted("0ns")),
				"ERROR 2:18 the period of 'every' must be more than 0; it is 0ns");
	}

	@Test
	public void aNegativePeriodIsAnError() throws Exception {
		assertIssues(policy(BALANCE.formatted("-5ms")),
				"ERROR 2:18 the period of 'every' must be more than 0; it is -5ms");
	}

	@Test
	public void aPeriodParamNeedsARangeAbove0() throws Exception {
		assertIssues(policy("param time p = 4ms;\n" + BALANCE.formatted("p")),
				"ERROR 3:18 the period of 'every' must be more than 0, but param 'p' has no range and could be set"
						+ " to 0: give it one, as in 'in [1ms, 1s]'");
		assertIssues(policy("param time p = 4ms in [0ns, 1s];\n" + BALANCE.formatted("p")),
				"ERROR 3:18 the period of 'every' must be more than 0, but the range of param 'p' starts at 0ns");
		assertIssues(policy("param time p = 4ms in [1ms, 1s];\n" + BALANCE.formatted("p")));
	}

	@Test
	public void aComputedPeriodIsAnError() throws Exception {
		assertIssues(policy("param time p = 4ms in [1ms, 1s];\n" + BALANCE.formatted("p - 1ms")),
				"ERROR 3:18 the period of 'every' must be a duration, such as 4ms, or a param; 'p - 1ms' could be 0"
						+ " or less");
	}
}
