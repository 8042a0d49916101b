package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.report.CounterexampleText;

/**
 * Affinity in the verifier (docs/verification.md, "Affinity"): pinned threads are explored for a policy
 * that reads {@code affinity(t)}, the verdict's first line names the affinities explored, and
 * counterexamples say which thread was not allowed where.
 */
class AffinityVerdictTest {
	private static final String EVERYWHERE = "every thread may run on any core (the policy never reads affinity(t))";
	private static final String PINNED_ONE = "threads may run on any core or be pinned to one, at most 1 pinned at a time"
			+ " (the policy reads affinity(t))";

	private static Result verify(CompiledPolicy policy, Property property, int cores, int threads) {
		return Verifier.verify(policy, VerifyOptions.of(property, cores, threads));
	}

	private static Result verify(CompiledPolicy policy, Property property, int cores, int threads, AffinityMode mode,
			int pinned) {
		return Verifier.verify(policy, VerifyOptions.of(property, cores, threads).withAffinity(mode, pinned));
	}

	/**
	 * A policy that queues a new thread on the creating core whatever its affinity: the first step of the
	 * counterexample pins the thread elsewhere, and the fault names the thread, the core and the line.
	 */
	@ParameterizedTest
	@EnumSource(Property.class)
	void placingANewThreadOnTheCreatingCoreFaultsNamingTheThreadAndTheCore(Property property) {
		Result r = verify(TestPolicies.load("self_placement"), property, 3, 4);
		assertEquals(Result.Verdict.FAULT, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(2, cx.cores(), "one core cannot pin a thread away from its creator");
		assertEquals(1, cx.steps().size());
		assertEquals("line 7: t0 may not run on core 0: its affinity is 1", cx.fault());
		assertEquals(7, cx.faultLine());
		assertEquals(Affinity.of(1), cx.steps().get(0).inputs().affinity());
		String text = CounterexampleText.render(cx);
		assertTrue(text.contains("step 1: new: core 0 creates t0; t0 may run only on core 1\n"), text);
		assertTrue(text.contains("fault: line 7: t0 may not run on core 0: its affinity is 1\n"), text);
		assertTrue(text.lines().findFirst().orElseThrow().endsWith("; " + PINNED_ONE), text);
	}

	/** A shared FIFO whose cores take the first thread they may run: work-conserving with pinned threads too. */
	@ParameterizedTest
	@EnumSource(Property.class)
	void anAffinityAwareSharedQueueHolds(Property property) {
		CompiledPolicy policy = TestPolicies.load("fifo_affinity");
		Result r = verify(policy, property, 4, 6);
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals(List.of(), r.unexercised());
		assertTrue(r.summary().startsWith("holds for ≤ 4 cores, ≤ 6 threads, " + PINNED_ONE + "; "), r.summary());
		Result everywhere = verify(policy, property, 4, 6, AffinityMode.ALL, 1);
		assertTrue(r.states() > everywhere.states(), "pinned threads are explored: " + r.states() + " > "
				+ everywhere.states());
	}

	/**
	 * The same queue taken in plain FIFO order: a core may pick a thread pinned elsewhere. The policy never
	 * reads affinity, so by default every thread may run anywhere and it holds, and the first line says
	 * so; forced to explore pinned threads, it faults.
	 */
	@Test
	void aPolicyThatNeverReadsAffinityIsVerifiedForThreadsThatRunAnywhereAndSaysSo() {
		String blind = TestPolicies.mutate(TestPolicies.text("fifo_affinity"), "first(u in runq where self in affinity(u))",
				"first(runq)").replace("policy fifo_affinity", "policy fifo_blind");
		CompiledPolicy policy = TestPolicies.parse(blind, "fifo_blind.policy");
		Result r = verify(policy, Property.WC, 3, 4);
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertTrue(r.summary().startsWith("holds for ≤ 3 cores, ≤ 4 threads, " + EVERYWHERE + "; "), r.summary());
		Result forced = verify(policy, Property.WC, 3, 4, AffinityMode.PINNED, 1);
		assertEquals(Result.Verdict.FAULT, forced.verdict());
		Counterexample cx = forced.counterexample().orElseThrow();
		assertTrue(cx.fault().matches("line \\d+: t0 may not run on core 0: its affinity is 1"), cx.fault());
		assertTrue(CounterexampleText.render(cx).lines().findFirst().orElseThrow().endsWith("; threads may run on any"
				+ " core or be pinned to one, at most 1 pinned at a time (the policy never reads affinity(t))"));
	}

	/** Forcing every thread to run anywhere on a policy that reads affinity is said too. */
	@Test
	void notExploringPinnedThreadsOfAPolicyThatReadsAffinityIsSaid() {
		Result r = verify(TestPolicies.load("rr_affinity_blind"), Property.WC, 3, 5, AffinityMode.ALL, 1);
		assertEquals(Result.Verdict.HOLDS, r.verdict(), "the filter is wrong only beside a pinned thread");
		assertTrue(r.summary().startsWith("holds for ≤ 3 cores, ≤ 5 threads, every thread may run on any core (pinned"
				+ " threads not explored, though the policy reads affinity(t)); "), r.summary());
	}

	/**
	 * rr's steal, affinity-aware in what it migrates but not in its filter: a core whose only waiting thread
	 * is pinned to it still looks overloaded, is selected (the busiest, lowest id), yields nothing, and a
	 * thread that could run on the idle thief waits on another core. The counterexample names it.
	 */
	@ParameterizedTest
	@EnumSource(Property.class)
	void aStealFilterBlindToAffinityIsCaughtBesideAPinnedThread(Property property) {
		Result r = verify(TestPolicies.load("rr_affinity_blind"), property, 4, 6);
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(3, cx.cores(), "two cores cannot have a victim beside a decoy");
		List<TraceStep> pinned = cx.steps().stream()
				.filter(s -> s.inputs() != null && !s.inputs().affinity().isAll()).toList();
		assertEquals(1, pinned.size(), "one pinned thread: " + cx.steps());
		int decoy = pinned.get(0).thread();
		String text = CounterexampleText.render(cx);
		assertTrue(text.contains("creates t" + decoy + "; t" + decoy + " may run only on core "), text);
		assertTrue(text.contains("  t" + decoy + " may run on "), "the machine lists restricted threads: " + text);
		java.util.regex.Matcher m = java.util.regex.Pattern
				.compile("t(\\d+) waits in core (\\d+)'s runq \\(2 runnable threads there\\) and may run on core (\\d+)$")
				.matcher(cx.verdict());
		assertTrue(m.find(), cx.verdict());
		assertNotEquals(decoy, Integer.parseInt(m.group(1)), "the waiting thread is not the pinned one");
		assertEquals(cx.idleCore(), Integer.parseInt(m.group(3)));
		assertFalse(cx.steps().get(cx.steps().size() - 1).state().stream()
				.anyMatch(l -> l.startsWith("core " + cx.idleCore() + " ") && !l.contains("current=none")));
	}

	/** The filter fixed: a core may be robbed only if a thread waiting there may run on the thief. */
	@ParameterizedTest
	@EnumSource(Property.class)
	void theFixedStealFilterHolds(Property property) {
		Result r = verify(TestPolicies.load("rr_affinity"), property, 4, 6);
		assertEquals(Result.Verdict.HOLDS, r.verdict(), () -> r.counterexample().map(Counterexample::verdict).orElse(""));
		assertEquals(4, r.provedCores());
		assertTrue(r.summary().startsWith("holds for ≤ 4 cores, ≤ 6 threads, " + PINNED_ONE + "; "), r.summary());
	}

	/** Core symmetry carries pinned threads' affinities along with the cores: the same verdicts without it. */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "fifo_affinity, WC", "rr_affinity, WC", "rr_affinity, CWC", "rr_affinity_blind, WC",
			"rr_affinity_blind, CWC", "self_placement, CWC" })
	void symmetryOnAndOffAgreeWithPinnedThreads(String name, Property property) {
		CompiledPolicy policy = TestPolicies.load(name);
		VerifyOptions options = VerifyOptions.of(property, 3, 5);
		Result with = Verifier.verify(policy, options);
		Result without = Verifier.verify(policy, options.withCoreSymmetry(false));
		assertEquals(with.verdict(), without.verdict());
		assertEquals(with.provedCores(), without.provedCores());
		assertEquals(with.counterexample().map(Counterexample::cores), without.counterexample().map(Counterexample::cores));
		assertEquals(with.counterexample().map(c -> c.steps().size()), without.counterexample().map(c -> c.steps().size()),
				"both find a shortest one");
		assertTrue(without.states() >= with.states());
	}

	/** The bound on pinned threads is the number alive at once; raising it explores more. */
	@Test
	void moreLivePinnedThreadsExploreMoreStates() {
		CompiledPolicy policy = TestPolicies.load("rr_affinity");
		Result one = verify(policy, Property.CWC, 3, 4, AffinityMode.AUTO, 1);
		Result two = verify(policy, Property.CWC, 3, 4, AffinityMode.AUTO, 2);
		assertEquals(Result.Verdict.HOLDS, two.verdict());
		assertTrue(two.states() > one.states(), two.states() + " > " + one.states());
		assertTrue(two.summary().contains("at most 2 pinned at a time"), two.summary());
		Result capped = verify(policy, Property.CWC, 3, 2, AffinityMode.AUTO, 5);
		assertTrue(capped.summary().contains("at most 2 pinned at a time"), "never more than the threads: "
				+ capped.summary());
		assertThrows(IllegalArgumentException.class, () -> VerifyOptions.of(Property.WC, 2, 2)
				.withAffinity(AffinityMode.PINNED, 0));
	}
}
