package org.policy.dsl.semantics;

/** A policy compiled for one interpreter: executable nodes with every name resolved to a slot. */
final class Program {
	/** An expression: every value is a long (see {@link Machine}). */
	interface Ev {
		long eval(Frame f);
	}

	/** A statement. */
	interface Ex {
		void exec(Frame f);
	}

	/** Initial values per thread / core attribute slot; null where there is none (the slot stays 0). */
	Ev[] threadInit;
	Ev[] coreInit;
	/** Handlers by {@link org.policy.dsl.policy.Event} ordinal; null where the policy has none. */
	Ex[] handlers;
	/** Bound to the handler's target, per event ordinal; -1 where there is none. */
	int[] targetSlot;
	/** The steal, or null. */
	Steal steal;
	int slotCount;

	/** The structured steal of {@code on balance}, compiled. */
	static final class Steal {
		long period = -1;
		boolean onIdle;
		/** Topology level ids to visit, innermost first; empty: once over all cores. */
		int[] levels;
		int victimSlot;
		Ev filter;
		boolean selectMax;
		Ev selectKey;
		int movedSlot;
		Ev source;
		/** Null: take threads in queue order. */
		Ev migrateKey;
		boolean migrateHighest;
		/** Null: every thread may move. */
		Ev migrateCondition;
		Ev stop;
		int[] order = new int[0];
		long[] orderKeys = new long[0];
	}
}
