package org.policy.sim.metrics;

import java.util.Arrays;

/** A growable list of longs: amortised allocation only, so recording a sample is allocation-free. */
public final class LongList {
	private long[] values;
	private int size;

	public LongList(int initialCapacity) {
		values = new long[Math.max(4, initialCapacity)];
	}

	public void add(long value) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = value;
	}

	public long get(int index) {
		return values[index];
	}

	public int size() {
		return size;
	}

	public long[] toArray() {
		return Arrays.copyOf(values, size);
	}
}
