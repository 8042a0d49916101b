package org.policy.sim.metrics;

import org.policy.dsl.semantics.NiceWeights;
import org.policy.dsl.semantics.ThreadInputs;

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
 * @param group      its group (an input: rt-app's {@code taskgroup}, numbered from 1 in order of first
 *                   appearance; 0 for the root group)
 * @param groupWeight its group's cpu.weight (an input: 1..10000, 100 by default)
 */
public record ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound,
		int nice, int group, int groupWeight) {

	/** A nice-0 thread of the root group. */
	public ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound) {
		this(task, createdNs, exitedNs, cpuNs, migrations, cpuBound, 0);
	}

	/** A thread of the root group. */
	public ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound,
			int nice) {
		this(task, createdNs, exitedNs, cpuNs, migrations, cpuBound, nice, ThreadInputs.ROOT_GROUP,
				ThreadInputs.DEFAULT_GROUP_WEIGHT);
	}

	/** Its weight, Linux's for its nice value (nice 0: 1024). */
	public long weight() {
		return NiceWeights.weight(nice);
	}
}
