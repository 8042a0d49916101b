package org.policy.sim.metrics;

/**
 * Who ran where and when: segments (core, thread, start, end) in the order they ended, as kept by a
 * run up to its segment limit. {@code dropped} counts the segments beyond that limit.
 */
public record Schedule(int[] core, int[] thread, long[] start, long[] end, long dropped) {
	public int size() {
		return core.length;
	}
}
