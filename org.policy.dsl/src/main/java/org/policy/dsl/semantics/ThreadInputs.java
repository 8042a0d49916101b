package org.policy.dsl.semantics;

/**
 * The environment's inputs for one thread (see {@link Input}): its nice value and, for a SCHED_DEADLINE
 * thread, its runtime, relative deadline and period in ns (all 0 for other threads). The weight is not
 * a field: it is a function of the nice value, {@link NiceWeights#weight(int)}, as in Linux.
 *
 * @throws IllegalArgumentException when nice is outside -20..19, a time is negative, or the real-time
 *             parameters are not all 0 and not 0 < runtime <= deadline <= period (sched_setattr()'s
 *             own rule)
 */
public record ThreadInputs(int nice, long runtime, long deadline, long period) {
	/** A nice-0 thread that is not a real-time thread. */
	public static final ThreadInputs DEFAULT = new ThreadInputs(0, 0, 0, 0);

	public ThreadInputs {
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
			default -> throw new IllegalArgumentException(input.inputName() + " is not a thread input");
		};
	}
}
