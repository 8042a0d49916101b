package org.policy.sim.engine;

import java.util.Arrays;

/**
 * Where threads wait for each other: rt-app's barriers (all participants must arrive), condition
 * variables (wait / signal / broadcast; a signal with no waiter is lost) and mutexes (lock / unlock; an
 * unlock hands the mutex to the longest-waiting locker, so waiting is FIFO and runs are reproducible).
 * Waiters are kept in intrusive
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
	private final int[] owner;
	private final int[] mutexHead;
	private final int[] mutexTail;
	private final int[] next;

	Rendezvous(int[] barrierParticipants, int conditions, int mutexes, int threadCapacity) {
		participants = barrierParticipants.clone();
		arrived = new int[participants.length];
		barrierHead = new int[participants.length];
		Arrays.fill(barrierHead, -1);
		conditionHead = new int[conditions];
		conditionTail = new int[conditions];
		Arrays.fill(conditionHead, -1);
		Arrays.fill(conditionTail, -1);
		owner = new int[mutexes];
		mutexHead = new int[mutexes];
		mutexTail = new int[mutexes];
		Arrays.fill(owner, -1);
		Arrays.fill(mutexHead, -1);
		Arrays.fill(mutexTail, -1);
		next = new int[threadCapacity];
	}

	/** How many threads wait at a barrier now. */
	int arrived(int barrier) {
		return arrived[barrier];
	}

	/** The thread holding a mutex, or -1. */
	int owner(int mutex) {
		return owner[mutex];
	}

	/**
	 * Thread {@code t} locks a mutex it does not hold: it takes a free mutex and goes on (returns false),
	 * or queues behind the earlier lockers and must block (returns true) until an unlock hands it over.
	 */
	boolean lock(int mutex, int t) {
		if (owner[mutex] < 0) {
			owner[mutex] = t;
			return false;
		}
		append(mutexHead, mutexTail, mutex, t);
		return true;
	}

	/** The holder unlocks a mutex: the first queued locker, if any, now holds it and is woken. */
	void unlock(int mutex, Waker waker) {
		int w = removeFirst(mutexHead, mutexTail, mutex);
		owner[mutex] = w;
		if (w >= 0) {
			waker.wake(w);
		}
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
		append(conditionHead, conditionTail, condition, t);
	}

	/** Wakes the first waiter of a condition, or all of them, in the order they started waiting. */
	void signal(int condition, boolean all, Waker waker) {
		do {
			int w = removeFirst(conditionHead, conditionTail, condition);
			if (w < 0) {
				return;
			}
			waker.wake(w);
		} while (all);
	}

	/** Appends thread t to waiting list {@code id} (a FIFO threaded through {@link #next}). */
	private void append(int[] head, int[] tail, int id, int t) {
		next[t] = -1;
		if (tail[id] < 0) {
			head[id] = t;
		} else {
			next[tail[id]] = t;
		}
		tail[id] = t;
	}

	/** Takes the first thread off waiting list {@code id}; -1 when it is empty. */
	private int removeFirst(int[] head, int[] tail, int id) {
		int w = head[id];
		if (w >= 0) {
			head[id] = next[w];
			if (head[id] < 0) {
				tail[id] = -1;
			}
		}
		return w;
	}
}
