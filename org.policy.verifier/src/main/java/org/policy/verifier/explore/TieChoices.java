package org.policy.verifier.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.policy.dsl.semantics.CoreOrder;

/**
 * The explorer's {@link CoreOrder}: every tie between cores may go any way, and this enumerates the ways
 * one step can go, by re-running the step once per choice vector (depth first over the choices).
 *
 * <p>Within one run of a step the answers are those of one total order of the cores, built lazily: the
 * relations decided so far ({@code after[c]}, the cores known to come after c, transitively closed) and,
 * when the interpreter asks for the first of some candidates, a choice among those with no candidate
 * known before them. Choice 0 is the lowest id, so the first run of every step is the run of the
 * simulator (ties by lowest id), and a choice vector of zeros is the default. Every order of the cores
 * is reachable this way, and the runs of a step are those of the step on every renumbering of the
 * machine: so a state and its renumbering have the same successors up to renumbering, which is what
 * makes matching states up to renumbering cores exact (docs/verification.md, "Reductions").
 *
 * <p>A choice vector is recorded per explored state as a long ({@link #code()}): a mixed-radix number,
 * digit i the i-th choice in base the i-th choice's number of alternatives, which a replay of the same
 * step decodes since it meets the same alternatives in the same order.
 */
public final class TieChoices implements CoreOrder {
	private final int cores;
	private final long[] after;
	/** The choices of the current run: those replayed (the prefix) and those made since. */
	private int[] choice = new int[16];
	private int[] arity = new int[16];
	private long[] asked = new long[16];
	private int made;
	private int prefix;
	/** When decoding a recorded code: the remaining digits, else -1. */
	private long decoding = -1;

	public TieChoices(int cores) {
		if (cores > CoreOrder.MAX_CORES) {
			throw new IllegalArgumentException("at most " + CoreOrder.MAX_CORES + " cores");
		}
		this.cores = cores;
		this.after = new long[cores];
	}

	/** Starts enumerating the runs of a new step: the first run takes every tie by lowest id. */
	public void startStep() {
		prefix = 0;
		decoding = -1;
		beginRun();
	}

	/** Starts replaying the run whose choices were recorded as {@code code} ({@link #code()}). */
	public void replay(long code) {
		prefix = 0;
		decoding = code;
		beginRun();
	}

	private void beginRun() {
		Arrays.fill(after, 0);
		made = 0;
	}

	/**
	 * Moves to the next choice vector of this step, after a run: the last choice that has an alternative
	 * left is advanced, and the choices after it are dropped. Returns false when every run was made.
	 */
	public boolean nextRun() {
		int i = made - 1;
		while (i >= 0 && choice[i] + 1 >= arity[i]) {
			i--;
		}
		if (i < 0) {
			return false;
		}
		choice[i]++;
		prefix = i + 1;
		decoding = -1;
		beginRun();
		return true;
	}

	@Override
	public int first(long candidates) {
		long minimal = 0;
		for (long rest = candidates; rest != 0; rest &= rest - 1) {
			int c = Long.numberOfTrailingZeros(rest);
			if (!preceded(c, candidates)) {
				minimal |= 1L << c;
			}
		}
		int alternatives = Long.bitCount(minimal);
		int pick = 0;
		if (alternatives > 1) {
			pick = decide(alternatives, minimal);
		}
		int chosen = nth(minimal, pick);
		for (long rest = candidates & ~(1L << chosen); rest != 0; rest &= rest - 1) {
			precede(chosen, Long.numberOfTrailingZeros(rest));
		}
		return chosen;
	}

	/** Whether some other candidate is known to come before {@code c}. */
	private boolean preceded(int c, long candidates) {
		for (long rest = candidates & ~(1L << c); rest != 0; rest &= rest - 1) {
			if ((after[Long.numberOfTrailingZeros(rest)] & (1L << c)) != 0) {
				return true;
			}
		}
		return false;
	}

	/** Records a before b, keeping {@code after} transitively closed (a and b are not yet ordered the other way). */
	private void precede(int a, int b) {
		long add = (1L << b) | after[b];
		for (int x = 0; x < cores; x++) {
			if (x == a || (after[x] & (1L << a)) != 0) {
				after[x] |= add;
			}
		}
	}

	private int decide(int alternatives, long minimal) {
		int d = made;
		if (d == choice.length) {
			choice = Arrays.copyOf(choice, d * 2);
			arity = Arrays.copyOf(arity, d * 2);
			asked = Arrays.copyOf(asked, d * 2);
		}
		int c;
		if (decoding >= 0) {
			c = (int) (decoding % alternatives);
			decoding /= alternatives;
		} else {
			c = d < prefix ? choice[d] : 0;
		}
		choice[d] = c;
		arity[d] = alternatives;
		asked[d] = minimal;
		made++;
		return c;
	}

	private static int nth(long bits, int n) {
		for (int i = 0; i < n; i++) {
			bits &= bits - 1;
		}
		return Long.numberOfTrailingZeros(bits);
	}

	/**
	 * The current run's choices as one long (0: every tie by lowest id), or -1 when they do not fit in 63
	 * bits (then the run cannot be recorded).
	 */
	public long code() {
		long code = 0;
		long radix = 1;
		for (int i = 0; i < made; i++) {
			if (choice[i] != 0) {
				if (radix < 0) {
					return -1;
				}
				long digit;
				try {
					digit = Math.multiplyExact(radix, (long) choice[i]);
					code = Math.addExact(code, digit);
				} catch (ArithmeticException e) {
					return -1;
				}
			}
			radix = radix > Long.MAX_VALUE / arity[i] ? -1 : radix * arity[i];
		}
		return code;
	}

	/**
	 * The ties of the current run that did not go to the lowest id, in words: {@code of cores 1, 2, core 2
	 * came first}.
	 */
	public List<String> nonDefaultTies() {
		List<String> ties = new ArrayList<>();
		for (int i = 0; i < made; i++) {
			if (choice[i] != 0) {
				ties.add("of cores " + list(asked[i]) + ", core " + nth(asked[i], choice[i]) + " came first (by lowest id,"
						+ " core " + Long.numberOfTrailingZeros(asked[i]) + " would have)");
			}
		}
		return ties;
	}

	private static String list(long bits) {
		StringBuilder b = new StringBuilder();
		for (long rest = bits; rest != 0; rest &= rest - 1) {
			if (b.length() > 0) {
				b.append(", ");
			}
			b.append(Long.numberOfTrailingZeros(rest));
		}
		return b.toString();
	}
}
