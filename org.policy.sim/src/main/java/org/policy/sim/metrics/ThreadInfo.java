package org.policy.sim.metrics;

import java.util.BitSet;
import org.policy.dsl.semantics.Affinity;
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
 * @param affinity   the cores it was created allowed to run on (an input: rt-app's {@code cpus}), as a
 *                   cpulist ({@code 0-3,8}) of the machine's cores, or {@code all} when it may run on every one
 * @param affinityChanges times its affinity changed (a phase with other {@code cpus} started)
 */
public record ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound,
		int nice, int group, int groupWeight, String affinity, long affinityChanges) {
	/** What {@link #affinity()} is for a thread that may run on every core. */
	public static final String ALL_CORES = "all";

	/** A thread that may run on every core all its life. */
	public ThreadInfo(String task, long createdNs, long exitedNs, long cpuNs, long migrations, boolean cpuBound,
			int nice, int group, int groupWeight) {
		this(task, createdNs, exitedNs, cpuNs, migrations, cpuBound, nice, group, groupWeight, ALL_CORES, 0);
	}

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

	/**
	 * {@link #affinity()} of a thread given {@code affinity} on a machine of {@code cores} cores: the cores of
	 * the set the machine has (as the machine keeps them), {@code all} when that is every core.
	 */
	public static String affinityText(Affinity affinity, int cores) {
		if (affinity.allowsEveryCoreBelow(cores)) {
			return ALL_CORES;
		}
		BitSet kept = new BitSet();
		for (int c = 0; c < cores; c++) {
			if (affinity.allows(c)) {
				kept.set(c);
			}
		}
		return Affinity.of(kept).toString();
	}

	/** Whether it was created with an affinity that leaves out some core of the machine. */
	public boolean restricted() {
		return !ALL_CORES.equals(affinity);
	}

	/** Its weight, Linux's for its nice value (nice 0: 1024). */
	public long weight() {
		return NiceWeights.weight(nice);
	}
}
