package org.policy.sim.workload;

/**
 * When instances of a task come into existence. rt-app starts {@code instance} threads at time 0;
 * the {@code "policy-sim"} extension adds a Poisson process: {@code count} threads (or unbounded
 * until the end of the run when {@code count} is -1) whose inter-arrival times are exponential with
 * mean {@code meanGapNs}.
 */
public record Arrivals(long meanGapNs, long count) {
	public boolean unbounded() {
		return count < 0;
	}
}
