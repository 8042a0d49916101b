package org.policy.dsl.tests.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.antlr.runtime.ANTLRStringStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.parser.NestingLimit;
import org.policy.dsl.parser.antlr.internal.InternalPolicyLexer;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.Topology;

/**
 * Text nested deeper than {@link NestingLimit#MAX_DEPTH} gets one positioned error and no model; text
 * at the limit loads, compiles and runs, even on a thread with half the JVM's default stack, so that
 * no stage after the parser can overflow on a policy the checker accepted.
 */
class NestingLimitTest {
	private static final String TOO_DEEP = "expression nested too deeply (more than 200 levels)";
	private static final PolicyLoader LOADER = new PolicyLoader();

	private static List<String> errors(String text) {
		return LOADER.loadText("deep.policy", text).diagnostics().stream().filter(Diagnostic::isError)
				.map(Diagnostic::format).toList();
	}

	@Test
	void parenthesesDeeperThanTheLimitAreOneErrorAtTheFirstParenthesisTooMany() {
		// the tick handler's block is at depth 2, so the 199th parenthesis is at depth 201
		assertEquals(List.of("deep.policy:12:209: error: " + TOO_DEEP),
				errors(DeepPolicies.PARENTHESES.nested(500)));
	}

	@Test
	void aLongSumIsAsDeepAsItIsLong() {
		// "1 + 1 + ...": the 199th '+' is at depth 201; each " + 1" is 4 columns, from column 13
		assertEquals(List.of("deep.policy:12:" + (13 + 4 * 198) + ": error: " + TOO_DEEP),
				errors(DeepPolicies.SUM.nested(10_000)));
	}

	@Test
	void nestedIfsAreLimitedAtTheOperatorOfTheirCondition() {
		// "if (k > 0) { " is 13 columns from column 3; the 198th if's '{' is at depth 200, its '>' at 201
		assertEquals(List.of("deep.policy:13:" + (3 + 13 * 197 + 6) + ": error: " + TOO_DEEP),
				errors(DeepPolicies.IFS.nested(500)));
	}

	@Test
	void nestedBlocksAreLimitedAtTheParenthesisOfTheirCondition() {
		// "if (true) { " is 12 columns from column 3; the 199th if's '(' (and '{') are at depth 201
		assertEquals(List.of("deep.policy:13:" + (3 + 12 * 198 + 3) + ": error: " + TOO_DEEP),
				errors(DeepPolicies.BLOCKS.nested(300)));
	}

	@ParameterizedTest
	@EnumSource(DeepPolicies.class)
	void everyShapeFarBeyondTheLimitIsOneErrorAndNoModel(DeepPolicies shape) {
		for (int n : new int[] { 500, 10_000, 1_000_000 }) {
			LoadedPolicy loaded = LOADER.loadText("deep.policy", shape.nested(n));
			List<Diagnostic> errors = loaded.diagnostics().stream().filter(Diagnostic::isError).toList();
			assertEquals(1, errors.size(), () -> shape + " " + n + ": " + errors);
			assertTrue(errors.get(0).message().matches("(expression|statements) nested too deeply \\(more than 200 levels\\)"),
					errors.get(0)::format);
			assertTrue(errors.get(0).line() == 12 || errors.get(0).line() == 13, errors.get(0)::format);
			assertTrue(loaded.policy().isEmpty(), "no model to check or run");
		}
	}

	/** The deepest nesting of this shape that the limit lets through: found by counting, not parsing. */
	private static int deepestAccepted(DeepPolicies shape) {
		int n = 0;
		while (NestingLimit.firstExcess(new InternalPolicyLexer(new ANTLRStringStream(shape.nested(n + 1)))).isEmpty()) {
			n++;
		}
		return n;
	}

	@ParameterizedTest
	@EnumSource(DeepPolicies.class)
	void everyShapeAtTheLimitChecksCompilesAndRunsOnASmallStack(DeepPolicies shape) throws Exception {
		int n = deepestAccepted(shape);
		assertTrue(n >= 60, shape + " accepts only " + n + " levels");
		assertFalse(errors(shape.nested(n + 1)).isEmpty(), "one more level is refused");
		AtomicReference<Throwable> failure = new AtomicReference<>();
		// half of the JVM's default stack (1 MB on 64-bit Linux), as a margin for deeper callers
		Thread small = new Thread(null, () -> {
			try {
				LoadedPolicy loaded = LOADER.loadText("deep.policy", shape.nested(n));
				List<Diagnostic> errors = loaded.diagnostics().stream().filter(Diagnostic::isError).toList();
				if (shape == DeepPolicies.FOREACHES) {
					// the checks ran to the end on it; loops deeper than CostChecks allows never reach the compiler
					assertEquals(1, errors.size(), errors.toString());
					assertTrue(errors.get(0).message().startsWith("loops nested " + n + " deep"), errors.toString());
					return;
				}
				assertEquals(List.of(), errors);
				CompiledPolicy policy = loaded.compile();
				Interpreter interpreter = policy.newInterpreter();
				Machine machine = policy.newMachine(Topology.flat(1), 1);
				interpreter.initialise(machine);
				interpreter.create(machine, 0, 0);
				interpreter.schedule(machine, 0);
				interpreter.tick(machine, 0);
			} catch (Throwable t) {
				failure.set(t);
			}
		}, "small-stack", 512 * 1024);
		small.start();
		small.join();
		if (failure.get() != null) {
			// the frames that recur tell where the recursion is (surefire trims the cause's trace)
			String frames = java.util.Arrays.stream(failure.get().getStackTrace()).map(String::valueOf).distinct()
					.limit(40).collect(java.util.stream.Collectors.joining("\n  "));
			throw new AssertionError(shape + " at " + n + " levels: " + failure.get() + "\n  " + frames, failure.get());
		}
	}
}
