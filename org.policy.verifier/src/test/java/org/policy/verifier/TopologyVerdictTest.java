package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.report.CounterexampleText;
import org.policy.verifier.report.RtAppWorkload;
import org.policy.workload.RtAppReader;

/**
 * {@code verify --topology SPEC}: llc_steal steals only inside the thief's LLC, which is the whole of a
 * flat machine, so it holds there and fails on two LLCs.
 */
class TopologyVerdictTest {
	private static final CompiledPolicy POLICY = TestPolicies.load("llc_steal");

	@Test
	void aStealConfinedToItsLlcHoldsOnAFlatMachine() {
		assertEquals(Result.Verdict.HOLDS, Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 4, 6)).verdict());
	}

	@Test
	void onTwoLlcsItHasACounterexampleThatNamesTheTopology() throws Exception {
		Result r = Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 4, 6).withTopology("llc=2"));
		assertEquals(Result.Verdict.VIOLATED, r.verdict());
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(4, cx.cores());
		List<String> lines = CounterexampleText.render(cx).lines().toList();
		assertEquals("llc_steal: work conservation (WC) does not hold on 4 cores (at most 6 live threads); topology llc=2;"
				+ " every thread may run on any core (the policy never reads affinity(t))", lines.get(0));
		// the counterexample file records the topology, and the simulator replays the run on that machine
		assertTrue(lines.stream().noneMatch(l -> l.startsWith("topology:")), lines.toString());
		assertEquals("llc=2", RtAppReader.read("cx.json", new StringReader(RtAppWorkload.render(cx))).verifierRun()
				.topology());
	}

	/** Only the sizes the topology divides are explored, and the first line says which. */
	@Test
	void theFirstLineNamesTheTopologyAndTheSizesItFits() {
		Result r = Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 4, 6).withTopology("smt=2,llc=4"));
		assertEquals(Result.Verdict.HOLDS, r.verdict());
		assertEquals(List.of(1, 2, 3), r.skipped());
		assertEquals("4 cores, ≤ 6 threads, every thread may run on any core (the policy never reads affinity(t));"
				+ " topology smt=2,llc=4 (on machines of 4 cores: the sizes it divides); no parameters; time frozen at 0",
				r.bounds(4));
	}

	@Test
	void aTopologyThatFitsNoSizeIsRefusedWithItsReason() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 2, 3).withTopology("llc=3")));
		assertEquals("group size of llc must be between 1 and the 2 cores, not 3", e.getMessage());
	}
}
