package org.policy.sim.metrics;

import org.policy.dsl.semantics.NiceWeights;

/**
 * One simulated thread after a run.
 *
 * @param task       its task's name
 * @param createdNs  when it came into existence
 * @param exitedNs   when it terminated, or -1 if it was alive at the end
 * @param cpuNs      CPU time it made progress with (context-switch time excluded)
 * @param migrations times it started running on a core other than the one it last ran on
 * @param cpuBound   whether it counts for fairness: its program never blocks and it was started with the
 *                   workload (not forked, not a later arrival), so it competed for the CPU all its life
 * @param nice       its nice value (an input: rt-app's {@code priority}); its weight is
 *                   {@link NiceWeights#weight(int)} of it
 */
public record ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound,
		int nice) {

	/** A nice-0 thread. */
	public ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound) {
		this(task, createdNs, exitedNs, cpuNs, migrations, cpuBound, 0);
	}

	/** Its weight, Linux's for its nice value (nice 0: 1024). */
	public long weight() {
		return NiceWeights.weight(nice);
	}
}
