package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;

/**
 * The library cfs preempts at the wake-up instant ({@code preempt c;} in its unblock handler), not at
 * the next tick: a periodic thread that sleeps long enough to lag a CPU hog on its core runs as soon
 * as it wakes.
 */
class WakeupPreemptionTest {
	static final long MS = 1_000_000;

	/** One core: a CPU hog, and a thread that runs 100 µs then sleeps 9.7 ms (wakes between ticks at HZ 250). */
	private static final String HOG_AND_SLEEPER = "{'tasks': {"
			+ " 'hog': {'run': 1000000},"
			+ " 'sleeper': {'loop': -1, 'run': 100, 'sleep': 9700}}}";

	private static long[] latencies(Map<String, Long> params) {
		SimResult r = new Simulator(TestPolicies.library("cfs"), params, rtapp(HOG_AND_SLEEPER),
				SimOptions.of(Topology.flat(1), 500 * MS, 1)).run();
		return r.wakeupLatencies();
	}

	@Test
	void aWokenThreadThatLagsRunsAtTheWakeUpInstant() {
		long[] latencies = latencies(Map.of());
		assertTrue(latencies.length >= 40, "wake-ups: " + latencies.length);
		assertEquals(0, Arrays.stream(latencies).max().orElseThrow(),
				"every wake-up preempts the hog at once: " + Arrays.toString(latencies));
	}

	/** The same run without wake-up preemption (a granularity no lag reaches) waits for the tick. */
	@Test
	void withoutWakeUpPreemptionTheWokenThreadWaitsForATick() {
		long[] latencies = latencies(Map.of("wakeup_granularity", 100 * MS));
		long max = Arrays.stream(latencies).max().orElseThrow();
		assertTrue(max > 0 && max <= 4 * MS, "up to one tick (4 ms at HZ 250): " + Arrays.toString(latencies));
	}
}
