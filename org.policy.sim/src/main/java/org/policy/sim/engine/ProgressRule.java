package org.policy.sim.engine;

import java.util.Arrays;

/**
 * The simulator's progress rule: simulated time must advance. A run may handle at most
 * {@link #limit()} events at one simulated instant; past that it is a livelock (a loop of yields or of
 * zero-length runs and sleeps, a policy that keeps preempting at one instant, ...) and the run stops.
 *
 * <p>Counting costs one comparison per event. Only once the limit is reached does the rule look at what
 * happens: it records the kinds and tasks of the next {@link #SAMPLE} events, so the message can name
 * what keeps the clock still. If time moves on while it samples, the burst was legitimate (only very
 * large workloads reach the limit in one instant) and counting starts again.
 */
final class ProgressRule {
	/** Events recorded after the limit, to name the culprit. */
	static final int SAMPLE = 10_000;
	/** The least limit: far above any legitimate burst of a small workload, reached in well under a second. */
	static final long MIN_LIMIT = 1_000_000;
	/** Per thread slot and core: a thread needs a handful of events per instant (wake, step, tick, ...). */
	static final long PER_ENTITY = 16;

	private final long limit;
	private final int[] byKind = new int[5];
	private final int[] stepsByTask;
	private long instant = -1;
	private long count;

	ProgressRule(int threadCapacity, int cores, int tasks) {
		this.limit = limit(threadCapacity, cores);
		this.stepsByTask = new int[tasks];
	}

	/** The most events the run may handle at one instant: max(10^6, 16 × (thread capacity + cores)). */
	static long limit(int threadCapacity, int cores) {
		return Math.max(MIN_LIMIT, PER_ENTITY * ((long) threadCapacity + cores));
	}

	long limit() {
		return limit;
	}

	/** Called for each event; true once the limit is reached at this instant (then call {@link #record}). */
	boolean overLimit(long at) {
		if (at != instant) {
			instant = at;
			count = 0;
			return false;
		}
		return ++count >= limit;
	}

	/**
	 * Records one event after the limit.
	 *
	 * @param task the task whose thread the event concerns, or -1
	 * @return true when the sample is complete: the run is stuck
	 */
	boolean record(int kind, int task) {
		long n = count - limit;
		if (n == 0) {
			Arrays.fill(byKind, 0);
			Arrays.fill(stepsByTask, 0);
		}
		byKind[kind]++;
		if (task >= 0 && kind == Simulator.EV_STEP) {
			stepsByTask[task]++;
		}
		return n + 1 >= SAMPLE;
	}

	/** The task most of the sampled program steps belonged to, or -1. */
	int busiestTask() {
		int best = -1;
		for (int i = 0; i < stepsByTask.length; i++) {
			if (stepsByTask[i] > 0 && (best < 0 || stepsByTask[i] > stepsByTask[best])) {
				best = i;
			}
		}
		return best;
	}

	int stepsOf(int task) {
		return stepsByTask[task];
	}

	/** The kind most sampled events had. */
	int commonestKind() {
		int best = 0;
		for (int k = 1; k < byKind.length; k++) {
			if (byKind[k] > byKind[best]) {
				best = k;
			}
		}
		return best;
	}

	int eventsOfKind(int kind) {
		return byKind[kind];
	}
}
