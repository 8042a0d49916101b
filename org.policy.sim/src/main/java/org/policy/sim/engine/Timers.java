package org.policy.sim.engine;

import java.util.Arrays;
import org.policy.sim.workload.Op;

/**
 * rt-app's timers: each has a next expiry, one period after its first user started, then every
 * period. Ids below {@code shared} are shared by every thread naming them; the others are per thread
 * ("unique" timers), each thread owning a block of them from {@link #allocate}.
 */
final class Timers {
	private static final long UNSET = Long.MIN_VALUE;
	private final long[] shared;
	private long[] unique = new long[64];
	private int uniqueUsed;

	Timers(int sharedCount) {
		shared = new long[sharedCount];
		Arrays.fill(shared, UNSET);
	}

	/** Reserves {@code count} per-thread timers; returns the base to pass to {@link #next}. */
	int allocate(int count) {
		int base = uniqueUsed;
		if (uniqueUsed + count > unique.length) {
			unique = Arrays.copyOf(unique, Math.max(unique.length * 2, uniqueUsed + count));
		}
		Arrays.fill(unique, uniqueUsed, uniqueUsed + count, UNSET);
		uniqueUsed += count;
		return base;
	}

	/**
	 * Advances timer {@code id} and returns its next expiry, the release of the caller's next job. An
	 * expiry already past does not block the thread: in relative mode the timer restarts from now (and
	 * {@code now} is returned), in absolute mode it keeps its grid and the past expiry is returned.
	 *
	 * @param periodAndMode the period in ns, with {@link Op#ABSOLUTE} set for absolute mode
	 * @param startedAt     when the calling thread started (the reference of a timer's first use)
	 */
	long next(int id, int base, long periodAndMode, long startedAt, long now) {
		boolean absolute = (periodAndMode & Op.ABSOLUTE) != 0;
		long period = periodAndMode & ~Op.ABSOLUTE;
		long[] table;
		int index;
		if (id < shared.length) {
			table = shared;
			index = id;
		} else {
			table = unique;
			index = base + id - shared.length;
		}
		long next = SimTime.after(table[index] == UNSET ? startedAt : table[index], period);
		if (next <= now && !absolute) {
			table[index] = now;
			return now;
		}
		table[index] = next;
		return next;
	}
}
