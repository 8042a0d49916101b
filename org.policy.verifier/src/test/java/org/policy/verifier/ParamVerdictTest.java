package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.report.CounterexampleText;

/**
 * A verdict covers every value of a parameter's declared range (docs/verification.md, "Parameters").
 * steal_thresh robs only cores with at least steal_thresh runnable threads: work-conserving at its default
 * 2, not at 3.
 */
class ParamVerdictTest {
	private static final CompiledPolicy POLICY = TestPolicies.load("steal_thresh");

	@Test
	void aValueOfTheRangeOtherThanTheDefaultHasACounterexampleNamingIt() {
		Result r = Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 2, 4));
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(Map.of("steal_thresh", 3L), cx.params(), "the replay and the counterexample file use it");
		assertEquals("steal_thresh: work conservation (WC) does not hold on 2 cores (at most 4 live threads); every"
				+ " thread may run on any core (the policy never reads affinity(t)); with steal_thresh = 3",
				CounterexampleText.render(cx).lines().findFirst().orElseThrow());
	}

	@Test
	void theDefaultsAloneHoldAndTheFirstLineSaysSo() {
		Result r = Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 2, 4).withVaryParams(false));
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals("every thread may run on any core (the policy never reads affinity(t)); flat topology; parameters"
				+ " at their defaults; time frozen at 0", r.bounds(2).substring("≤ 2 cores, ≤ 4 threads, ".length()));
	}

	@Test
	void aValueFixedWithMinusPIsTheOnlyOneExploredAndNamed() {
		Result r = Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 2, 4).withParams(Map.of("steal_thresh", 2L)));
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals("≤ 2 cores, ≤ 4 threads, every thread may run on any core (the policy never reads affinity(t));"
				+ " flat topology; parameters steal_thresh = 2 (-P); slice = 1ms, 5500us, 10ms, 505ms, 1s (bounds,"
				+ " default and halfway points of [1ms, 1s]); time frozen at 0", r.bounds(2));
	}

	@Test
	void aSmallRangeIsExploredAtEveryValueAndNamedOnTheFirstLine() {
		CompiledPolicy holds = TestPolicies.parse(TestPolicies.mutate(TestPolicies.text("steal_thresh"),
				"in [1, 4]", "in [1, 2]"), "steal_thresh12.policy");
		Result r = Verifier.verify(holds, VerifyOptions.of(Property.WC, 2, 4));
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals("≤ 2 cores, ≤ 4 threads, every thread may run on any core (the policy never reads affinity(t));"
				+ " flat topology; parameters steal_thresh = 1, 2 (every value of its range); slice = 1ms, 5500us, 10ms,"
				+ " 505ms, 1s (bounds, default and halfway points of [1ms, 1s]), in every combination; time frozen at 0",
				r.bounds(2));
	}

	/** A bool takes both values; an int without a declared range only its default, which the first line says. */
	@Test
	void aBoolTakesBothValuesAndAnOpenRangeOnlyItsDefault() {
		Result r = Verifier.verify(TestPolicies.load("open_param"), VerifyOptions.of(Property.WC, 2, 3));
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals("≤ 2 cores, ≤ 3 threads, every thread may run on any core (the policy never reads affinity(t));"
				+ " flat topology; parameters limit = 2 (its default: no bounded range); eager = false, true (every value"
				+ " of its range); time frozen at 0", r.bounds(2));
	}
}
