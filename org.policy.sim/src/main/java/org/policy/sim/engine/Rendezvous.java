package org.policy.sim.engine;

import java.util.Arrays;

/**
 * Where threads wait for each other: rt-app's barriers (all participants must arrive) and condition
 * variables (wait / signal / broadcast; a signal with no waiter is lost). Waiters are kept in intrusive
 * lists threaded through one array, since a thread waits on at most one thing at a time; waking is
 * left to the caller through {@link Waker}, which must call the policy's {@code unblock}.
 */
final class Rendezvous {
	/** Wakes a waiting thread. */
	@FunctionalInterface
	interface Waker {
		void wake(int thread);
	}

	private final int[] participants;
	private final int[] arrived;
	private final int[] barrierHead;
	private final int[] conditionHead;
	private final int[] conditionTail;
	private final int[] next;

	Rendezvous(int[] barrierParticipants, int conditions, int threadCapacity) {
		participants = barrierParticipants.clone();
		arrived = new int[participants.length];
		barrierHead = new int[participants.length];
		Arrays.fill(barrierHead, -1);
		conditionHead = new int[conditions];
		conditionTail = new int[conditions];
		Arrays.fill(conditionHead, -1);
		Arrays.fill(conditionTail, -1);
		next = new int[threadCapacity];
	}

	/**
	 * Thread {@code t} arrives at a barrier. The last to arrive wakes the others and goes on
	 * (returns false); any other must block (returns true).
	 */
	boolean arrive(int barrier, int t, Waker waker) {
		if (++arrived[barrier] >= participants[barrier]) {
			arrived[barrier] = 0;
			int w = barrierHead[barrier];
			barrierHead[barrier] = -1;
			while (w >= 0) {
				int after = next[w];
				waker.wake(w);
				w = after;
			}
			return false;
		}
		next[t] = barrierHead[barrier];
		barrierHead[barrier] = t;
		return true;
	}

	/** Thread {@code t} waits on a condition (the caller blocks it). */
	void await(int condition, int t) {
		next[t] = -1;
		if (conditionTail[condition] < 0) {
			conditionHead[condition] = t;
		} else {
			next[conditionTail[condition]] = t;
		}
		conditionTail[condition] = t;
	}

	/** Wakes the first waiter of a condition, or all of them, in the order they started waiting. */
	void signal(int condition, boolean all, Waker waker) {
		do {
			int w = conditionHead[condition];
			if (w < 0) {
				return;
			}
			conditionHead[condition] = next[w];
			if (conditionHead[condition] < 0) {
				conditionTail[condition] = -1;
			}
			waker.wake(w);
		} while (all);
	}
}
