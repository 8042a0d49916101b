package org.policy.sim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.Simulation;
import org.policy.sim.TestPolicies;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.Simulator;
import org.policy.sim.metrics.Summary;
import org.policy.sim.workload.Workloads;

/** `compare` says what differs and why thread counts of "the same workload" can differ. */
class ComparisonNotesTest {
	static Summary run(String policy, String workload, Topology topology) throws Exception {
		return Simulation.run(new Simulation.Request(TestPolicies.library(policy), policy + ".policy", Map.of(),
				Workloads.load(workload), SimOptions.of(topology, 2_000_000_000L, 1), "llc=4"),
				Simulator.ProgressListener.NONE).summary();
	}

	@Test
	void groupImbalanceSeparatesCfsFromItsWorkConservingVariant() throws Exception {
		Topology twoCaches = Topology.of(8, 1, 4, 0);
		Summary cfs = run("cfs", "group-imbalance", twoCaches);
		Summary cwc = run("cfs_cwc", "group-imbalance", twoCaches);
		// the workload's point: cfs's balancing on average load per cache leaves cores idle while work waits
		assertTrue(cfs.wastedCoreNs() > 20_000_000L, "cfs wasted only " + cfs.wastedCoreNs() + " ns");
		assertEquals(0, cwc.wastedCoreNs());
		List<String> notes = ComparisonNotes.of(List.of("cfs", "cfs_cwc"), List.of(cfs, cwc), 13);
		assertTrue(notes.get(0).startsWith("wasted-core time (lower is better): cfs_cwc 0.000 ms, cfs "), notes.get(0));
		assertTrue(notes.stream().noneMatch(n -> n.startsWith("Threads")), notes.toString()); // 13 threads, no forks
	}

	@Test
	void forkingWorkloadsExplainDifferentThreadCounts() throws Exception {
		Topology flat = Topology.flat(8);
		Summary cfs = run("cfs", "mixed", flat);
		Summary cwc = run("cfs_cwc", "mixed", flat);
		assertTrue(cfs.threads() != cwc.threads(), "the mixed workload forks as fast as each policy runs its spawners");
		List<String> notes = ComparisonNotes.of(List.of("cfs", "cfs_cwc"), List.of(cfs, cwc), 21);
		String threads = notes.stream().filter(n -> n.startsWith("Threads: 21 start with the workload")).findFirst()
				.orElseThrow(() -> new AssertionError(notes.toString()));
		assertTrue(threads.contains("cfs " + cfs.threads() + ", cfs_cwc " + cwc.threads()), threads);
		// neither wastes a core here: the notes say so and name a workload that separates them
		assertTrue(notes.stream().anyMatch(n -> n.contains("group-imbalance")), notes.toString());
		assertTrue(notes.stream().anyMatch(n -> n.startsWith("The same under every policy: wasted-core time")),
				notes.toString());
	}
}
