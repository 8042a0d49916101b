package org.policy.sim.engine;

import java.util.Arrays;

/**
 * The simulator's pending events: a min-heap ordered by (time, sequence number), so that two events
 * at the same nanosecond fire in the order they were scheduled and a run is reproducible byte for byte.
 * The heap is 4-ary: half as deep as a binary one, and a node's four children share a cache line, which
 * makes the pop after every event (the simulator's most frequent operation) about a third cheaper.
 *
 * <p>A pop leaves its hole at the root until the next operation: handling an event usually schedules
 * another one (the next program step, tick or balance), which then fills the hole with one sift down
 * instead of a removal and an insertion.
 *
 * <p>An event is a slot in parallel primitive arrays (time, sequence, kind, two int arguments and a
 * long argument); the heap holds slot numbers and every slot knows its heap position, so an event can
 * be cancelled in O(log n). Freed slots are reused, so after warm-up scheduling allocates nothing.
 */
final class EventQueue {
	// per slot: the event's payload and where it sits in the heap
	private long[] time = new long[64];
	private int[] kind = new int[64];
	private int[] argA = new int[64];
	private int[] argB = new int[64];
	private int[] position = new int[64];
	private int[] freeSlots = new int[64];
	private int freeCount;
	private int slotsUsed;
	// the heap itself keeps its keys inline, so sifting reads contiguous memory instead of chasing slots
	private long[] heapTime = new long[64];
	private long[] heapSeq = new long[64];
	private int[] heapSlot = new int[64];
	private int size;
	private long nextSeq;
	/** The root was popped and its place is still to fill (see the class comment). */
	private boolean rootPopped;

	/** Schedules an event; returns its slot, a handle for {@link #cancel}, valid until it is popped. */
	int schedule(long at, int eventKind, int a, int b) {
		int slot = allocate();
		time[slot] = at;
		kind[slot] = eventKind;
		argA[slot] = a;
		argB[slot] = b;
		if (rootPopped) {
			rootPopped = false;
			siftDown(0, at, nextSeq++, slot);
			return slot;
		}
		if (size == heapSlot.length) {
			heapTime = Arrays.copyOf(heapTime, size * 2);
			heapSeq = Arrays.copyOf(heapSeq, size * 2);
			heapSlot = Arrays.copyOf(heapSlot, size * 2);
		}
		siftUp(size++, at, nextSeq++, slot);
		return slot;
	}

	boolean isEmpty() {
		return size() == 0;
	}

	int size() {
		return rootPopped ? size - 1 : size;
	}

	/** The slot of the earliest event (not removed), or -1 when empty. */
	int peek() {
		fillRoot();
		return size == 0 ? -1 : heapSlot[0];
	}

	long time(int slot) {
		return time[slot];
	}

	int kind(int slot) {
		return kind[slot];
	}

	int a(int slot) {
		return argA[slot];
	}

	int b(int slot) {
		return argB[slot];
	}

	/** Removes the earliest event; its fields stay readable until the next {@link #schedule}. */
	int pop() {
		fillRoot();
		int slot = heapSlot[0];
		position[slot] = -1;
		freeSlots[freeCount++] = slot;
		rootPopped = true;
		return slot;
	}

	/** Moves the last event into the popped root's place, if no schedule has filled it. */
	private void fillRoot() {
		if (!rootPopped) {
			return;
		}
		rootPopped = false;
		size--;
		if (size > 0) {
			siftDown(0, heapTime[size], heapSeq[size], heapSlot[size]);
		}
	}

	/** Removes a pending event. */
	void cancel(int slot) {
		fillRoot();
		int at = position[slot];
		if (at < 0 || at >= size || heapSlot[at] != slot) {
			throw new IllegalStateException("event slot " + slot + " is not pending");
		}
		removeAt(at);
	}

	private void removeAt(int at) {
		int slot = heapSlot[at];
		size--;
		if (at != size) {
			long t = heapTime[size];
			long q = heapSeq[size];
			int s = heapSlot[size];
			if (at > 0 && less(t, q, heapTime[(at - 1) >>> 2], heapSeq[(at - 1) >>> 2])) {
				siftUp(at, t, q, s);
			} else {
				siftDown(at, t, q, s);
			}
		}
		position[slot] = -1;
		freeSlots[freeCount++] = slot;
	}

	private int allocate() {
		if (freeCount > 0) {
			return freeSlots[--freeCount];
		}
		if (slotsUsed == time.length) {
			int n = slotsUsed * 2;
			time = Arrays.copyOf(time, n);
			kind = Arrays.copyOf(kind, n);
			argA = Arrays.copyOf(argA, n);
			argB = Arrays.copyOf(argB, n);
			position = Arrays.copyOf(position, n);
			freeSlots = Arrays.copyOf(freeSlots, n);
		}
		return slotsUsed++;
	}

	private static boolean less(long t1, long q1, long t2, long q2) {
		return t1 < t2 || (t1 == t2 && q1 < q2);
	}

	/** Places (t, q, slot) at or above heap index {@code at}. */
	private void siftUp(int at, long t, long q, int slot) {
		while (at > 0) {
			int parent = (at - 1) >>> 2;
			if (!less(t, q, heapTime[parent], heapSeq[parent])) {
				break;
			}
			move(parent, at);
			at = parent;
		}
		put(at, t, q, slot);
	}

	/** Places (t, q, slot) at or below heap index {@code at}. */
	private void siftDown(int at, long t, long q, int slot) {
		while (true) {
			int first = 4 * at + 1;
			if (first >= size) {
				break;
			}
			int child = first;
			int end = Math.min(first + 4, size);
			for (int c = first + 1; c < end; c++) {
				if (less(heapTime[c], heapSeq[c], heapTime[child], heapSeq[child])) {
					child = c;
				}
			}
			if (!less(heapTime[child], heapSeq[child], t, q)) {
				break;
			}
			move(child, at);
			at = child;
		}
		put(at, t, q, slot);
	}

	private void move(int from, int to) {
		heapTime[to] = heapTime[from];
		heapSeq[to] = heapSeq[from];
		int s = heapSlot[from];
		heapSlot[to] = s;
		position[s] = to;
	}

	private void put(int at, long t, long q, int slot) {
		heapTime[at] = t;
		heapSeq[at] = q;
		heapSlot[at] = slot;
		position[slot] = at;
	}
}
