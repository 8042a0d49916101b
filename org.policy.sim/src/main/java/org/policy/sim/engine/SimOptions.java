package org.policy.sim.engine;

import java.util.Objects;
import org.policy.dsl.semantics.Topology;

/**
 * How to run one simulation.
 *
 * @param topology        the machine: cores and their grouping per level
 * @param horizonNs       simulated time after which the run stops (it stops earlier when every thread
 *                        has exited and no arrival is pending)
 * @param hz              tick frequency: a core with a current thread gets a tick every 1/hz s
 * @param seed            seeds every random draw of the run
 * @param contextSwitchNs time a core spends switching to a different thread before that thread progresses
 * @param maxThreads      how many threads the run may create in all (0: estimate from the workload)
 * @param buckets         number of time buckets of the utilisation series
 * @param maxSegments     how many schedule segments (core, thread, start, end) to keep for the Gantt
 *                        chart and the trace export; later ones are counted but dropped
 */
public record SimOptions(Topology topology, long horizonNs, int hz, long seed, long contextSwitchNs, int maxThreads,
		int buckets, int maxSegments) {

	public static final int DEFAULT_HZ = 250;
	public static final int DEFAULT_BUCKETS = 200;
	public static final int DEFAULT_MAX_SEGMENTS = 500_000;

	public SimOptions {
		Objects.requireNonNull(topology, "topology");
		if (horizonNs <= 0) {
			throw new IllegalArgumentException("the duration must be positive");
		}
		if (hz <= 0 || hz > 1_000_000_000) {
			throw new IllegalArgumentException("hz must be between 1 and 1e9, not " + hz);
		}
		if (contextSwitchNs < 0) {
			throw new IllegalArgumentException("the context-switch cost must not be negative");
		}
		if (maxThreads < 0 || buckets < 1 || maxSegments < 0) {
			throw new IllegalArgumentException("maxThreads, buckets and maxSegments must not be negative");
		}
	}

	/** Defaults: HZ 250, no context-switch cost, thread capacity estimated, 200 buckets. */
	public static SimOptions of(Topology topology, long horizonNs, long seed) {
		return new SimOptions(topology, horizonNs, DEFAULT_HZ, seed, 0, 0, DEFAULT_BUCKETS, DEFAULT_MAX_SEGMENTS);
	}

	public SimOptions withHz(int newHz) {
		return new SimOptions(topology, horizonNs, newHz, seed, contextSwitchNs, maxThreads, buckets, maxSegments);
	}

	public SimOptions withContextSwitch(long ns) {
		return new SimOptions(topology, horizonNs, hz, seed, ns, maxThreads, buckets, maxSegments);
	}

	public SimOptions withMaxThreads(int n) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, n, buckets, maxSegments);
	}

	public SimOptions withMaxSegments(int n) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, n);
	}

	public long tickNs() {
		return Math.max(1, 1_000_000_000L / hz);
	}
}
