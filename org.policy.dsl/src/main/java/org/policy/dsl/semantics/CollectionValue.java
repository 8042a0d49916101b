package org.policy.dsl.semantics;

/**
 * Collections are values too (a queue, all cores, the cores in a state, a topology domain), encoded in
 * one long so that evaluating them allocates nothing: a kind in bits 40..43 and its arguments below.
 */
final class CollectionValue {
	static final long KIND_MASK = 0xFL << 40;
	static final long QUEUE = 1L << 40;
	static final long ALL_CORES = 2L << 40;
	static final long CORE_STATE = 3L << 40;
	static final long DOMAIN = 4L << 40;
	/** The cores a thread may run on: {@code affinity(t)}, the thread's id below. */
	static final long AFFINITY = 5L << 40;

	private CollectionValue() {
	}

	static long queue(int queue) {
		return QUEUE | queue;
	}

	static long coreState(int state) {
		return CORE_STATE | state;
	}

	static long domain(int level, int core) {
		return DOMAIN | ((long) level << 20) | core;
	}

	static long affinity(int thread) {
		return AFFINITY | thread;
	}

	static boolean isQueue(long value) {
		return (value & KIND_MASK) == QUEUE;
	}

	static int queueOf(long value) {
		return (int) (value & ((1L << 40) - 1));
	}

	/** Whether core {@code core} belongs to a core-set value. */
	static boolean containsCore(Machine m, long set, int core) {
		long kind = set & KIND_MASK;
		if (kind == ALL_CORES) {
			return true;
		}
		if (kind == CORE_STATE) {
			return m.coreState(core) == (int) (set & 0xFFFFF);
		}
		if (kind == AFFINITY) {
			return m.allowed((int) (set & 0xFFFFF), core);
		}
		if (kind == DOMAIN) {
			int level = (int) ((set >> 20) & 0xFFFFF);
			return m.topology().sameDomain(level, (int) (set & 0xFFFFF), core);
		}
		return false;
	}

	/** The cores of a topology-domain value, in increasing id (shared: do not modify). */
	static int[] domainCores(Machine m, long domain) {
		return m.topology().domain((int) ((domain >> 20) & 0xFFFFF), (int) (domain & 0xFFFFF));
	}

	static boolean isDomain(long value) {
		return (value & KIND_MASK) == DOMAIN;
	}

	/** Elements in a collection value. */
	static int size(Machine m, long value) {
		if (isQueue(value)) {
			return m.size(queueOf(value));
		}
		if (isDomain(value)) {
			return domainCores(m, value).length;
		}
		int count = 0;
		for (int c = 0; c < m.cores(); c++) {
			if (containsCore(m, value, c)) {
				count++;
			}
		}
		return count;
	}
}
