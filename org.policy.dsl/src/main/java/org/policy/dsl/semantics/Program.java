package org.policy.dsl.semantics;

/**
 * A policy compiled with one set of parameter values: its code, and what an interpreter needs to drive
 * it. Immutable once built and shared by every interpreter of those values (one class per policy and
 * values keeps the JIT's work, and its inlining, to one copy).
 */
final class Program {
	/**
	 * The policy's executable code, emitted by {@link PolicyCompiler} as one JVM class per compiled
	 * policy. Every name is resolved: locals, binders and parameters are {@link Frame} slots, attributes
	 * machine slots, parameters constants.
	 */
	interface Code {
		/** Runs the handler of an {@link org.policy.dsl.policy.Event} (by ordinal); nothing if there is none. */
		void handle(int event, Frame f);

		/** The initial value of a thread attribute slot (0 where it has no initialiser). */
		long initThread(int slot, Frame f);

		/** The initial value of a core attribute slot (0 where it has no initialiser). */
		long initCore(int slot, Frame f);

		/** One expression of the steal: {@link #FILTER}, {@link #SELECT_KEY}, ... */
		long steal(int part, Frame f);

		/** The steal's {@code on move} block (nothing if it has none). */
		void onMove(Frame f);
	}

	static final int FILTER = 0;
	static final int SELECT_KEY = 1;
	static final int SOURCE = 2;
	static final int MIGRATE_KEY = 3;
	static final int MIGRATE_CONDITION = 4;
	static final int STOP = 5;
	static final int STEAL_PARTS = 6;

	Code code;
	/** Per {@link org.policy.dsl.policy.Event} ordinal: whether the policy handles it. */
	boolean[] handles;
	/** Bound to the handler's target, per event ordinal; -1 where there is none. */
	int[] targetSlot;
	/** Per attribute slot: whether it has an initialiser. */
	boolean[] threadInit;
	boolean[] coreInit;
	/** Per attribute slot: the input the environment sets there, or null (an attribute of the policy's). */
	Input[] threadInput;
	Input[] coreInput;
	/** The steal, or null. */
	Steal steal;
	int slotCount;
	/** The elements of each constant table, in declaration order. */
	long[][] tables;
	/** How many {@code foreach} loops the policy has (each has a scratch array in the frame). */
	int loops;

	/** The structured steal of {@code on balance}: its shape; its expressions are in {@link Code#steal}. */
	static final class Steal {
		long period = -1;
		boolean onIdle;
		/** Topology level ids to visit, innermost first; empty: once over all cores. */
		int[] levels;
		int victimSlot;
		boolean selectMax;
		int movedSlot;
		/** False: take threads in queue order. */
		boolean migrateKey;
		boolean migrateHighest;
		/** False: every thread may move. */
		boolean migrateCondition;
		/** Whether the steal has an {@code on move} block, run just before each thread moves. */
		boolean onMove;
	}
}
