package org.policy.sim.engine;

import java.util.Arrays;

/**
 * The simulator's pending events: a binary min-heap ordered by (time, sequence number), so that two
 * events at the same nanosecond fire in the order they were scheduled and a run is reproducible byte
 * for byte.
 *
 * <p>An event is a slot in parallel primitive arrays (time, sequence, kind, two int arguments and a
 * long argument); the heap holds slot numbers and every slot knows its heap position, so an event can
 * be cancelled in O(log n). Freed slots are reused, so after warm-up scheduling allocates nothing.
 */
final class EventQueue {
	private long[] time = new long[64];
	private long[] seq = new long[64];
	private int[] kind = new int[64];
	private int[] argA = new int[64];
	private int[] argB = new int[64];
	private int[] heap = new int[64];
	private int[] position = new int[64];
	private int[] freeSlots = new int[64];
	private int freeCount;
	private int slotsUsed;
	private int size;
	private long nextSeq;

	/** Schedules an event; returns its slot, a handle for {@link #cancel}, valid until it is popped. */
	int schedule(long at, int eventKind, int a, int b) {
		int slot = allocate();
		time[slot] = at;
		seq[slot] = nextSeq++;
		kind[slot] = eventKind;
		argA[slot] = a;
		argB[slot] = b;
		if (size == heap.length) {
			heap = Arrays.copyOf(heap, size * 2);
		}
		heap[size] = slot;
		position[slot] = size;
		size++;
		siftUp(size - 1);
		return slot;
	}

	boolean isEmpty() {
		return size == 0;
	}

	int size() {
		return size;
	}

	/** The slot of the earliest event (not removed), or -1 when empty. */
	int peek() {
		return size == 0 ? -1 : heap[0];
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
		int slot = heap[0];
		removeAt(0);
		return slot;
	}

	/** Removes a pending event. */
	void cancel(int slot) {
		int at = position[slot];
		if (at < 0 || at >= size || heap[at] != slot) {
			throw new IllegalStateException("event slot " + slot + " is not pending");
		}
		removeAt(at);
	}

	private void removeAt(int at) {
		int slot = heap[at];
		size--;
		if (at != size) {
			heap[at] = heap[size];
			position[heap[at]] = at;
			if (!siftUp(at)) {
				siftDown(at);
			}
		}
		position[slot] = -1;
		release(slot);
	}

	private int allocate() {
		if (freeCount > 0) {
			return freeSlots[--freeCount];
		}
		if (slotsUsed == time.length) {
			int n = slotsUsed * 2;
			time = Arrays.copyOf(time, n);
			seq = Arrays.copyOf(seq, n);
			kind = Arrays.copyOf(kind, n);
			argA = Arrays.copyOf(argA, n);
			argB = Arrays.copyOf(argB, n);
			position = Arrays.copyOf(position, n);
			freeSlots = Arrays.copyOf(freeSlots, n);
		}
		return slotsUsed++;
	}

	private void release(int slot) {
		freeSlots[freeCount++] = slot;
	}

	private boolean less(int x, int y) {
		return time[x] < time[y] || (time[x] == time[y] && seq[x] < seq[y]);
	}

	private boolean siftUp(int at) {
		int slot = heap[at];
		int start = at;
		while (at > 0) {
			int parent = (at - 1) >>> 1;
			int p = heap[parent];
			if (!less(slot, p)) {
				break;
			}
			heap[at] = p;
			position[p] = at;
			at = parent;
		}
		heap[at] = slot;
		position[slot] = at;
		return at != start;
	}

	private void siftDown(int at) {
		int slot = heap[at];
		int half = size >>> 1;
		while (at < half) {
			int child = 2 * at + 1;
			int c = heap[child];
			int right = child + 1;
			if (right < size && less(heap[right], c)) {
				child = right;
				c = heap[child];
			}
			if (!less(c, slot)) {
				break;
			}
			heap[at] = c;
			position[c] = at;
			at = child;
		}
		heap[at] = slot;
		position[slot] = at;
	}
}
