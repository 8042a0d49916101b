package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.Schedule;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.Workload;

/**
 * Affinity in the simulator (docs/workloads.md, "Affinity"): rt-app's {@code cpus} pin threads, a phase's
 * {@code cpus} move a running thread when the phase starts, wasted-core time counts only cores a waiting
 * thread may use, and lists the machine cannot honour are refused or warned about.
 */
class AffinitySimTest {
	static final long MS = 1_000_000;

	static SimResult run(String policy, int cores, Workload w) {
		return new Simulator(TestPolicies.get(policy), Map.of(), w, SimOptions.of(Topology.flat(cores), 1000 * MS, 1))
				.run();
	}

	/** Every schedule segment of thread t: {core, start, end}. */
	static List<long[]> segments(SimResult r, int t) {
		Schedule s = r.schedule();
		List<long[]> out = new ArrayList<>();
		for (int i = 0; i < s.size(); i++) {
			if (s.thread()[i] == t) {
				out.add(new long[] { s.core()[i], s.start()[i], s.end()[i] });
			}
		}
		return out;
	}

	@ParameterizedTest
	@ValueSource(strings = { "rr_affine", "fifo_affine" })
	void aThreadPinnedToCore2NeverRunsElsewhere(String policy) {
		Workload w = rtapp("{'tasks': {'pinned': {'cpus': [2], 'instance': 2, 'loop': 20, 'run': 3000, 'sleep': 1000},"
				+ " 'free': {'instance': 6, 'loop': 20, 'run': 5000, 'sleep': 500}}}");
		SimResult r = run(policy, 4, w);
		assertEquals(0, r.schedule().dropped());
		int pinned = 0;
		for (int t = 0; t < r.threads().size(); t++) {
			boolean isPinned = r.threads().get(t).task().equals("pinned");
			assertEquals(isPinned ? "2" : "all", r.threads().get(t).affinity());
			if (!isPinned) {
				continue;
			}
			pinned++;
			List<long[]> segs = segments(r, t);
			long ran = 0;
			for (long[] s : segs) {
				assertEquals(2, s[0], "t" + t + " ran on core " + s[0] + " from " + s[1] + " to " + s[2]);
				ran += s[2] - s[1];
			}
			assertEquals(60 * MS, ran, "t" + t + " ran all its 20 x 3 ms, on core 2");
			assertEquals(60 * MS, r.threads().get(t).cpuNs());
			assertEquals(0, r.threads().get(t).migrations());
		}
		assertEquals(2, pinned);
		assertTrue(r.makespanNs() > 0, "every thread finished");
	}

	/**
	 * The tutorial's case: the task's cpus hold in a phase without its own, a phase's own replace them when
	 * it starts, and the running thread is moved there at once (the TransitionListener sees it stop on the
	 * old core and start on the new one).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "rr_affine", "fifo_affine" })
	void aPhasesCpusMoveTheRunningThreadWhenThePhaseStarts(String policy) {
		Workload w = rtapp("{'tasks': {'t': {'loop': 1, 'cpus': [0], 'phases': {'a': {'run': 5000},"
				+ " 'b': {'cpus': [3], 'run': 5000}, 'c': {'cpus': [0, 3], 'run': 5000}, 'd': {'run': 5000}}}}}");
		SimResult r = run(policy, 4, w);
		List<long[]> segs = segments(r, 0);
		assertEquals(List.of("0:0-5", "3:5-15", "0:15-20"), segs.stream()
				.map(s -> s[0] + ":" + s[1] / MS + "-" + s[2] / MS).toList(),
				"phase c allows core 3, where the thread runs: it stays; phase d has the task's cpus again");
		assertEquals(20 * MS, r.makespanNs());
		assertEquals(2, r.threads().get(0).migrations());
		assertEquals(3, r.threads().get(0).affinityChanges(), "b, c and d change it; a keeps the task's");
		assertEquals("0", r.threads().get(0).affinity(), "created with the task's cpus");
		assertEquals(0, r.preemptions()[0], "being moved by an affinity change is no preemption");
	}

	/**
	 * Three threads on core 0 of four under a policy that never balances. When they may also run on core 3,
	 * core 3 idles while two of them wait: wasted. When they may run only on core 0, no idle core could run
	 * them: nothing is wasted, though cores idle beside an overloaded one all along.
	 */
	@Test
	void wastedCoreTimeCountsOnlyCoresAWaitingThreadMayUse() {
		SimResult mayMove = run("rr_unaware", 4, rtapp("{'tasks': {'h': {'cpus': [0, 3], 'instance': 3, 'loop': 1,"
				+ " 'run': 10000}}}"));
		assertEquals(30 * MS, mayMove.makespanNs());
		assertEquals(20 * MS, mayMove.wastedCoreNs(), "core 3 idles while two, then one, thread wait on core 0");
		SimResult pinned = run("rr_unaware", 4, rtapp("{'tasks': {'h': {'cpus': [0], 'instance': 3, 'loop': 1,"
				+ " 'run': 10000}}}"));
		assertEquals(30 * MS, pinned.makespanNs());
		assertEquals(0, pinned.wastedCoreNs());
		assertEquals(0, pinned.wcEpisodes());
		// a shared queue whose waiting threads may run only on the busy core wastes nothing either
		SimResult shared = run("fifo_affine", 4, rtapp("{'tasks': {'h': {'cpus': [1], 'instance': 3, 'loop': 1,"
				+ " 'run': 10000}}}"));
		assertEquals(30 * MS, shared.makespanNs());
		assertEquals(30 * MS, shared.busyNs()[1]);
		assertEquals(0, shared.wastedCoreNs());
	}

	@Test
	void aListWithNoCoreOfTheMachineIsRefusedAtItsPosition() {
		Workload w = rtapp("{'tasks': {'t': {'cpus': [4, 5], 'run': 1000}}}");
		SimulationException e = assertThrows(SimulationException.class, () -> run("rr_affine", 4, w));
		assertEquals("test.json:1:26: $.tasks.t.cpus: cpus [4, 5] allow none of the 4 simulated cores (0-3):"
				+ " sched_setaffinity() refuses a set none of whose CPUs exists (simulate with --cores 5 or more, or list"
				+ " a core below 4)", e.getMessage());
		assertEquals(e.getMessage(), e.describe("test.json", "p.policy"), "the message says where itself");
		Workload phase = rtapp("{'tasks': {'t': {'phases': {'a': {'run': 10}, 'b': {'cpus': [1], 'run': 10}}}}}");
		assertTrue(assertThrows(SimulationException.class, () -> run("rr_affine", 1, phase)).getMessage()
				.startsWith("test.json:1:61: $.tasks.t.phases.b.cpus: cpus [1] allow none of the 1 simulated core (0):"));
	}

	@Test
	void aTaskBuiltInCodeWithNoCoreOfTheMachineIsRefusedByName() {
		Workload w = Workload.of("built", List.of(new org.policy.sim.workload.ProgramBuilder().run(MS).build("t", 1, null,
				0, -1, null, org.policy.dsl.semantics.ThreadInputs.DEFAULT.withAffinity(
						org.policy.dsl.semantics.Affinity.of(5)))), -1);
		SimulationException e = assertThrows(SimulationException.class, () -> run("rr_affine", 4, w));
		assertEquals("built: task t: affinity 5 allows none of the 4 simulated cores (0-3)", e.describe("built", "p"));
	}

	@Test
	void missingCpusAreDroppedWithAWarningNamingThem() {
		Workload w = rtapp("{'tasks': {'t': {'cpus': [2, 5, 7], 'loop': 3, 'run': 1000, 'sleep': 100}}}");
		assertEquals(List.of("test.json:1:26: warning: $.tasks.t.cpus: CPUs 5, 7 do not exist on the 4 simulated"
				+ " cores (0-3): ignored, the threads may run on core 2 (sched_setaffinity() keeps the CPUs that exist)"),
				AffinityCheck.check(w, 4));
		assertEquals(List.of(), AffinityCheck.check(w, 8));
		SimResult r = run("rr_affine", 4, w);
		assertEquals("2", r.threads().get(0).affinity());
		segments(r, 0).forEach(s -> assertEquals(2, s[0]));
		assertEquals("2,5,7", run("rr_affine", 8, w).threads().get(0).affinity());
		assertEquals("all", run("rr_affine", 3, rtapp("{'tasks': {'t': {'cpus': [0, 1, 2, 9], 'run': 10}}}")).threads()
				.get(0).affinity(), "every core of the machine");
	}

	@Test
	void aPolicyThatIgnoresAffinityFaultsAtItsLine() {
		Workload w = rtapp("{'tasks': {'t': {'cpus': [2], 'run': 1000}}}");
		SimulationException e = assertThrows(SimulationException.class, () -> run("rr_unaware", 4, w));
		assertEquals("policy rr_unaware faulted at t=0ns during the start of the run: line 8: t0 may not run on core 0:"
				+ " its affinity is 2", e.getMessage());
		assertTrue(!e.inWorkload(), "the policy is to blame");
	}

	/** The predicate the simulator integrates, recomputed independently at every event: see the property test. */
	static boolean naiveWasted(Machine m) {
		for (int c = 0; c < m.cores(); c++) {
			if (m.current(c) != Machine.NONE) {
				continue;
			}
			for (int s = 0; s < m.layout().sharedQueues(); s++) {
				int q = m.sharedQueue(s);
				for (int i = 0; i < m.size(q); i++) {
					if (m.allowed(m.at(q, i), c)) {
						return true;
					}
				}
			}
			for (int d = 0; d < m.cores(); d++) {
				if (d == c || m.runnable(d) < 2) {
					continue;
				}
				for (int k = 0; k < m.layout().coreQueues(); k++) {
					int q = m.coreQueue(d, k);
					for (int i = 0; i < m.size(q); i++) {
						if (m.allowed(m.at(q, i), c)) {
							return true;
						}
					}
				}
			}
		}
		return false;
	}
}
