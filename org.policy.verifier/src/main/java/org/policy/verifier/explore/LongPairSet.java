package org.policy.verifier.explore;

/**
 * A set of 128-bit values (two longs) with open addressing and linear probing: the visited set of the
 * explorer, 16 bytes per slot and no object per element. Storing a 128-bit hash of a canonical state
 * instead of the state is hash compaction: two different states merge only if both 64-bit halves
 * collide (docs/verification.md gives the odds).
 */
final class LongPairSet {
	private static final int MAX_CAPACITY = 1 << 30;
	private long[] hi;
	private long[] lo;
	private int size;
	private int mask;

	LongPairSet(int expected) {
		int capacity = 16;
		while (capacity < expected * 2L && capacity < MAX_CAPACITY) {
			capacity <<= 1;
		}
		allocate(capacity);
	}

	private void allocate(int capacity) {
		hi = new long[capacity];
		lo = new long[capacity];
		mask = capacity - 1;
	}

	int size() {
		return size;
	}

	/** Empties the set, keeping its capacity. */
	void clear() {
		java.util.Arrays.fill(hi, 0);
		java.util.Arrays.fill(lo, 0);
		size = 0;
	}

	/** Adds the pair; returns false if it was already there. */
	boolean add(long a, long b) {
		if (a == 0 && b == 0) {
			a = 1; // (0, 0) marks an empty slot
		}
		if (size * 2L >= hi.length) {
			grow();
		}
		int i = slot(a, b);
		while (true) {
			if (hi[i] == 0 && lo[i] == 0) {
				hi[i] = a;
				lo[i] = b;
				size++;
				return true;
			}
			if (hi[i] == a && lo[i] == b) {
				return false;
			}
			i = (i + 1) & mask;
		}
	}

	boolean contains(long a, long b) {
		if (a == 0 && b == 0) {
			a = 1;
		}
		int i = slot(a, b);
		while (true) {
			if (hi[i] == 0 && lo[i] == 0) {
				return false;
			}
			if (hi[i] == a && lo[i] == b) {
				return true;
			}
			i = (i + 1) & mask;
		}
	}

	private int slot(long a, long b) {
		long h = a ^ Long.rotateLeft(b, 17);
		return (int) (h ^ (h >>> 32)) & mask;
	}

	private void grow() {
		if (hi.length >= MAX_CAPACITY) {
			throw new IllegalStateException("visited set full (" + size + " states)");
		}
		long[] oldHi = hi;
		long[] oldLo = lo;
		allocate(hi.length * 2);
		for (int i = 0; i < oldHi.length; i++) {
			if (oldHi[i] != 0 || oldLo[i] != 0) {
				int j = slot(oldHi[i], oldLo[i]);
				while (hi[j] != 0 || lo[j] != 0) {
					j = (j + 1) & mask;
				}
				hi[j] = oldHi[i];
				lo[j] = oldLo[i];
			}
		}
	}
}
