package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.ThreadInfo;
import org.policy.sim.workload.Workload;

/** Accounting invariants on random finite workloads, under every test policy. */
class SimulatorPropertiesTest {
	static final List<String> POLICIES = List.of("global_fifo", "rr_one", "local_only", "cfs_cwc");

	/** A task: instances, loops, run µs, sleep µs (0: none), whether it yields, whether it forks a helper. */
	record Task(int instances, int loops, int runUs, int sleepUs, boolean yields, boolean forks) {
	}

	@Provide
	Arbitrary<List<Task>> tasks() {
		Arbitrary<Task> task = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 6),
				Arbitraries.integers().between(1, 9000), Arbitraries.integers().between(0, 5000),
				Arbitraries.of(true, false), Arbitraries.of(true, false))
				.as(Task::new);
		return task.list().ofMinSize(1).ofMaxSize(4);
	}

	static Workload workload(List<Task> tasks) {
		StringBuilder json = new StringBuilder("{'tasks': {'helper': {'instance': 0, 'loop': 1, 'run': 700}");
		for (int i = 0; i < tasks.size(); i++) {
			Task t = tasks.get(i);
			json.append(", 't").append(i).append("': {'instance': ").append(t.instances()).append(", 'loop': ")
					.append(t.loops()).append(", 'run': ").append(t.runUs());
			if (t.sleepUs() > 0) {
				json.append(", 'sleep': ").append(t.sleepUs());
			}
			if (t.yields()) {
				json.append(", 'yield': ''");
			}
			if (t.forks()) {
				json.append(", 'fork': 'helper'");
			}
			json.append('}');
		}
		return TestPolicies.rtapp(json.append("}}").toString());
	}

	// a fixed seed: the same cases every build (jqwik would otherwise draw new ones each time)
	@Property(tries = 60, seed = "20261125")
	void everyRunIsAccountedAndEveryThreadFinishes(@ForAll("tasks") List<Task> tasks,
			@ForAll("policyIndex") int policy, @ForAll("coreCount") int cores, @ForAll("csNs") int csNs) {
		Workload w = workload(tasks);
		SimOptions o = SimOptions.of(Topology.flat(cores), 10_000_000_000L, 3).withContextSwitch(csNs);
		SimResult r = new Simulator(TestPolicies.get(POLICIES.get(policy)), Map.of(), w, o).run();
		long expectedCpu = 0;
		long expectedThreads = 0;
		for (Task t : tasks) {
			expectedCpu += (long) t.instances() * t.loops() * (t.runUs() * 1000L + (t.forks() ? 700_000L : 0));
			expectedThreads += t.instances() * (1L + (t.forks() ? t.loops() : 0));
		}
		assertEquals(expectedThreads, r.threads().size());
		assertTrue(r.makespanNs() > 0, "every thread exits well before 10 s");
		long cpu = 0;
		for (ThreadInfo t : r.threads()) {
			assertTrue(t.exitedNs() >= t.createdNs());
			cpu += t.cpuNs();
		}
		assertEquals(expectedCpu, cpu, "every µs of every run is consumed, exactly once");
		long busy = 0;
		for (int c = 0; c < cores; c++) {
			busy += r.busyNs()[c];
			assertTrue(r.busyNs()[c] <= r.endNs());
			long buckets = 0;
			for (long b : r.busyBuckets()[c]) {
				buckets += b;
			}
			assertEquals(r.busyNs()[c], buckets);
		}
		long switches = 0;
		for (long s : r.contextSwitches()) {
			switches += s;
		}
		// a thread preempted while its core is still switching to it leaves part of that switch unspent
		assertTrue(busy >= cpu && busy <= cpu + switches * csNs, "progress <= busy <= progress + context switches");
		if (csNs == 0) {
			assertEquals(cpu, busy);
		}
		assertTrue(r.wastedCoreNs() <= r.endNs());
		SimResult again = new Simulator(TestPolicies.get(POLICIES.get(policy)), Map.of(), w, o).run();
		assertArrayEquals(r.schedule().start(), again.schedule().start());
		assertArrayEquals(r.wakeupLatencies(), again.wakeupLatencies());
	}

	@Provide
	Arbitrary<Integer> policyIndex() {
		return Arbitraries.integers().between(0, POLICIES.size() - 1);
	}

	@Provide
	Arbitrary<Integer> coreCount() {
		return Arbitraries.integers().between(1, 5);
	}

	@Provide
	Arbitrary<Integer> csNs() {
		return Arbitraries.of(0, 1500);
	}
}
