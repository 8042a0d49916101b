package org.policy.dsl.semantics;

/**
 * What each language construct does at run time, one static method per construct: the code that
 * {@link PolicyCompiler} emits for a policy is control flow (if, loops, short-circuits, returns) around
 * calls to these. Keeping the meaning here, in plain Java, keeps it readable and in one place; the JIT
 * inlines these small static methods into the emitted code.
 *
 * <p>Values are longs (see {@link Machine}); a reference to a thread or core is its id, none is -1.
 * {@code line} is the policy source line a {@link PolicyFault} names.
 */
final class Ops {
	private Ops() {
	}

	// ------------------------------------------------------------------ references and faults

	static int reference(long value, int line, String what) {
		if (value < 0) {
			throw new PolicyFault(line, "'" + what + "' of none");
		}
		return (int) value;
	}

	/** The thread a transition moves, after checking that the event lets it move. */
	static int movable(Frame f, long value, int line) {
		int t = reference(value, line, "thread");
		if (t != f.target && !f.schedule) {
			throw new PolicyFault(line, "this handler may only move its target t" + f.target + ", not t" + t);
		}
		return t;
	}

	// ------------------------------------------------------------------ reading

	static long now(Frame f) {
		return f.machine.now();
	}

	static long self(Frame f) {
		return f.self;
	}

	static long slot(Frame f, int slot) {
		return f.slots[slot];
	}

	static long sharedQueue(Frame f, int index) {
		return CollectionValue.queue(f.machine.sharedQueue(index));
	}

	static long current(Frame f, long core, int line) {
		return f.machine.current(reference(core, line, "current"));
	}

	static long coreQueue(Frame f, long core, int kind, int line, String name) {
		return CollectionValue.queue(f.machine.coreQueue(reference(core, line, name), kind));
	}

	static long threadAttr(Frame f, long thread, int slot, int line, String name) {
		return f.machine.threadAttr(reference(thread, line, name), slot);
	}

	static long coreAttr(Frame f, long core, int slot, int line, String name) {
		return f.machine.coreAttr(reference(core, line, name), slot);
	}

	/** {@code preempt c;}: core c is asked to reschedule; the environment delivers it (Interpreter.settle). */
	static void preempt(Frame f, long core, int line) {
		f.machine.requestPreempt(reference(core, line, "preempt"));
	}

	// ------------------------------------------------------------------ operators and builtins

	static long not(long value) {
		return value == 0 ? 1 : 0;
	}

	static long divide(long a, long b) {
		return Arithmetic.divide(a, b);
	}

	static long remainder(long a, long b) {
		return Arithmetic.remainder(a, b);
	}

	/** {@code element in collection}: a thread in a queue, or a core in a core set. */
	static long in(Frame f, long element, long collection) {
		if (element < 0) {
			return 0;
		}
		if (CollectionValue.isQueue(collection)) {
			int t = (int) element;
			return f.machine.state(t) == ThreadState.READY
					&& f.machine.queueOf(t) == CollectionValue.queueOf(collection) ? 1 : 0;
		}
		return CollectionValue.containsCore(f.machine, collection, (int) element) ? 1 : 0;
	}

	/** {@code element in domain(core, level)}, without building the domain value. */
	static long inDomain(Frame f, long element, long core, long level, int line) {
		int c = reference(core, line, "domain");
		return element >= 0 && f.machine.topology().sameDomain((int) level, c, (int) element) ? 1 : 0;
	}

	/** {@code element in S} for core state {@code state}. */
	static long inState(Frame f, long element, int state) {
		return element >= 0 && f.machine.coreState((int) element) == state ? 1 : 0;
	}

	static long empty(Frame f, long collection) {
		return CollectionValue.size(f.machine, collection) == 0 ? 1 : 0;
	}

	static long size(Frame f, long collection) {
		return CollectionValue.size(f.machine, collection);
	}

	/**
	 * A core's bit in the tie masks of aggregates over cores (see {@link CoreOrder}); cores beyond
	 * {@link CoreOrder#MAX_CORES} have none, which only the default order, that never reads them, allows.
	 */
	static long coreBit(Frame f, int core) {
		if (core < CoreOrder.MAX_CORES) {
			return 1L << core;
		}
		if (f.order != CoreOrder.BY_ID) {
			throw new IllegalStateException("a core order other than by id needs at most " + CoreOrder.MAX_CORES
					+ " cores");
		}
		return 0;
	}

	/** Whether ties go to the lowest core id: then {@code first(c in cores where ...)} stops at the first match. */
	static int orderById(Frame f) {
		return f.order == CoreOrder.BY_ID ? 1 : 0;
	}

	/**
	 * The end of a tie: {@code best} is what the scan by increasing id chose (the lowest of the tied cores,
	 * or none), {@code tied} the tied cores' bits. By id, best; otherwise the order's first of them.
	 */
	static long chooseCore(Frame f, long best, long tied) {
		if (f.order == CoreOrder.BY_ID || tied == 0) {
			return best;
		}
		if (Long.bitCount(tied) == 1) {
			return Long.numberOfTrailingZeros(tied);
		}
		return f.order.first(tied);
	}

	static long first(Frame f, long queue) {
		return f.machine.first(CollectionValue.queueOf(queue));
	}

	static long runnable(Frame f, long core, int line) {
		return f.machine.runnable(reference(core, line, "runnable"));
	}

	static long cpu(Frame f, long thread, int line) {
		return f.machine.cpu(reference(thread, line, "cpu"));
	}

	/** {@code affinity(t)}: the cores thread t may run on. */
	static long affinity(long thread, int line) {
		return CollectionValue.affinity(reference(thread, line, "affinity"));
	}

	/** {@code domain(core, level)}; the level is evaluated first. */
	static long domain(long core, long level, int line) {
		return CollectionValue.domain((int) level, reference(core, line, "domain"));
	}

	static long abs(long value) {
		return Arithmetic.abs(value);
	}

	static long min(long a, long b) {
		return Arithmetic.min(a, b);
	}

	static long max(long a, long b) {
		return Arithmetic.max(a, b);
	}

	static long clamp(long x, long lo, long hi) {
		return Arithmetic.clamp(x, lo, hi);
	}

	static long log2(long x) {
		return Arithmetic.log2(x);
	}

	/** {@code name[index]}: an element of a constant table; an index outside it is a fault. */
	static long tableElement(Frame f, int table, long index, int line, String name) {
		long[] elements = f.tables[table];
		if (index < 0 || index >= elements.length) {
			throw new PolicyFault(line, "index " + index + " is outside '" + name + "' (" + elements.length
					+ " elements, 0 to " + (elements.length - 1) + ")");
		}
		return elements[(int) index];
	}

	// ------------------------------------------------------------------ collections, for loops

	/**
	 * How many positions an aggregate visits in a collection: a queue's length, a topology domain's
	 * cores, or every core for another core set (then {@link #element} skips the cores outside it).
	 */
	static int positions(Frame f, long collection) {
		if (CollectionValue.isQueue(collection)) {
			return f.machine.size(CollectionValue.queueOf(collection));
		}
		if (CollectionValue.isDomain(collection)) {
			return CollectionValue.domainCores(f.machine, collection).length;
		}
		return f.machine.cores();
	}

	/**
	 * The element at a position of {@link #positions}, or -1 for a core outside the set. Either way the
	 * elements come in queue order or increasing core id.
	 */
	static int element(Frame f, long collection, int position) {
		if (CollectionValue.isQueue(collection)) {
			return f.machine.at(CollectionValue.queueOf(collection), position);
		}
		if (CollectionValue.isDomain(collection)) {
			return CollectionValue.domainCores(f.machine, collection)[position];
		}
		return CollectionValue.containsCore(f.machine, collection, position) ? position : -1;
	}

	/** The lowest core {@code >= from} in core state {@code state}, or the core count. */
	static int nextInState(Frame f, int state, int from) {
		return f.machine.nextCoreInState(state, from);
	}

	static int cores(Frame f) {
		return f.machine.cores();
	}

	/** {@code core} if it belongs to the core set, else -1. */
	static int memberOrNone(Frame f, long set, int core) {
		return CollectionValue.containsCore(f.machine, set, core) ? core : -1;
	}

	static boolean isQueue(long collection) {
		return CollectionValue.isQueue(collection);
	}

	/** The kept sum of a summed thread attribute over a queue (see {@link SummedAttributes}). */
	static long queueSum(Frame f, long queue, int index) {
		return f.machine.queueSum(CollectionValue.queueOf(queue), index);
	}

	/**
	 * Copies a collection's elements into the frame's scratch array {@code id} (grown once if needed),
	 * so that a {@code foreach} visits the collection as it was when the loop started; returns the count.
	 */
	static int snapshot(Frame f, long collection, int id) {
		Machine m = f.machine;
		int room = Math.max(m.threadCapacity(), m.cores());
		if (f.scratch[id].length < room) {
			f.scratch[id] = new int[room];
		}
		int[] out = f.scratch[id];
		int n = 0;
		if (CollectionValue.isQueue(collection)) {
			int q = CollectionValue.queueOf(collection);
			for (int i = 0; i < m.size(q); i++) {
				out[n++] = m.at(q, i);
			}
		} else {
			for (int c = 0; c < m.cores(); c++) {
				if (CollectionValue.containsCore(m, collection, c)) {
					out[n++] = c;
				}
			}
		}
		return n;
	}

	static long snapshotAt(Frame f, int id, int index) {
		return f.scratch[id][index];
	}

	// ------------------------------------------------------------------ assignments

	static void setSlot(Frame f, int slot, long value) {
		f.slots[slot] = value;
	}

	static void addSlot(Frame f, int slot, long value) {
		f.slots[slot] += value;
	}

	static void subtractSlot(Frame f, int slot, long value) {
		f.slots[slot] -= value;
	}

	/** {@code t.attr = v} ({@code sign} 0), {@code += v} (1) or {@code -= v} (-1). */
	static void assignThreadAttr(Frame f, int thread, long value, int slot, int sign) {
		Machine m = f.machine;
		m.setThreadAttr(thread, slot, sign == 0 ? value : m.threadAttr(thread, slot) + sign * value);
	}

	/** {@code c.attr = v} ({@code sign} 0), {@code += v} (1) or {@code -= v} (-1). */
	static void assignCoreAttr(Frame f, int core, long value, int slot, int sign) {
		Machine m = f.machine;
		m.setCoreAttr(core, slot, sign == 0 ? value : m.coreAttr(core, slot) + sign * value);
	}

	// ------------------------------------------------------------------ transitions

	static void toCoreState(Frame f, long core, int state, int line) {
		f.machine.setCoreState(reference(core, line, "core"), state);
	}

	static void toBlocked(Frame f, long thread, int line) {
		f.machine.block(movable(f, thread, line));
	}

	static void toTerminated(Frame f, long thread, int line) {
		f.machine.terminate(movable(f, thread, line));
	}

	/** {@code t => q}: into a core's queue only if t may run on that core. */
	static void toQueue(Frame f, int thread, long queue, int line) {
		int q = CollectionValue.queueOf(queue);
		f.machine.requireAllowed(thread, f.machine.queueOwner(q), line);
		f.machine.enqueue(thread, q);
	}

	/** {@code t => c.current}: only {@code schedule}, only on self, only a ready thread, only an empty slot. */
	static void toCurrent(Frame f, int thread, long core, int line) {
		int c = reference(core, line, "current");
		if (c != f.self || !f.schedule) {
			throw new PolicyFault(line, "only 'schedule' may make a thread current, and only on self");
		}
		if (f.machine.current(c) != Machine.NONE) {
			throw new PolicyFault(line, "core " + c + " already runs t" + f.machine.current(c));
		}
		if (f.machine.state(thread) != ThreadState.READY) {
			throw new PolicyFault(line, "t" + thread + " is " + ThreadState.name(f.machine.state(thread))
					+ ", not ready: only a ready thread can become current");
		}
		f.machine.requireAllowed(thread, c, line);
		f.machine.run(thread, c);
	}
}
