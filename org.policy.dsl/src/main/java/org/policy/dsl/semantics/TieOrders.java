package org.policy.dsl.semantics;

/**
 * The interpreter's id-ordered loops over cores, for an order other than {@link CoreOrder#BY_ID}: the
 * same cores are visited, in the order's sequence instead of increasing id (see {@link CoreOrder}).
 */
final class TieOrders {
	private TieOrders() {
	}

	/**
	 * {@link Interpreter#settle(Machine)}'s loop: each core that settling can change (no current thread,
	 * and not an idle core without queued work, which {@link Interpreter#settle(Machine, int)} leaves as
	 * it is) settles once, the order's first of them next. Only the core settling gets work while it
	 * settles (schedule and the steal move threads to self), so no core becomes changeable on the way and
	 * by id this visits the cores of the id-ordered loop, in its order.
	 */
	static void settle(Interpreter in, Machine m, CoreOrder order) {
		checkSize(m);
		long done = 0;
		while (true) {
			long candidates = 0;
			for (int c = m.nextFreeCore(0); c < m.cores(); c = m.nextFreeCore(c + 1)) {
				if ((done & (1L << c)) == 0 && !(m.isIdle(c) && !m.hasQueuedWork(c))) {
					candidates |= 1L << c;
				}
			}
			if (candidates == 0) {
				return;
			}
			int c = Long.bitCount(candidates) == 1 ? Long.numberOfTrailingZeros(candidates) : order.first(candidates);
			done |= 1L << c;
			in.settle(m, c);
		}
	}

	/** The order's first core with a pending preemption, or -1. */
	static int nextPreempted(Machine m, CoreOrder order) {
		checkSize(m);
		long pending = 0;
		for (int c = m.nextPreempted(0); c < m.cores(); c = m.nextPreempted(c + 1)) {
			pending |= 1L << c;
		}
		if (pending == 0) {
			return -1;
		}
		return Long.bitCount(pending) == 1 ? Long.numberOfTrailingZeros(pending) : order.first(pending);
	}

	private static void checkSize(Machine m) {
		if (m.cores() > CoreOrder.MAX_CORES) {
			throw new IllegalStateException("a core order other than by id needs at most " + CoreOrder.MAX_CORES
					+ " cores, not " + m.cores());
		}
	}
}
