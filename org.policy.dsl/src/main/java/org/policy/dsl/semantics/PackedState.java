package org.policy.dsl.semantics;

import java.util.Arrays;

/**
 * A machine state packed into one byte array ({@link Machine#pack}, {@link Machine#unpack}): each value a
 * zig-zag variable-length integer, so that the small numbers a state is made of (thread and core ids,
 * counts, states, -1 for none) take one byte, and a queue only its elements. A state-space explorer keeps
 * whole levels of states: packed, a state takes a few hundred bytes instead of the arrays of a
 * {@link Machine} (about 25 objects, queues at full capacity).
 */
final class PackedState {
	private PackedState() {
	}

	/**
	 * One direction of a transfer (Machine's {@code transfer}): a writer appends each value and returns it
	 * unchanged; a reader ignores it and returns, or stores, the next value read.
	 */
	interface Codec {
		long value(long v);

		void values(int[] values, int from, int to);

		void values(long[] values, int from, int to);

		void values(boolean[] values);
	}

	/** Appends values to a growing buffer. */
	static final class Writer implements Codec {
		private byte[] bytes = new byte[256];
		private int size;

		@Override
		public long value(long value) {
			long v = (value << 1) ^ (value >> 63); // zig-zag: small magnitudes of either sign stay small
			if (size + 10 > bytes.length) {
				bytes = Arrays.copyOf(bytes, bytes.length * 2);
			}
			while ((v & ~0x7FL) != 0) {
				bytes[size++] = (byte) ((v & 0x7F) | 0x80);
				v >>>= 7;
			}
			bytes[size++] = (byte) v;
			return value;
		}

		@Override
		public void values(int[] values, int from, int to) {
			for (int i = from; i < to; i++) {
				value(values[i]);
			}
		}

		@Override
		public void values(long[] values, int from, int to) {
			for (int i = from; i < to; i++) {
				value(values[i]);
			}
		}

		@Override
		public void values(boolean[] values) {
			for (boolean v : values) {
				value(v ? 1 : 0);
			}
		}

		byte[] toArray() {
			return Arrays.copyOf(bytes, size);
		}
	}

	/** Reads the values a {@link Writer} wrote, in the same order. */
	static final class Reader implements Codec {
		private final byte[] bytes;
		private int at;

		Reader(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public long value(long ignored) {
			long v = 0;
			int shift = 0;
			byte b;
			do {
				b = bytes[at++];
				v |= (long) (b & 0x7F) << shift;
				shift += 7;
			} while (b < 0);
			return (v >>> 1) ^ -(v & 1);
		}

		@Override
		public void values(int[] values, int from, int to) {
			for (int i = from; i < to; i++) {
				values[i] = (int) value(0);
			}
		}

		@Override
		public void values(long[] values, int from, int to) {
			for (int i = from; i < to; i++) {
				values[i] = value(0);
			}
		}

		@Override
		public void values(boolean[] values) {
			for (int i = 0; i < values.length; i++) {
				values[i] = value(0) != 0;
			}
		}

		/** Whether every byte was read: a packed state of another shape would not end here. */
		boolean atEnd() {
			return at == bytes.length;
		}
	}
}
