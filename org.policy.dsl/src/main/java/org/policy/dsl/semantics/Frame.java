package org.policy.dsl.semantics;

/**
 * What a running handler sees: the machine, the core it runs on, the slots of every local, binder and
 * function parameter of the policy (each has its own slot: without recursion no two activations of one
 * name are live at once), and the event being handled. One per interpreter, reused for every event.
 */
final class Frame {
	Machine machine;
	int self;
	/** The event's target thread, or -1. */
	int target = Machine.NONE;
	/** Whether threads other than the target may move (only in {@code schedule}). */
	boolean schedule;
	final long[] slots;
	/** The policy's constant tables, by declaration order (shared, never written). */
	final long[][] tables;
	/** Per {@code foreach} of the policy: the snapshot it iterates over (see {@link Ops#snapshot}). */
	final int[][] scratch;
	/** How ties between cores are broken ({@link CoreOrder#BY_ID} but in the verifier). */
	CoreOrder order = CoreOrder.BY_ID;

	Frame(int slotCount, int loops, long[][] tables) {
		this.slots = new long[slotCount];
		this.tables = tables;
		this.scratch = new int[loops][0];
	}
}
