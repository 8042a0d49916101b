package org.policy.workload;

/**
 * When instances of a task come into existence. rt-app starts {@code instance} threads at time 0;
 * the {@code "policy-sim"} extension adds a Poisson process: {@code count} threads (or unbounded
 * until the end of the run when {@code count} is -1) whose inter-arrival times are exponential with
 * mean {@code meanGapNs}.
 *
 * @param where where the process is declared ({@code file:line:col: $.json.path}) for messages about
 *              it, or null
 */
public record Arrivals(long meanGapNs, long count, String where) {
	public Arrivals(long meanGapNs, long count) {
		this(meanGapNs, count, null);
	}

	public boolean unbounded() {
		return count < 0;
	}
}
