package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.CompiledPolicy;

/** Frozen time is an under-approximation; letting time advance finds what depends on it. */
class TimeTest {
	private static final CompiledPolicy WARMUP = TestPolicies.load("warmup_steal");

	@Test
	void withFrozenTimeTheWarmUpBugIsInvisible() {
		assertEquals(Result.Verdict.HOLDS, Verifier.verify(WARMUP, VerifyOptions.of(Property.WC, 3, 4)).verdict());
	}

	@Test
	void advancingTimeFindsIt() {
		Result r = Verifier.verify(WARMUP,
				VerifyOptions.of(Property.WC, 3, 4).withTime(List.of(5_000_000L), 20_000_000L));
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		List<String> events = cx.steps().stream().map(TraceStep::event).toList();
		assertEquals(2, events.stream().filter("advance"::equals).count(), "8ms needs two 5ms steps: " + events);
		TraceStep last = cx.steps().get(cx.steps().size() - 1);
		assertEquals(10_000_000L, last.now());
		assertTrue(cx.verdict().contains("is idle while"), cx.verdict());
	}

	@Test
	void theHorizonBoundsTime() {
		Result r = Verifier.verify(WARMUP, VerifyOptions.of(Property.CWC, 2, 3).withTime(List.of(5_000_000L),
				5_000_000L).withVaryParams(false));
		assertEquals(Result.Verdict.HOLDS, r.verdict(), "time never reaches the 8ms warm-up within a 5ms horizon");
	}

	/** The warm-up's range starts at 1ms, which a 5ms horizon does reach: the range is explored, not the default only. */
	@Test
	void aShorterWarmUpOfTheRangeIsReachedWithinTheHorizon() {
		Result r = Verifier.verify(WARMUP,
				VerifyOptions.of(Property.CWC, 2, 3).withTime(List.of(5_000_000L), 5_000_000L));
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		assertEquals("warmup = 1ms", r.counterexample().orElseThrow().paramValues());
	}

	/**
	 * rr_steal reads a difference of time points (now - t.picked_at >= slice): a window narrower than the
	 * time steps merges states that differ in it, and the first line says the verdict is approximate.
	 */
	@Test
	void aWindowThatMergesDifferencesThePolicyReadsMakesTheVerdictApproximate() {
		CompiledPolicy rr = TestPolicies.load("rr_steal");
		VerifyOptions o = VerifyOptions.of(Property.WC, 2, 2).withTime(List.of(5_000_000L), 10_000_000L)
				.withVaryParams(false);
		String common = "≤ 2 cores, ≤ 2 threads, every thread may run on any core (the policy never reads affinity(t));"
				+ " flat topology; parameters at their defaults; time advances by 5ms up to 10ms";
		Result narrow = Verifier.verify(rr, o.withTimeWindows(1_000_000L, 0));
		assertEquals(Result.Verdict.HOLDS, narrow.verdict());
		assertEquals(common + "; approximate: time differences beyond 1ms (now) and 1ns (other clocks) not"
				+ " distinguished", narrow.bounds(2));
		assertEquals(common, Verifier.verify(rr, o).bounds(2), "the default window is the horizon: exact");
	}

	@Test
	void durationsParseAndPrintInTheLanguagesUnits() {
		assertEquals(4_000_000L, Durations.parse("4ms"));
		assertEquals(250_000L, Durations.parse("250us"));
		assertEquals(2_000_000_000L, Durations.parse("2s"));
		assertThrows(IllegalArgumentException.class, () -> Durations.parse("7"), "a duration needs a unit");
		assertEquals("4ms", Durations.format(4_000_000L));
		assertEquals("1500ns", Durations.format(1500));
		assertEquals("0ns", Durations.format(0));
	}
}
