package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.Workload;

/**
 * The per-event path allocates nothing: doubling a run's length (and so its events) must not change
 * what it allocates beyond its setup. The workload has no wakeups and keeps no schedule segments, the
 * two things whose storage legitimately grows with the run.
 */
class AllocationTest {
	static long allocated(Runnable r) {
		com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long id = Thread.currentThread().getId();
		long before = bean.getThreadAllocatedBytes(id);
		r.run();
		return bean.getThreadAllocatedBytes(id) - before;
	}

	@Test
	void eventsAllocateNothing() {
		assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
				"this JVM cannot count allocated bytes per thread");
		Workload w = org.policy.sim.TestPolicies.rtapp("{'tasks': {'a': {'instance': 12, 'loop': -1, 'run': 200, 'yield': ''}}}");
		long[] events = new long[2];
		Runnable shortRun = () -> events[0] = run(w, 500);
		Runnable longRun = () -> events[1] = run(w, 1000);
		for (int i = 0; i < 3; i++) {
			shortRun.run();
			longRun.run();
		}
		long a = allocated(shortRun);
		long b = allocated(longRun);
		long extraEvents = events[1] - events[0];
		assertTrue(extraEvents > 20_000, "extra events " + extraEvents);
		assertTrue(b - a < 64 * 1024, (b - a) + " more bytes for " + extraEvents + " more events");
	}

	static long run(Workload w, long ms) {
		SimResult r = new Simulator(TestPolicies.get("cfs_cwc"), Map.of(), w,
				SimOptions.of(Topology.of(4, 2, 4, 0), ms * 1_000_000L, 1).withMaxSegments(0)).run();
		return r.events();
	}
}
