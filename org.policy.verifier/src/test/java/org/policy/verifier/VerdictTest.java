package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.policy.dsl.semantics.CompiledPolicy;

/** Expected verdicts of the small, faithful policies in src/test/resources/policies. */
class VerdictTest {
	/** What the first line says of affinity for a policy that never reads it. */
	private static final String EVERYWHERE = "every thread may run on any core (the policy never reads affinity(t))";

	static Result verify(CompiledPolicy policy, Property property, int cores, int threads) {
		return Verifier.verify(policy, VerifyOptions.of(property, cores, threads));
	}

	@ParameterizedTest
	@EnumSource(Property.class)
	void globalFifoHolds(Property property) {
		Result r = verify(TestPolicies.load("global_fifo"), property, 5, 7);
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals(5, r.provedCores());
	}

	@ParameterizedTest
	@EnumSource(Property.class)
	void perCoreRoundRobinWithAWorkConservingStealHolds(Property property) {
		assertEquals(Result.Verdict.HOLDS, verify(TestPolicies.load("rr_steal"), property, 5, 7).verdict());
	}

	@ParameterizedTest
	@EnumSource(Property.class)
	void cfsCwcHolds(Property property) {
		CompiledPolicy policy = TestPolicies.load("cfs_cwc");
		assertEquals(Result.Verdict.HOLDS, verify(policy, property, 5, 7).verdict());
	}

	/**
	 * A machine size where, within the thread bound, no thread ever waits for a core cannot show a
	 * violation whatever the balancing does: the verdict does not count it as proved, and names it as not
	 * checked.
	 */
	@ParameterizedTest
	@EnumSource(Property.class)
	void sizesWhereNoThreadEverWaitsAreNotCountedAsProved(Property property) {
		Result few = verify(TestPolicies.load("global_fifo"), property, 4, 3);
		assertEquals(Result.Verdict.HOLDS, few.verdict());
		assertEquals(List.of(3, 4), few.unexercised(), "3 threads never wait in the shared queue of 3 or 4 cores");
		assertTrue(few.summary().startsWith("holds for ≤ 2 cores, ≤ 3 threads, " + EVERYWHERE + "; flat topology; "
				+ "no parameters; time frozen at 0: "), few.summary());
		assertTrue(few.summary().endsWith("; not checked on 3, 4 cores: with ≤ 3 threads no thread ever waits for a"
				+ " core on 3, 4 cores, so nothing of the balancing is checked there (raise --threads)"), few.summary());
		Result enough = verify(TestPolicies.load("global_fifo"), property, 4, 5);
		assertEquals(List.of(), enough.unexercised());
		assertEquals(false, enough.summary().contains("not checked"));
	}

	/** When no size of two cores or more exercised anything, the verdict is not "holds" at all. */
	@Test
	void aVerdictWhereNoThreadEverWaitsIsNotCheckedRatherThanHolds() {
		Result one = verify(TestPolicies.load("global_fifo"), Property.WC, 3, 1);
		assertEquals(true, one.vacuous());
		assertTrue(one.summary().startsWith("not checked: with ≤ 1 threads no thread ever waits for a core on 2, 3"
				+ " cores, so nothing of the balancing is checked there (raise --threads); explored: ≤ 3 cores, ≤ 1"
				+ " threads, " + EVERYWHERE + "; flat topology; no parameters; time frozen at 0: "), one.summary());
	}

	/**
	 * A steal that is wrong only on one machine size (the filter excludes 3 cores) is not reported as
	 * holding there: threads do wait on 3 cores with 2 threads (the woken one returns to its busy core), so
	 * the size is checked, and the counterexample is on 3 cores.
	 */
	@Test
	void aFilterWrongOnlyOnThreeCoresIsFoundThere() {
		CompiledPolicy policy = TestPolicies.parse(TestPolicies.mutate(TestPolicies.text("rr_steal"),
				"filter c: runnable(c) >= 2;", "filter c: runnable(c) >= 2 && size(cores) != 3;"), "rr_steal3.policy");
		Result r = verify(policy, Property.CWC, 3, 2);
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		assertEquals(3, r.counterexample().orElseThrow().cores());
	}

	/**
	 * A policy that reads thread inputs is explored over a small domain of them (InputDomain), and the
	 * verdict's first line says which values; a policy that reads none explores exactly as before.
	 */
	@Test
	void aPolicyThatReadsThreadInputsIsProvedForTheExploredInputValuesAndTheVerdictSaysWhich() {
		String text = TestPolicies.text("global_fifo").replaceFirst("policy global_fifo \\{",
				"policy global_fifo_inputs {\n\tthread { input time deadline; input int weight; }");
		Result r = verify(TestPolicies.parse(text, "global_fifo_inputs.policy"), Property.WC, 3, 4);
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals(List.of("weight", "deadline"), r.inputsRead());
		assertTrue(r.summary().startsWith("holds for ≤ 3 cores, ≤ 4 threads, threads of nice 0 and -5 not real-time,"
				+ " or nice 0 and SCHED_DEADLINE (runtime, deadline, period) (1ms, 5ms, 10ms) or (1ms, 2ms, 10ms)"
				+ " (the policy reads weight, deadline), " + EVERYWHERE + "; "), r.summary());
		Result plain = verify(TestPolicies.load("global_fifo"), Property.WC, 3, 4);
		assertTrue(plain.summary().startsWith("holds for ≤ 3 cores, ≤ 4 threads, " + EVERYWHERE + "; "), plain.summary());
		assertTrue(r.states() > plain.states(), "the inputs are explored: " + r.states() + " > " + plain.states());
		String weightOnly = TestPolicies.text("global_fifo").replaceFirst("policy global_fifo \\{",
				"policy global_fifo_weight {\n\tthread { input int weight; }");
		assertTrue(verify(TestPolicies.parse(weightOnly, "global_fifo_weight.policy"), Property.WC, 3, 4).summary()
				.startsWith("holds for ≤ 3 cores, ≤ 4 threads, threads of nice 0 and -5 (the policy reads weight), "
						+ EVERYWHERE + "; "));
		String deadlineOnly = TestPolicies.text("global_fifo").replaceFirst("policy global_fifo \\{",
				"policy global_fifo_deadline {\n\tthread { input time deadline; }");
		assertTrue(verify(TestPolicies.parse(deadlineOnly, "global_fifo_deadline.policy"), Property.WC, 3, 4).summary()
				.startsWith("holds for ≤ 3 cores, ≤ 4 threads, threads not real-time or SCHED_DEADLINE (runtime, deadline,"
						+ " period) (1ms, 5ms, 10ms) or (1ms, 2ms, 10ms) (the policy reads deadline), " + EVERYWHERE + "; "));
	}

	/**
	 * weighted_filter's steal is right for equal weights and wrong when a core runs a heavier thread: the
	 * verifier finds it only because it creates threads of different nice values, and the counterexample
	 * says which thread had which.
	 */
	@ParameterizedTest
	@EnumSource(Property.class)
	void aStealThatIsWrongOnlyForUnequalWeightsIsFoundAndTheCounterexampleNamesTheNiceValues(Property property) {
		String equal = TestPolicies.text("weighted_filter").replace("input int weight;", "int weight = 1024;");
		assertEquals(Result.Verdict.HOLDS, verify(TestPolicies.parse(equal, "weighted_filter.policy"), property, 3, 4)
				.verdict(), "work-conserving when every thread weighs 1024");
		Result r = verify(TestPolicies.load("weighted_filter"), property, 3, 4);
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(2, cx.cores());
		String text = org.policy.verifier.report.CounterexampleText.render(cx);
		assertTrue(text.contains(" (nice -5)\n"), text);
		assertTrue(text.contains(" (nice 0)\n"), text);
		List<TraceStep> created = cx.steps().stream().filter(s -> s.event().equals("new")).toList();
		assertTrue(created.stream().allMatch(s -> s.inputs() != null));
		assertTrue(created.stream().anyMatch(s -> s.inputs().nice() == -5));
		assertTrue(cx.steps().stream().filter(s -> !s.event().equals("new")).allMatch(s -> s.inputs() == null));
	}

	/** A policy that reads no input: no input values on the verdict nor on its counterexample's steps. */
	@Test
	void aPolicyThatReadsNoInputSaysNothingOfInputs() {
		Counterexample cx = verify(TestPolicies.load("locality"), Property.WC, 3, 4).counterexample().orElseThrow();
		String text = org.policy.verifier.report.CounterexampleText.render(cx);
		assertTrue(!text.contains("nice"), text);
	}

	@ParameterizedTest
	@EnumSource(Property.class)
	void localityNeverStealsSoTwoCoresSuffice(Property property) {
		Result r = verify(TestPolicies.load("locality"), property, 4, 4);
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(2, cx.cores(), "the smallest machine that has a counterexample");
		assertEquals(1, r.provedCores(), "one core cannot violate anything");
		assertEquals(1, cx.idleCore());
	}

	/**
	 * Linux-style load balancing: core 0 holds two threads that each blocked once (weight 512), so its load
	 * (1024) does not exceed the idle core's by more than the imbalance (1024): the filter misses it.
	 */
	@ParameterizedTest
	@EnumSource(Property.class)
	void loadBasedFilterMissesACoreWithTwoLightThreads(Property property) {
		Result r = verify(TestPolicies.load("cfs_load"), property, 3, 4);
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		List<String> events = cx.steps().stream().map(TraceStep::event).toList();
		assertEquals(2, events.stream().filter("block"::equals).count(), "two threads made light: " + events);
		TraceStep last = cx.steps().get(cx.steps().size() - 1);
		assertEquals("balance", last.event());
		assertTrue(cx.verdict().contains("core 0 has 2 runnable threads"), cx.verdict());
	}

	@Test
	void aLargerImbalanceThresholdOnlyMakesItWorse() {
		CompiledPolicy policy = TestPolicies.load("cfs_load");
		Result r = Verifier.verify(policy,
				VerifyOptions.of(Property.WC, 2, 2).withParams(java.util.Map.of("imbalance", 0L)));
		assertEquals(Result.Verdict.HOLDS, r.verdict(), "with no threshold any heavier core is robbed");
	}
}
