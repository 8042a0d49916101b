package org.policy.workload;

import java.util.Objects;

/**
 * A task's scheduling parameters as rt-app sets them (its {@code policy}, {@code priority} and
 * {@code dl-*} keys, doc/tutorial.txt), resolved: what each thread of the task gets from the environment.
 * The simulator turns them into the policy's thread inputs (nice, weight, runtime, deadline, period).
 *
 * <ul>
 * <li>{@link Policy#OTHER} (rt-app's default): {@code priority} is the nice value, -20..19 (default 0);
 * <li>{@link Policy#DEADLINE}: the {@code dl-runtime}, {@code dl-deadline} and {@code dl-period} in µs,
 * with 0 &lt; runtime &lt;= deadline &lt;= period (sched_setattr()'s rule); nice 0;
 * <li>{@link Policy#IDLE}, {@link Policy#FIFO}, {@link Policy#RR}: not simulated (the reader warns): the
 * threads get the default inputs (nice 0, no real-time parameters); their priority is not kept.
 * </ul>
 *
 * @param policy       the scheduling class
 * @param nice         the nice value (0 unless the policy is {@link Policy#OTHER})
 * @param dlRuntimeUs  SCHED_DEADLINE runtime in µs (0 unless the policy is {@link Policy#DEADLINE})
 * @param dlDeadlineUs SCHED_DEADLINE relative deadline in µs (0 unless DEADLINE)
 * @param dlPeriodUs   SCHED_DEADLINE period in µs (0 unless DEADLINE)
 */
public record SchedParams(Policy policy, int nice, long dlRuntimeUs, long dlDeadlineUs, long dlPeriodUs) {
	public static final int MIN_NICE = -20;
	public static final int MAX_NICE = 19;
	/** The largest dl-* value in µs: its ns must fit in a long. */
	public static final long MAX_DL_US = Long.MAX_VALUE / 1000;

	/** SCHED_OTHER, nice 0: what a task without scheduling keys gets. */
	public static final SchedParams DEFAULT = new SchedParams(Policy.OTHER, 0, 0, 0, 0);

	/** rt-app's scheduling classes, by the names its files use. */
	public enum Policy {
		OTHER("SCHED_OTHER"), IDLE("SCHED_IDLE"), FIFO("SCHED_FIFO"), RR("SCHED_RR"), DEADLINE("SCHED_DEADLINE");

		private final String rtAppName;

		Policy(String rtAppName) {
			this.rtAppName = rtAppName;
		}

		/** The name in an rt-app file ({@code "SCHED_OTHER"}, ...). */
		public String rtAppName() {
			return rtAppName;
		}

		/** The policy an rt-app name stands for, or null. */
		public static Policy of(String rtAppName) {
			for (Policy p : values()) {
				if (p.rtAppName.equals(rtAppName)) {
					return p;
				}
			}
			return null;
		}

		/** Whether the simulator gives threads of this class their parameters (else: the defaults). */
		public boolean simulated() {
			return this == OTHER || this == DEADLINE;
		}
	}

	public SchedParams {
		Objects.requireNonNull(policy);
		if (nice < MIN_NICE || nice > MAX_NICE) {
			throw new IllegalArgumentException("nice " + nice + " is outside " + MIN_NICE + " to " + MAX_NICE);
		}
		if (policy != Policy.OTHER && nice != 0) {
			throw new IllegalArgumentException("only a SCHED_OTHER task has a nice value");
		}
		if (policy == Policy.DEADLINE) {
			if (!(0 < dlRuntimeUs && dlRuntimeUs <= dlDeadlineUs && dlDeadlineUs <= dlPeriodUs
					&& dlPeriodUs <= MAX_DL_US)) {
				throw new IllegalArgumentException("SCHED_DEADLINE needs 0 < runtime <= deadline <= period (runtime "
						+ dlRuntimeUs + " us, deadline " + dlDeadlineUs + " us, period " + dlPeriodUs + " us)");
			}
		} else if (dlRuntimeUs != 0 || dlDeadlineUs != 0 || dlPeriodUs != 0) {
			throw new IllegalArgumentException("only a SCHED_DEADLINE task has runtime, deadline and period");
		}
	}

	/** A SCHED_OTHER task's parameters. */
	public static SchedParams nice(int nice) {
		return new SchedParams(Policy.OTHER, nice, 0, 0, 0);
	}

	/** A SCHED_DEADLINE task's parameters, in µs. */
	public static SchedParams deadline(long runtimeUs, long deadlineUs, long periodUs) {
		return new SchedParams(Policy.DEADLINE, 0, runtimeUs, deadlineUs, periodUs);
	}

	/** A task of a class the simulator does not model: it runs with the defaults. */
	public static SchedParams unsimulated(Policy policy) {
		return new SchedParams(policy, 0, 0, 0, 0);
	}
}
