package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.policy.sim.TestPolicies.rtapp;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.metrics.ThreadInfo;
import org.policy.sim.workload.Workload;

/**
 * The simulator against queueing theory: seeded runs long enough that the sampling error is well
 * inside the tolerance, so a failure means the engine (or the semantics) is wrong, not bad luck.
 */
class QueueingTheoryTest {
	static final long MS = 1_000_000;

	/** Erlang's C formula: the probability that an arrival waits in an M/M/c queue with offered load a. */
	static double erlangC(int c, double a) {
		double term = 1;
		double sum = 1;
		for (int k = 1; k < c; k++) {
			term *= a / k;
			sum += term;
		}
		double top = term * a / c / (1 - a / c);
		return top / (sum + top);
	}

	@Test
	void erlangCFormulaMatchesAKnownValue() {
		// c = 2, a = 1 (rho 0.5): C = 1/3
		assertEquals(1.0 / 3, erlangC(2, 1.0), 1e-12);
	}

	@Test
	void globalFifoOnFourCoresIsAnMMcQueue() {
		int c = 4;
		double meanServiceMs = 10;
		double rho = 0.8;
		double lambdaPerSec = rho * c / (meanServiceMs / 1000);
		int customers = 400_000;
		Workload w = rtapp("{'tasks': {'job': {'instance': 0, 'loop': 1, 'run': 10000, 'policy-sim': {"
				+ "'distribution': {'run': {'type': 'exponential'}},"
				+ "'arrivals': {'process': 'poisson', 'rate': " + lambdaPerSec + ", 'count': " + customers + "}}}}}");
		SimOptions o = SimOptions.of(Topology.flat(c), 100_000_000 * MS, 42).withMaxThreads(customers).withMaxSegments(0);
		SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w, o).run();
		assertEquals(customers, r.threads().size());
		double waitSum = 0;
		for (ThreadInfo t : r.threads()) {
			waitSum += t.exitedNs() - t.createdNs() - t.cpuNs();
		}
		double meanWaitMs = waitSum / customers / MS;
		double a = rho * c;
		double mu = 1 / meanServiceMs;
		double expected = erlangC(c, a) / (c * mu - a * mu);
		assertEquals(expected, meanWaitMs, 0.03 * expected, "M/M/4 at rho 0.8: mean wait in queue (ms)");
		assertEquals(0, r.wastedCoreNs(), "a global queue never leaves a core idle while work waits");
	}

	@Test
	void roundRobinWithASmallQuantumIsProcessorSharing() {
		double meanServiceMs = 1;
		double rho = 0.5;
		double lambdaPerSec = rho / (meanServiceMs / 1000);
		int customers = 60_000;
		Workload w = rtapp("{'tasks': {'job': {'instance': 0, 'loop': 1, 'run': 1000, 'policy-sim': {"
				+ "'distribution': {'run': {'type': 'exponential'}},"
				+ "'arrivals': {'process': 'poisson', 'rate': " + lambdaPerSec + ", 'count': " + customers + "}}}}}");
		// HZ 50000: a 20us quantum, 2% of the mean service time
		SimOptions o = SimOptions.of(Topology.flat(1), 100_000_000 * MS, 7).withHz(50_000).withMaxThreads(customers)
				.withMaxSegments(0);
		SimResult r = new Simulator(TestPolicies.get("rr_one"), Map.of(), w, o).run();
		double responseSum = 0;
		for (ThreadInfo t : r.threads()) {
			responseSum += t.exitedNs() - t.createdNs();
		}
		double meanResponseMs = responseSum / customers / MS;
		double expected = meanServiceMs / (1 - rho); // 1/(mu - lambda)
		assertEquals(expected, meanResponseMs, 0.03 * expected, "M/M/1-PS at rho 0.5: mean response (ms)");
	}

	@Test
	void cpuBoundThreadsKeepEveryCoreBusyUnderGlobalFifo() {
		for (int[] kc : new int[][] { { 4, 4 }, { 6, 4 }, { 9, 2 } }) {
			Workload w = rtapp("{'tasks': {'hog': {'instance': " + kc[0] + ", 'loop': -1, 'run': 7000}}}");
			SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w,
					SimOptions.of(Topology.flat(kc[1]), 500 * MS, 1)).run();
			Summary s = Summary.of(r);
			for (int core = 0; core < kc[1]; core++) {
				assertEquals(1.0, s.utilisation()[core], 0.0, kc[0] + " threads on " + kc[1] + " cores, core " + core);
			}
			assertEquals(0, r.wastedCoreNs(), kc[0] + " threads on " + kc[1] + " cores");
		}
	}
}
