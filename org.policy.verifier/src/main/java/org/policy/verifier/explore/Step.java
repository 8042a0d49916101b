package org.policy.verifier.explore;

/**
 * One environment step of the explored machine, packed in a long so that the explorer stores one per
 * state without objects: a kind, a core, a thread (for unblock), a time-step index (for advance), and for
 * new the index of the created thread's inputs in the policy's {@link InputDomain} (0, the default
 * thread, for a policy that reads no thread input) and the code of its affinity in the
 * {@link AffinityDomain} (0, every core, unless restricted affinities are explored). Both are part of the
 * step so that a path, its counterexample and every replay create the same threads.
 */
public final class Step {
	public static final int NEW = 0;
	public static final int BLOCK = 1;
	public static final int UNBLOCK = 2;
	public static final int TERMINATE = 3;
	public static final int TICK = 4;
	public static final int YIELD = 5;
	public static final int BALANCE = 6;
	public static final int ADVANCE = 7;
	/** The delivery of a core's pending reschedule (docs/semantics.md, "Concurrency"). */
	public static final int RESCHEDULE = 8;

	private static final String[] NAMES = { "new", "block", "unblock", "terminate", "tick", "yield", "balance",
			"advance", "reschedule" };

	private Step() {
	}

	public static long of(int kind, int core, int thread, int timeStep) {
		return kind | ((long) (core & 0xFFFF) << 8) | ((long) (thread & 0xFFFF) << 24)
				| ((long) (timeStep & 0xFF) << 40);
	}

	/**
	 * A {@code new} on {@code core} whose thread gets the inputs of index {@code input} of the
	 * {@link InputDomain} and the affinity of code {@code affinity} in the {@link AffinityDomain}
	 * ({@link AffinityDomain#ALL}: every core).
	 */
	public static long create(int core, int input, int affinity) {
		return of(NEW, core, 0, 0) | ((long) (input & 0xFF) << 48) | ((long) (affinity & 0xFF) << 56);
	}

	/** The code of the created thread's affinity in the {@link AffinityDomain} (new only; 0 otherwise). */
	public static int affinity(long step) {
		return (int) ((step >>> 56) & 0xFF);
	}

	/** The index of the created thread's inputs in the {@link InputDomain} (new only; 0 otherwise). */
	public static int input(long step) {
		return (int) ((step >>> 48) & 0xFF);
	}

	public static int kind(long step) {
		return (int) (step & 0xFF);
	}

	public static int core(long step) {
		return (int) ((step >>> 8) & 0xFFFF);
	}

	public static int thread(long step) {
		return (int) ((step >>> 24) & 0xFFFF);
	}

	public static int timeStep(long step) {
		return (int) ((step >>> 40) & 0xFF);
	}

	/**
	 * The event's name as in the rt-app extension: new, block, unblock, terminate, tick, yield, balance, advance,
	 * reschedule.
	 */
	public static String name(int kind) {
		return NAMES[kind];
	}

	public static int kindOf(String name) {
		for (int k = 0; k < NAMES.length; k++) {
			if (NAMES[k].equals(name)) {
				return k;
			}
		}
		return -1;
	}
}
