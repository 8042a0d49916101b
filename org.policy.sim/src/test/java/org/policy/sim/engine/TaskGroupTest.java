package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.MetricsWriter;
import org.policy.sim.metrics.RunInfo;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.metrics.ThreadInfo;
import org.policy.sim.workload.Workload;

/**
 * rt-app's {@code taskgroup} is a thread's group, with the cpu.weight of the global extension's
 * {@code groups}; group_fair shares a core between groups by cpu.weight, whatever their thread counts.
 */
class TaskGroupTest {
	static final long MS = 1_000_000;

	/** Group "/a" (cpu.weight 100) with {@code a} CPU-bound threads, "/b" (300) with {@code b}. */
	private static String twoGroups(int a, int b) {
		StringBuilder tasks = new StringBuilder();
		tasks.append("'a': {'instance': ").append(a).append(", 'taskgroup': '/a', 'run': 1000000},");
		tasks.append("'b': {'instance': ").append(b).append(", 'taskgroup': '/b', 'run': 1000000}");
		return "{'global': {'policy-sim': {'groups': {'/a': 100, '/b': 300}}}, 'tasks': {" + tasks + "}}";
	}

	@Test
	void threadsCarryTheirGroupAndItsWeight() {
		Workload w = rtapp("{'global': {'policy-sim': {'groups': {'/a': 300}}}, 'tasks': {'r': {'run': 10},"
				+ " 'x': {'taskgroup': '/b', 'priority': 3, 'run': 10}, 'y': {'taskgroup': '/a', 'run': 10},"
				+ " 'z': {'taskgroup': '/', 'run': 10}}}");
		assertEquals(ThreadInputs.DEFAULT, w.tasks().get(0).inputs());
		assertEquals(ThreadInputs.ofNice(3).inGroup(1, 100), w.tasks().get(1).inputs(), "first appearance: group 1");
		assertEquals(ThreadInputs.DEFAULT.inGroup(2, 300), w.tasks().get(2).inputs());
		assertEquals(ThreadInputs.DEFAULT, w.tasks().get(3).inputs(), "\"/\" is the root group");
	}

	/**
	 * On one core, under group_fair, the two groups get CPU time 1 : 3 within 2%, whatever their thread
	 * counts; the threads of a group share its part evenly, so weighted fairness is about 1.
	 */
	@ParameterizedTest
	@CsvSource({ "1, 3", "2, 1" })
	void groupFairSharesOneCoreByCpuWeight(int a, int b) {
		SimResult r = new Simulator(TestPolicies.library("group_fair"), Map.of(), rtapp(twoGroups(a, b)),
				SimOptions.of(Topology.flat(1), 6000 * MS, 1)).run();
		long cpuA = 0;
		long cpuB = 0;
		for (ThreadInfo t : r.threads()) {
			if (t.task().equals("a")) {
				assertEquals(1, t.group());
				assertEquals(100, t.groupWeight());
				cpuA += t.cpuNs();
			} else {
				assertEquals(2, t.group());
				assertEquals(300, t.groupWeight());
				cpuB += t.cpuNs();
			}
		}
		double ratio = (double) cpuB / cpuA;
		assertEquals(3.0, ratio, 0.02 * 3, "cpu /a " + cpuA + " : /b " + cpuB);
		assertTrue(cpuA + cpuB > 5900 * MS, "the core stayed busy: " + (cpuA + cpuB));
		List<Summary.GroupShare> shares = Summary.groupShares(r.threads());
		assertEquals(2, shares.size());
		assertEquals(new Summary.GroupShare(1, 100, a, cpuA, (double) cpuA / (cpuA + cpuB)), shares.get(0));
		assertEquals(0.25, shares.get(0).share(), 0.005);
		assertEquals(0.75, shares.get(1).share(), 0.005);
		Summary s = Summary.of(r);
		assertEquals(a + b, s.cpuBoundThreads());
		assertTrue(s.jainFairness() > 0.999, "weighted Jain " + s.jainFairness());
	}

	/** Without groups the policy does not know them: CFS splits the core per thread, 1 : 3 with 1 + 3 threads. */
	@Test
	void cfsIgnoresGroups() {
		SimResult r = new Simulator(TestPolicies.library("cfs"), Map.of(), rtapp(twoGroups(3, 1)),
				SimOptions.of(Topology.flat(1), 2000 * MS, 1)).run();
		List<Summary.GroupShare> shares = Summary.groupShares(r.threads());
		assertEquals(0.75, shares.get(0).share(), 0.01, "three of the four threads are in /a");
		// entitled: /a's threads 1/12 of the core each, /b's 3/4: x = 3, 3, 3, 1/3 (a quarter each), so
		// J = (28/3)² / (4 (27 + 1/9)) = 0.803279
		assertEquals(0.803279, Summary.of(r).jainFairness(), 0.005);
	}

	// ------------------------------------------------------------------ the fairness figure

	private static ThreadInfo cpuBound(long cpuNs, int nice, int group, int groupWeight) {
		return new ThreadInfo("t", 0, -1, cpuNs, 0, true, nice, group, groupWeight);
	}

	/**
	 * A hand-computed case. Group 1 (cpu.weight 100): a nice-0 thread (1024) and a nice -5 one (3121);
	 * group 2 (cpu.weight 300): one nice-0 thread; over a lifetime of 1 000 000 ns each.
	 * Entitled shares: e = (100/400) · (1024/4145) = 0.061761, (100/400) · (3121/4145) = 0.188239,
	 * (300/400) · 1 = 0.75. With CPU 100 000, 150 000, 750 000: s = 0.1, 0.15, 0.75, and
	 * x = s / e = 1.619141, 0.796860, 1. J = (Σx)² / (3 Σx²) = 3.416001² / (3 · 4.256602) = 11.669060 / 12.769807
	 * = 0.913801.
	 */
	@Test
	void fairnessIsWeightedByGroupAndNice() {
		long end = 1_000_000;
		List<ThreadInfo> threads = List.of(cpuBound(100_000, 0, 1, 100), cpuBound(150_000, -5, 1, 100),
				cpuBound(750_000, 0, 2, 300));
		double[] e = { 0.25 * 1024 / 4145, 0.25 * 3121 / 4145, 0.75 };
		double[] s = { 0.1, 0.15, 0.75 };
		double x = 0;
		double x2 = 0;
		for (int i = 0; i < 3; i++) {
			x += s[i] / e[i];
			x2 += (s[i] / e[i]) * (s[i] / e[i]);
		}
		assertEquals(0.913801, x * x / (3 * x2), 1e-6, "the hand computation");
		assertEquals(0.913801, Summary.jain(threads, end), 1e-6);
		// CPU exactly as entitled: 1
		List<ThreadInfo> entitled = List.of(cpuBound(1024 * 60, 0, 1, 100), cpuBound(3121 * 60, -5, 1, 100),
				cpuBound(4145 * 180, 0, 2, 300));
		assertEquals(1.0, Summary.jain(entitled, end), 1e-12);
		// a group without CPU-bound threads does not count: group 2's weight leaves the figure alone
		List<ThreadInfo> oneGroup = List.of(cpuBound(100_000, 0, 1, 100), cpuBound(300_000, -5, 1, 100),
				new ThreadInfo("io", 0, -1, 10, 0, false, 0, 2, 300));
		assertEquals(Summary.jain(List.of(cpuBound(100_000, 0, 0, 100), cpuBound(300_000, -5, 0, 100)), end),
				Summary.jain(oneGroup, end), 0.0);
	}

	/** metrics.json lists each group's CPU time and share; threads.csv has a group column. */
	@Test
	void metricsListTheGroups() throws Exception {
		SimResult r = new Simulator(TestPolicies.library("group_fair"), Map.of(), rtapp(twoGroups(1, 3)),
				SimOptions.of(Topology.flat(1), 400 * MS, 1)).run();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		RunInfo info = new RunInfo("group_fair.policy", "w", 1, "flat", 1, 250, 0, 400 * MS, new LinkedHashMap<>(),
				List.of());
		MetricsWriter.writeJson(out, info, r, Summary.of(r));
		String json = out.toString(StandardCharsets.UTF_8);
		assertTrue(json.contains("\"groups\" : [ {"), json);
		assertTrue(json.contains("\"group\" : 1,"), json);
		assertTrue(json.contains("\"weight\" : 300,\n    \"threads\" : 3,\n    \"cpu_ns\" : "), json);
		assertTrue(json.contains("\"share\" : 0.7"), json);
	}
}
