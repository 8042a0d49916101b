package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.policy.dsl.semantics.NiceWeights;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.metrics.ThreadInfo;
import org.policy.sim.workload.Workload;

/** Threads get their inputs from rt-app's own fields, and the library's CFS shares a core by weight. */
class ThreadInputsTest {
	static final long MS = 1_000_000;

	private static final String NICE_PAIR = "{'tasks': {"
			+ " 'hi': {'priority': -5, 'run': 1000000},"
			+ " 'lo': {'run': 1000000}}}";

	@Test
	void eachTasksThreadsCarryItsInputs() {
		Workload w = rtapp("{'tasks': {'a': {'priority': 7, 'run': 10}, 'b': {'policy': 'SCHED_DEADLINE',"
				+ " 'dl-runtime': 2000, 'dl-deadline': 5000, 'dl-period': 10000, 'run': 10},"
				+ " 'c': {'policy': 'SCHED_FIFO', 'priority': 50, 'run': 10}, 'd': {'run': 10}}}");
		assertEquals(ThreadInputs.ofNice(7), w.tasks().get(0).inputs());
		assertEquals(new ThreadInputs(0, 2_000_000, 5_000_000, 10_000_000), w.tasks().get(1).inputs());
		assertEquals(ThreadInputs.DEFAULT, w.tasks().get(2).inputs(), "SCHED_FIFO is not simulated");
		assertEquals(ThreadInputs.DEFAULT, w.tasks().get(3).inputs());
	}

	/**
	 * Under the library's CFS policies (which read their weight as an input), a nice -5 and a nice 0
	 * CPU-bound thread on one core get CPU time in the ratio of their weights, 3121 : 1024, within 2%.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "cfs", "cfs_cwc", "eevdf", "group_fair" })
	void cfsSharesOneCoreInTheRatioOfTheWeights(String policy) {
		SimResult r = new Simulator(TestPolicies.library(policy), Map.of(), rtapp(NICE_PAIR),
				SimOptions.of(Topology.flat(1), 6000 * MS, 1)).run();
		ThreadInfo hi = r.threads().get(0);
		ThreadInfo lo = r.threads().get(1);
		assertEquals(-5, hi.nice());
		assertEquals(0, lo.nice());
		double expected = (double) NiceWeights.weight(-5) / NiceWeights.weight(0);
		assertEquals(3121.0 / 1024, expected);
		double ratio = (double) hi.cpuNs() / lo.cpuNs();
		assertEquals(expected, ratio, 0.02 * expected, "cpu " + hi.cpuNs() + " : " + lo.cpuNs());
		assertTrue(hi.cpuNs() + lo.cpuNs() > 5900 * MS, "the core stayed busy: " + (hi.cpuNs() + lo.cpuNs()));
		// the shares are what the weights entitle them to: weighted fairness is (almost) perfect
		Summary s = Summary.of(r);
		assertEquals(2, s.cpuBoundThreads());
		assertTrue(s.jainFairness() > 0.999, "weighted Jain " + s.jainFairness());
	}

	/** With equal nice values the library CFS splits a core evenly, as before. */
	@Test
	void cfsWithEqualNiceValuesSplitsEvenly() {
		SimResult r = new Simulator(TestPolicies.library("cfs"), Map.of(), rtapp("{'tasks': {"
				+ " 'a': {'priority': 4, 'run': 1000000}, 'b': {'priority': 4, 'run': 1000000}}}"),
				SimOptions.of(Topology.flat(1), 2000 * MS, 1)).run();
		double ratio = (double) r.threads().get(0).cpuNs() / r.threads().get(1).cpuNs();
		assertEquals(1.0, ratio, 0.02);
	}

	// ------------------------------------------------------------------ the fairness figure

	private static ThreadInfo cpuBound(long cpuNs, int nice) {
		return new ThreadInfo("t", 0, -1, cpuNs, 0, true, nice);
	}

	/** Unweighted Jain, as the metric was before weights: over xᵢ = cpuᵢ / lifetimeᵢ. */
	private static double unweighted(List<ThreadInfo> threads, long end) {
		double x = 0;
		double x2 = 0;
		for (ThreadInfo t : threads) {
			double rate = (double) t.cpuNs() / (end - t.createdNs());
			x += rate;
			x2 += rate * rate;
		}
		return x * x / (threads.size() * x2);
	}

	@Test
	void fairnessIsWeightedByNice() {
		long end = 1_000_000;
		// equal CPU, weights 1024 (nice 0) and 3121 (nice -5): x = 0.5/1024 and 0.5/3121, i.e. 1 : 1024/3121
		// J = (1 + b)² / (2 (1 + b²)) with b = 1024/3121 = 0.328100: 1.763850 / 2.215298 = 0.796213
		List<ThreadInfo> equalCpu = List.of(cpuBound(500_000, 0), cpuBound(500_000, -5));
		assertEquals(1.0, unweighted(equalCpu, end), 1e-15, "unweighted: perfectly fair");
		assertEquals(0.796213, Summary.jain(equalCpu, end), 1e-6);
		// CPU in the ratio of the weights, 1024 : 3121 of the core: weighted, perfectly fair
		List<ThreadInfo> entitled = List.of(cpuBound(1024 * 100, 0), cpuBound(3121 * 100, -5));
		assertEquals(1.0, Summary.jain(entitled, end), 1e-12);
		// unweighted that is (1024 + 3121)² / (2 (1024² + 3121²)) = 17181025 / 21578434 = 0.796213
		assertEquals(0.796213, unweighted(entitled, end), 1e-6);
	}

	@Test
	void withEqualWeightsFairnessIsExactlyTheUnweightedFigure() {
		long end = 3_000_000_007L;
		for (int nice : new int[] { 0, -5, 3, 19 }) {
			List<ThreadInfo> threads = List.of(cpuBound(1_234_567_891L, nice), cpuBound(987_654_321L, nice),
					cpuBound(777_777_777L, nice));
			assertEquals(unweighted(threads, end), Summary.jain(threads, end), 0.0, "nice " + nice);
		}
	}

	@Test
	void threadsThatDoNotCountLeaveTheFigureAlone() {
		long end = 1_000_000;
		List<ThreadInfo> threads = List.of(cpuBound(400_000, 0), cpuBound(400_000, 0),
				new ThreadInfo("io", 0, -1, 10, 0, false, -20));
		assertEquals(1.0, Summary.jain(threads, end), 0.0);
		assertEquals(-1, Summary.jain(List.of(new ThreadInfo("io", 0, -1, 10, 0, false, 0)), end));
	}
}
