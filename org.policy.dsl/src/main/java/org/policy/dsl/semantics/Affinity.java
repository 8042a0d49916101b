package org.policy.dsl.semantics;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A thread's affinity: the set of cores it may run on (Linux's {@code p->cpus_ptr}, set by
 * sched_setaffinity(), taskset or rt-app's {@code cpus}). {@link #ALL} is every core of whatever machine
 * the thread runs on, the default; any other value names cores by number, and the machine refuses one
 * that allows none of its cores ({@link Machine#setAffinity}).
 *
 * <p>Immutable. Printed and parsed in the kernel's cpulist format ({@code 0-3,8}), as in
 * /proc/PID/status's Cpus_allowed_list, so that what a user writes, reads in a counterexample and sees
 * in the kernel is the same text.
 */
public final class Affinity {
	/** Every core: the affinity of a thread nobody restricted. */
	public static final Affinity ALL = new Affinity(null);

	/** The largest core number a cpulist may name (as the simulator's and verifier's machines). */
	public static final int MAX_CORE = 1 << 16;

	/** The allowed cores, or null for all. */
	private final long[] words;

	private Affinity(long[] words) {
		this.words = words;
	}

	/** Exactly the cores of {@code cores}, which must not be empty. */
	public static Affinity of(BitSet cores) {
		if (cores.isEmpty()) {
			throw new IllegalArgumentException("an affinity must allow at least one core");
		}
		return new Affinity(cores.toLongArray());
	}

	/** Exactly the given cores, at least one. */
	public static Affinity of(int... cores) {
		BitSet set = new BitSet();
		for (int c : cores) {
			if (c < 0 || c > MAX_CORE) {
				throw new IllegalArgumentException("core " + c + " is outside 0 to " + MAX_CORE);
			}
			set.set(c);
		}
		return of(set);
	}

	/**
	 * A cpulist, {@code 0-3,8}: comma-separated core numbers and inclusive ranges.
	 *
	 * @throws IllegalArgumentException naming what is wrong, when the text is no cpulist
	 */
	public static Affinity parse(String cpulist) {
		String text = cpulist.strip();
		if (text.isEmpty()) {
			throw new IllegalArgumentException("an empty core list allows no core");
		}
		BitSet set = new BitSet();
		for (String part : text.split(",", -1)) {
			String item = part.strip();
			int dash = item.indexOf('-');
			int from = core(dash < 0 ? item : item.substring(0, dash), cpulist);
			int to = dash < 0 ? from : core(item.substring(dash + 1), cpulist);
			if (to < from) {
				throw new IllegalArgumentException("'" + item + "' in '" + cpulist + "' is a range that ends before it starts");
			}
			set.set(from, to + 1);
		}
		return of(set);
	}

	private static int core(String text, String cpulist) {
		String t = text.strip();
		if (t.isEmpty() || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9') || t.length() > 6
				|| Integer.parseInt(t) > MAX_CORE) {
			throw new IllegalArgumentException("'" + cpulist + "' is not a core list like 0-3,8 (core numbers 0 to "
					+ MAX_CORE + ")");
		}
		return Integer.parseInt(t);
	}

	public boolean isAll() {
		return words == null;
	}

	/** Whether the thread may run on core {@code core}. */
	public boolean allows(int core) {
		if (words == null) {
			return true;
		}
		int w = core >>> 6;
		return core >= 0 && w < words.length && (words[w] & (1L << core)) != 0;
	}

	/** Whether it allows some core below {@code cores}: a machine of that size can run the thread. */
	public boolean allowsSomeCoreBelow(int cores) {
		return words == null || (cores > 0 && BitSet.valueOf(words).nextSetBit(0) < cores);
	}

	/** Whether it allows every core below {@code cores}: on a machine of that size it restricts nothing. */
	public boolean allowsEveryCoreBelow(int cores) {
		if (words == null) {
			return true;
		}
		BitSet set = BitSet.valueOf(words);
		return set.nextClearBit(0) >= cores;
	}

	/** The allowed cores below {@code cores}, as bits of {@code (cores + 63) / 64} words. */
	long[] words(int cores) {
		long[] out = new long[(cores + 63) >>> 6];
		for (int c = 0; c < cores; c++) {
			if (allows(c)) {
				out[c >>> 6] |= 1L << c;
			}
		}
		return out;
	}

	/** The cpulist, {@code 0-3,8}; "all" for {@link #ALL}. */
	@Override
	public String toString() {
		if (words == null) {
			return "all";
		}
		BitSet set = BitSet.valueOf(words);
		StringBuilder out = new StringBuilder();
		for (int from = set.nextSetBit(0); from >= 0; from = set.nextSetBit(from)) {
			int to = set.nextClearBit(from) - 1;
			if (out.length() > 0) {
				out.append(',');
			}
			out.append(from);
			if (to > from) {
				out.append('-').append(to);
			}
			from = to + 1;
		}
		return out.toString();
	}

	@Override
	public boolean equals(Object o) {
		// of() keeps BitSet.toLongArray()'s trimmed words, so equal sets have equal arrays
		return o instanceof Affinity a && Arrays.equals(words, a.words);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(words);
	}
}
