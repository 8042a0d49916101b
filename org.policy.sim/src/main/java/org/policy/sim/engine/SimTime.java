package org.policy.sim.engine;

/**
 * Time arithmetic that saturates instead of wrapping. Durations from a workload may be as long as a
 * long of ns allows (rt-app's µs × 1000); added to the current time they could wrap to a negative
 * time, an event in the past, and a silently wrong schedule. A saturated time is past every horizon,
 * so the event simply never happens in the run.
 */
final class SimTime {
	/** Later than any horizon (horizons are at most Long.MAX_VALUE / 2, as Durations parses them). */
	static final long NEVER = Long.MAX_VALUE;

	private SimTime() {
	}

	/** {@code t + d} for {@code t, d >= 0}, or {@link #NEVER} when it would not fit. */
	static long after(long t, long d) {
		return d >= NEVER - t ? NEVER : t + d;
	}
}
