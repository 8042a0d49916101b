package org.policy.dsl.semantics;

/**
 * The environment's inputs for one thread (see {@link Input}): its nice value; for a SCHED_DEADLINE
 * thread, its runtime, relative deadline and period in ns (all 0 for other threads); its group (cgroup)
 * and that group's cpu.weight; its affinity, the cores it may run on ({@link Affinity#ALL} unless
 * restricted, read by a policy as {@code affinity(t)}). The weight is not a field: it is a function of the
 * nice value, {@link NiceWeights#weight(int)}, as in Linux.
 *
 * @throws IllegalArgumentException when nice is outside -20..19, a time is negative, the real-time
 *             parameters are not all 0 and not 0 < runtime <= deadline <= period (sched_setattr()'s
 *             own rule), the group is negative, or the group weight is outside 1..10000 (cpu.weight's
 *             range)
 */
public record ThreadInputs(int nice, long runtime, long deadline, long period, int group, int groupWeight,
		Affinity affinity) {
	/** The root group, and its weight. */
	public static final int ROOT_GROUP = 0;
	public static final int DEFAULT_GROUP_WEIGHT = 100;
	public static final int MAX_GROUP_WEIGHT = 10000;

	/** A nice-0 thread of the root group that is not a real-time thread. */
	public static final ThreadInputs DEFAULT = new ThreadInputs(0, 0, 0, 0);

	/** A thread of the root group. */
	public ThreadInputs(int nice, long runtime, long deadline, long period) {
		this(nice, runtime, deadline, period, ROOT_GROUP, DEFAULT_GROUP_WEIGHT);
	}

	/** A thread that may run on every core. */
	public ThreadInputs(int nice, long runtime, long deadline, long period, int group, int groupWeight) {
		this(nice, runtime, deadline, period, group, groupWeight, Affinity.ALL);
	}

	public ThreadInputs {
		if (affinity == null) {
			throw new IllegalArgumentException("affinity is null; Affinity.ALL lets a thread run on every core");
		}
		if (group < 0) {
			throw new IllegalArgumentException("group " + group + " is negative");
		}
		if (groupWeight < 1 || groupWeight > MAX_GROUP_WEIGHT) {
			throw new IllegalArgumentException("group weight " + groupWeight + " is outside 1 to " + MAX_GROUP_WEIGHT);
		}
		if (nice < NiceWeights.MIN_NICE || nice > NiceWeights.MAX_NICE) {
			throw new IllegalArgumentException("nice " + nice + " is outside " + NiceWeights.MIN_NICE + " to "
					+ NiceWeights.MAX_NICE);
		}
		boolean none = runtime == 0 && deadline == 0 && period == 0;
		if (!none && !(0 < runtime && runtime <= deadline && deadline <= period)) {
			throw new IllegalArgumentException("real-time parameters must be 0 < runtime <= deadline <= period"
					+ " (runtime " + runtime + " ns, deadline " + deadline + " ns, period " + period + " ns)");
		}
	}

	/** A nice value and no real-time parameters. */
	public static ThreadInputs ofNice(int nice) {
		return new ThreadInputs(nice, 0, 0, 0);
	}

	/** The same thread in group {@code group} of cpu.weight {@code weight}. */
	public ThreadInputs inGroup(int group, int weight) {
		return new ThreadInputs(nice, runtime, deadline, period, group, weight, affinity);
	}

	/** The same thread, allowed only on the cores of {@code allowed}. */
	public ThreadInputs withAffinity(Affinity allowed) {
		return new ThreadInputs(nice, runtime, deadline, period, group, groupWeight, allowed);
	}

	public long weight() {
		return NiceWeights.weight(nice);
	}

	/** The value of one of the thread inputs. */
	public long value(Input input) {
		return switch (input) {
			case NICE -> nice;
			case WEIGHT -> weight();
			case RUNTIME -> runtime;
			case DEADLINE -> deadline;
			case PERIOD -> period;
			case GROUP -> group;
			case GROUP_WEIGHT -> groupWeight;
			default -> throw new IllegalArgumentException(input.inputName() + " is not a thread input");
		};
	}
}
