package org.policy.dsl.semantics;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The abstract machine's state (docs/semantics.md): cores with a current slot, attributes, a core
 * state and per-core queues; shared queues; threads with attributes and one state each; the time.
 *
 * <p>Everything is held in flat primitive arrays sized once, so that the interpreter's per-event path
 * allocates nothing and {@link #copy()} is a handful of array copies (the verifier snapshots states by
 * the million). Values are longs: numbers as they are, booleans 0/1, threads and cores by id, none -1.
 *
 * <p>The transition primitives keep the invariants: a thread is in exactly one place, a queue is in
 * key order with arrival order among equal keys, {@code cpu(t)} follows the thread.
 *
 * <p>Some derived quantities are kept up to date by the same primitives, so that the questions asked
 * after every event cost O(1) instead of a scan of every core or queue: each core's runnable count, the
 * number of overloaded cores (≥ 2 runnable), the threads in shared queues, the set of cores without a
 * current thread, the set of cores in each core state, and, per queue, the sum of each thread attribute
 * in {@link Layout#summedSlots()}.
 * They are functions of the state above; {@link #invariantViolation()} recomputes and compares them.
 */
public final class Machine {
	public static final int NONE = -1;

	private final Layout layout;
	private final Topology topology;
	private final int cores;
	private final int capacity;
	private TransitionListener listener = TransitionListener.NONE;

	private long now;
	private int threads;
	private final long[] threadAttr;
	private final int[] state;
	private final int[] cpu;
	private final int[] queueOf;
	/**
	 * {@code affinity[t * words + w]}, bit {@code c % 64} of word {@code c / 64}: thread t may run on core c
	 * (its affinity, an input set at creation: {@link #setAffinity}).
	 */
	private final long[] affinity;
	/** Words per thread in {@link #affinity}: one bit per core. */
	private final int words;
	/** The affinity of a thread that may run anywhere: every core's bit. */
	private final long[] allCores;
	/**
	 * How many created threads have an affinity that leaves out some core: while there is none, the
	 * work-conservation test needs only the counts below (WorkConservation's fast path).
	 */
	private int restricted;

	private final long[] coreAttr;
	private final int[] current;
	private final int[] coreState;
	private final boolean[] idle;

	private final int[] queueSize;
	private final int[] queueElem;
	private final long[] queueKey;

	// derived, maintained incrementally (see the class comment)
	private final int[] runnable;
	private int overloaded;
	private int sharedQueued;
	/** Bit {@code c}: core c has no current thread. */
	private final long[] free;
	/**
	 * Bit {@code c}: a handler asked core c to reschedule ({@code preempt c;}) and core c has not seen it
	 * yet: at the end of an event on c, or when its pending reschedule is delivered (Interpreter.complete).
	 */
	private final long[] preemptPending;
	/**
	 * Bit {@code c}: core c has a <em>pending reschedule</em> (docs/semantics.md, "Concurrency"): an event
	 * on another core changed what c should run, and c has not yet been told (the IPI is on its way).
	 */
	private final long[] reschedulePending;
	private int pendingCount;
	/**
	 * Cores an event changed, other than through their own events: a thread placed on one of their queues,
	 * their current thread taken, a preemption asked of them. Bit set and list, in the order first touched;
	 * Interpreter.complete turns them into pending reschedules and clears them.
	 */
	private final long[] touched;
	private final int[] touchedList;
	private int touchedCount;
	/** {@code inState[s]}, bit {@code c}: core c is in core state s. */
	private final long[][] inState;
	/** Per thread attribute slot: its index among the summed attributes, or -1. */
	private final int[] sumIndex;
	private final int summed;
	/** {@code queueSum[queue * summed + i]}: sum over the queue's threads of summed attribute i. */
	private final long[] queueSum;

	public Machine(Layout layout, Topology topology, int threadCapacity) {
		this.layout = layout;
		this.topology = topology;
		this.cores = topology.cores();
		this.capacity = threadCapacity;
		this.threadAttr = new long[capacity * layout.threadSlots()];
		this.state = new int[capacity];
		this.cpu = new int[capacity];
		this.queueOf = new int[capacity];
		Arrays.fill(cpu, NONE);
		Arrays.fill(queueOf, NONE);
		this.words = (cores + 63) >>> 6;
		this.affinity = new long[capacity * words];
		this.allCores = new long[words];
		for (int c = 0; c < cores; c++) {
			allCores[c >>> 6] |= 1L << c;
		}
		this.coreAttr = new long[cores * layout.coreSlots()];
		this.current = new int[cores];
		Arrays.fill(current, NONE);
		this.coreState = new int[cores];
		this.idle = new boolean[cores];
		int instances = queueInstances();
		this.queueSize = new int[instances];
		this.queueElem = new int[instances * capacity];
		this.queueKey = new long[instances * capacity];
		this.runnable = new int[cores];
		this.free = new long[(cores + 63) >>> 6];
		this.preemptPending = new long[free.length];
		this.reschedulePending = new long[free.length];
		this.touched = new long[free.length];
		this.touchedList = new int[cores];
		for (int c = 0; c < cores; c++) {
			free[c >>> 6] |= 1L << c;
		}
		this.inState = new long[layout.coreStates().size()][free.length];
		if (inState.length > 0) {
			System.arraycopy(free, 0, inState[0], 0, free.length); // every core starts in the first state
		}
		this.sumIndex = new int[layout.threadSlots()];
		Arrays.fill(sumIndex, -1);
		int[] summedSlots = layout.summedSlots();
		for (int i = 0; i < summedSlots.length; i++) {
			sumIndex[summedSlots[i]] = i;
		}
		this.summed = summedSlots.length;
		this.queueSum = new long[instances * summed];
	}

	/** An independent copy of this state (the listener is not copied). */
	public Machine copy() {
		Machine copy = new Machine(layout, topology, capacity);
		copy.copyFrom(this);
		return copy;
	}

	/**
	 * Overwrites this state with {@code source}'s, allocating nothing: state-space explorers restore one
	 * scratch machine per successor instead of copying. Both must come from the same policy, topology and
	 * thread capacity. The listener is kept.
	 */
	public void copyFrom(Machine source) {
		if (source.layout != layout || !source.topology.equals(topology) || source.capacity != capacity) {
			throw new IllegalArgumentException("copyFrom needs a machine of the same policy, topology and capacity");
		}
		now = source.now;
		threads = source.threads;
		System.arraycopy(source.threadAttr, 0, threadAttr, 0, threadAttr.length);
		System.arraycopy(source.state, 0, state, 0, state.length);
		System.arraycopy(source.cpu, 0, cpu, 0, cpu.length);
		System.arraycopy(source.queueOf, 0, queueOf, 0, queueOf.length);
		System.arraycopy(source.affinity, 0, affinity, 0, affinity.length);
		restricted = source.restricted;
		System.arraycopy(source.coreAttr, 0, coreAttr, 0, coreAttr.length);
		System.arraycopy(source.current, 0, current, 0, current.length);
		System.arraycopy(source.coreState, 0, coreState, 0, coreState.length);
		System.arraycopy(source.idle, 0, idle, 0, idle.length);
		System.arraycopy(source.queueSize, 0, queueSize, 0, queueSize.length);
		System.arraycopy(source.queueElem, 0, queueElem, 0, queueElem.length);
		System.arraycopy(source.queueKey, 0, queueKey, 0, queueKey.length);
		System.arraycopy(source.runnable, 0, runnable, 0, runnable.length);
		overloaded = source.overloaded;
		sharedQueued = source.sharedQueued;
		System.arraycopy(source.free, 0, free, 0, free.length);
		System.arraycopy(source.preemptPending, 0, preemptPending, 0, free.length);
		System.arraycopy(source.reschedulePending, 0, reschedulePending, 0, free.length);
		pendingCount = source.pendingCount;
		clearTouched();
		for (int i = 0; i < source.touchedCount; i++) {
			touch(source.touchedList[i]);
		}
		for (int s = 0; s < inState.length; s++) {
			System.arraycopy(source.inState[s], 0, inState[s], 0, free.length);
		}
		System.arraycopy(source.queueSum, 0, queueSum, 0, queueSum.length);
	}

	/**
	 * This state packed into bytes ({@link PackedState}): what {@link #copyFrom} copies, queues up to their
	 * size. {@link #unpack} on a machine of the same policy, topology and capacity restores it.
	 */
	public byte[] pack() {
		PackedState.Writer w = new PackedState.Writer();
		transfer(w);
		return w.toArray();
	}

	/**
	 * Overwrites this state with one {@link #pack}ed from a machine of the same policy, topology and thread
	 * capacity (allocating nothing): afterwards it equals that machine and behaves as it.
	 *
	 * @throws IllegalArgumentException if the bytes are not a packed state of this shape
	 */
	public void unpack(byte[] packed) {
		PackedState.Reader r = new PackedState.Reader(packed);
		clearTouched();
		try {
			transfer(r);
		} catch (ArrayIndexOutOfBoundsException e) {
			throw new IllegalArgumentException("not a packed state of this machine's shape", e);
		}
		if (!r.atEnd()) {
			throw new IllegalArgumentException("not a packed state of this machine's shape");
		}
		for (int i = 0; i < touchedCount; i++) {
			touched[touchedList[i] >>> 6] |= 1L << touchedList[i];
		}
	}

	/**
	 * Every field {@link #copyFrom} copies, through {@code codec} in one order: written by {@link #pack},
	 * read back by {@link #unpack}, so that the two cannot disagree. Queues are transferred up to their size,
	 * the touched cores as their list (unpack sets their bits).
	 */
	private void transfer(PackedState.Codec codec) {
		now = codec.value(now);
		threads = (int) codec.value(threads);
		codec.values(threadAttr, 0, threadAttr.length);
		codec.values(state, 0, state.length);
		codec.values(cpu, 0, cpu.length);
		codec.values(queueOf, 0, queueOf.length);
		codec.values(affinity, 0, affinity.length);
		restricted = (int) codec.value(restricted);
		codec.values(coreAttr, 0, coreAttr.length);
		codec.values(current, 0, current.length);
		codec.values(coreState, 0, coreState.length);
		codec.values(idle);
		for (int q = 0; q < queueSize.length; q++) {
			int base = q * capacity;
			queueSize[q] = (int) codec.value(queueSize[q]);
			codec.values(queueElem, base, base + queueSize[q]);
			codec.values(queueKey, base, base + queueSize[q]);
		}
		codec.values(runnable, 0, runnable.length);
		overloaded = (int) codec.value(overloaded);
		sharedQueued = (int) codec.value(sharedQueued);
		codec.values(free, 0, free.length);
		codec.values(preemptPending, 0, free.length);
		codec.values(reschedulePending, 0, free.length);
		pendingCount = (int) codec.value(pendingCount);
		touchedCount = (int) codec.value(touchedCount);
		codec.values(touchedList, 0, touchedCount);
		for (long[] cores : inState) {
			codec.values(cores, 0, free.length);
		}
		codec.values(queueSum, 0, queueSum.length);
	}

	/**
	 * Forgets every terminated thread: the other threads keep their relative order and are renumbered
	 * {@code 0 .. threads()-1}, so that the next {@code create} can reuse the freed ids. This lets a
	 * model checker bound the number of <em>live</em> threads. No handler can observe a terminated
	 * thread (no event targets it again and a queue never holds it) except through a {@code thread}-valued
	 * attribute, which this does not renumber: do not call it for policies that have one.
	 *
	 * @return how many threads were forgotten
	 */
	public int removeTerminated() {
		int live = 0;
		for (int t = 0; t < threads; t++) {
			if (state[t] != ThreadState.TERMINATED) {
				live++;
			}
		}
		if (live == threads) {
			return 0;
		}
		int[] newId = new int[threads];
		int slots = layout.threadSlots();
		int next = 0;
		for (int t = 0; t < threads; t++) {
			if (state[t] == ThreadState.TERMINATED) {
				newId[t] = NONE;
				continue;
			}
			newId[t] = next;
			if (next != t) {
				System.arraycopy(threadAttr, t * slots, threadAttr, next * slots, slots);
				state[next] = state[t];
				cpu[next] = cpu[t];
				queueOf[next] = queueOf[t];
				System.arraycopy(affinity, t * words, affinity, next * words, words);
			}
			next++;
		}
		for (int t = next; t < threads; t++) {
			Arrays.fill(threadAttr, t * slots, (t + 1) * slots, 0L);
			Arrays.fill(affinity, t * words, (t + 1) * words, 0L);
			state[t] = ThreadState.NONEXISTENT;
			cpu[t] = NONE;
			queueOf[t] = NONE;
		}
		for (int c = 0; c < cores; c++) {
			if (current[c] != NONE) {
				current[c] = newId[current[c]];
			}
		}
		for (int q = 0; q < queueSize.length; q++) {
			int base = q * capacity;
			for (int i = 0; i < queueSize[q]; i++) {
				queueElem[base + i] = newId[queueElem[base + i]];
			}
		}
		int removed = threads - next;
		threads = next;
		restricted = 0;
		for (int t = 0; t < threads; t++) {
			restricted += isRestricted(t) ? 1 : 0;
		}
		return removed;
	}

	public void setListener(TransitionListener listener) {
		this.listener = listener == null ? TransitionListener.NONE : listener;
	}

	// ------------------------------------------------------------------ shape

	public Layout layout() {
		return layout;
	}

	public Topology topology() {
		return topology;
	}

	public int cores() {
		return cores;
	}

	public int threadCapacity() {
		return capacity;
	}

	/** Threads created so far; they have ids {@code 0 .. threads()-1}. */
	public int threads() {
		return threads;
	}

	public int queueInstances() {
		return layout.coreQueues() * cores + layout.sharedQueues();
	}

	/** The instance of per-core queue kind {@code kind} on {@code core}. */
	public int coreQueue(int core, int kind) {
		return core * layout.coreQueues() + kind;
	}

	/** The instance of the {@code index}-th shared queue. */
	public int sharedQueue(int index) {
		return layout.coreQueues() * cores + index;
	}

	/** The core owning a queue instance, or -1 for a shared queue. */
	public int queueOwner(int queue) {
		return queue < layout.coreQueues() * cores ? queue / layout.coreQueues() : NONE;
	}

	/** The queue kind (index into {@link Layout#queues()}) of a queue instance. */
	public int queueKind(int queue) {
		int perCore = layout.coreQueues() * cores;
		return queue < perCore ? queue % layout.coreQueues() : layout.coreQueues() + queue - perCore;
	}

	// ------------------------------------------------------------------ reading

	public long now() {
		return now;
	}

	public void setNow(long now) {
		this.now = now;
	}

	public int state(int thread) {
		return state[thread];
	}

	public int cpu(int thread) {
		return cpu[thread];
	}

	/** Whether thread {@code thread} may run on core {@code core} (its affinity allows it). */
	public boolean allowed(int thread, int core) {
		return (affinity[thread * words + (core >>> 6)] & (1L << core)) != 0;
	}

	/**
	 * A fault at policy line {@code line} unless the thread may run on {@code core} (none: a shared queue,
	 * which any core may serve): the check of every transition to a core (docs/semantics.md, "Affinity").
	 */
	public void requireAllowed(int thread, int core, int line) {
		if (core != NONE && !allowed(thread, core)) {
			throw new PolicyFault(line, "t" + thread + " may not run on core " + core + ": its affinity is "
					+ affinity(thread));
		}
	}

	/** A thread's affinity, {@link Affinity#ALL} when it allows every core of this machine. */
	public Affinity affinity(int thread) {
		if (!isRestricted(thread)) {
			return Affinity.ALL;
		}
		return Affinity.of(BitSet.valueOf(Arrays.copyOfRange(affinity, thread * words, (thread + 1) * words)));
	}

	/** Whether some created thread may not run on some core (see {@link #restricted}). */
	public boolean hasRestrictedAffinity() {
		return restricted > 0;
	}

	private boolean isRestricted(int thread) {
		return !Arrays.equals(affinity, thread * words, (thread + 1) * words, allCores, 0, words);
	}

	/**
	 * Sets a created thread's affinity: the cores of {@code allowed} that this machine has. A thread that is
	 * on no core (new, blocked, or in a shared queue) whose {@code cpu(t)} the new set leaves out gets the
	 * lowest core of the set as its {@code cpu(t)}, as Linux's select_fallback_rq() gives one: so
	 * {@code cpu(t)} is always a core t may run on. A thread running or waiting on a core the set leaves
	 * out must be taken off first (Interpreter.changeAffinity does).
	 *
	 * @throws IllegalArgumentException when {@code allowed} has none of this machine's cores
	 * @throws IllegalStateException when the thread is on a core the set leaves out
	 */
	public void setAffinity(int thread, Affinity allowed) {
		checkAffinity(allowed);
		long[] bits = allowed.words(cores);
		int home = cpu[thread];
		if (home != NONE && (bits[home >>> 6] & (1L << home)) == 0) {
			if (isOnCore(thread)) {
				throw new IllegalStateException("t" + thread + " is on core " + home + ", which affinity " + allowed
						+ " leaves out: take it off first");
			}
			cpu[thread] = BitSet.valueOf(bits).nextSetBit(0);
		}
		restricted -= isRestricted(thread) ? 1 : 0;
		System.arraycopy(bits, 0, affinity, thread * words, words);
		restricted += isRestricted(thread) ? 1 : 0;
	}

	/** Whether a thread runs on a core or waits in a core's own queue. */
	public boolean isOnCore(int thread) {
		return state[thread] == ThreadState.RUNNING
				|| (state[thread] == ThreadState.READY && queueOwner(queueOf[thread]) != NONE);
	}

	/** @throws IllegalArgumentException when {@code allowed} has none of this machine's cores */
	public void checkAffinity(Affinity allowed) {
		if (!allowed.allowsSomeCoreBelow(cores)) {
			throw new IllegalArgumentException("affinity " + allowed + " allows none of the " + cores
					+ " cores (0" + (cores > 1 ? "-" + (cores - 1) : "") + ")");
		}
	}

	/** The queue instance holding a ready thread, else -1. */
	public int queueOf(int thread) {
		return queueOf[thread];
	}

	public long threadAttr(int thread, int slot) {
		return threadAttr[thread * layout.threadSlots() + slot];
	}

	public void setThreadAttr(int thread, int slot, long value) {
		int at = thread * layout.threadSlots() + slot;
		int queue = queueOf[thread];
		if (queue != NONE && sumIndex[slot] >= 0) {
			queueSum[queue * summed + sumIndex[slot]] += value - threadAttr[at];
		}
		threadAttr[at] = value;
	}

	public long coreAttr(int core, int slot) {
		return coreAttr[core * layout.coreSlots() + slot];
	}

	public void setCoreAttr(int core, int slot, long value) {
		coreAttr[core * layout.coreSlots() + slot] = value;
	}

	public int current(int core) {
		return current[core];
	}

	public int coreState(int core) {
		return coreState[core];
	}

	public void setCoreState(int core, int coreStateIndex) {
		if (inState.length > 0) { // a policy without core states still has every core in "state 0"
			inState[coreState[core]][core >>> 6] &= ~(1L << core);
			inState[coreStateIndex][core >>> 6] |= 1L << core;
		}
		coreState[core] = coreStateIndex;
	}

	/** Whether the core has run its {@code enter_idle} and not yet its {@code exit_idle}. */
	public boolean isIdle(int core) {
		return idle[core];
	}

	public void setIdle(int core, boolean value) {
		idle[core] = value;
	}

	public int size(int queue) {
		return queueSize[queue];
	}

	/** The {@code index}-th thread of a queue, in queue order. */
	public int at(int queue, int index) {
		return queueElem[queue * capacity + index];
	}

	/**
	 * The order key {@code at(queue, index)} was inserted with: the queue's key attribute as it was at
	 * insertion (docs/semantics.md, "Ordered queues"); 0 for a FIFO queue.
	 */
	public long keyAt(int queue, int index) {
		return queueKey[queue * capacity + index];
	}

	public int first(int queue) {
		return queueSize[queue] == 0 ? NONE : queueElem[queue * capacity];
	}

	/** 1 for a current thread plus the threads of the core's own queues. */
	public int runnable(int core) {
		return runnable[core];
	}

	/** How many cores have at least two runnable threads. */
	public int overloadedCores() {
		return overloaded;
	}

	/** Whether any queue this core may schedule from (its own, or a shared one) holds a thread. */
	public boolean hasQueuedWork(int core) {
		return runnable[core] > (current[core] == NONE ? 0 : 1) || sharedQueued > 0;
	}

	/** Whether any shared queue holds a thread. */
	public boolean sharedWork() {
		return sharedQueued > 0;
	}

	/** Records that core {@code core} is asked to reschedule ({@code preempt core;}). */
	public void requestPreempt(int core) {
		preemptPending[core >>> 6] |= 1L << core;
		touch(core);
	}

	/** Whether core {@code core} has a {@code preempt} request it has not seen yet. */
	public boolean preemptRequested(int core) {
		return (preemptPending[core >>> 6] & (1L << core)) != 0;
	}

	// ------------------------------------------------------------------ concurrency (docs/semantics.md)

	/** Whether core {@code core} has a pending reschedule. */
	public boolean reschedulePending(int core) {
		return (reschedulePending[core >>> 6] & (1L << core)) != 0;
	}

	/** How many cores have a pending reschedule: 0 in a quiescent state. */
	public int pendingReschedules() {
		return pendingCount;
	}

	/** The lowest core {@code >= from} with a pending reschedule, or {@link #cores()}. */
	public int nextPendingReschedule(int from) {
		return pendingCount == 0 ? cores : nextIn(reschedulePending, from);
	}

	public void setReschedulePending(int core, boolean pending) {
		long bit = 1L << core;
		boolean was = (reschedulePending[core >>> 6] & bit) != 0;
		if (was != pending) {
			reschedulePending[core >>> 6] ^= bit;
			pendingCount += pending ? 1 : -1;
		}
	}

	/** How many cores the events since the last {@link #clearTouched()} touched (see {@link #touched}). */
	public int touchedCount() {
		return touchedCount;
	}

	/** The {@code i}-th core touched, in the order first touched. */
	public int touchedCore(int i) {
		return touchedList[i];
	}

	public void clearTouched() {
		for (int i = 0; i < touchedCount; i++) {
			int c = touchedList[i];
			touched[c >>> 6] &= ~(1L << c);
		}
		touchedCount = 0;
	}

	private void touch(int core) {
		long bit = 1L << core;
		if ((touched[core >>> 6] & bit) == 0) {
			touched[core >>> 6] |= bit;
			touchedList[touchedCount++] = core;
		}
	}

	/** Whether thread {@code thread} is ready in a shared queue. */
	public boolean inSharedQueue(int thread) {
		return state[thread] == ThreadState.READY && queueOwner(queueOf[thread]) == NONE;
	}

	public void takePreempt(int core) {
		preemptPending[core >>> 6] &= ~(1L << core);
	}

	/** The lowest core {@code >= from} without a current thread, or {@link #cores()} if there is none. */
	public int nextFreeCore(int from) {
		return nextIn(free, from);
	}

	/** The lowest core {@code >= from} in core state {@code state}, or {@link #cores()} if there is none. */
	public int nextCoreInState(int state, int from) {
		return nextIn(inState[state], from);
	}

	private int nextIn(long[] set, int from) {
		if (from >= cores) {
			return cores;
		}
		int word = from >>> 6;
		long bits = set[word] & (-1L << from);
		while (true) {
			if (bits != 0) {
				int core = (word << 6) + Long.numberOfTrailingZeros(bits);
				return Math.min(core, cores);
			}
			if (++word == set.length) {
				return cores;
			}
			bits = set[word];
		}
	}

	/**
	 * The sum over a queue's threads of a thread attribute kept summed ({@code index} into
	 * {@link Layout#summedSlots()}); O(1).
	 */
	public long queueSum(int queue, int index) {
		return queueSum[queue * summed + index];
	}

	// ------------------------------------------------------------------ transitions

	/** Brings thread {@code thread} (the next free id) into existence on {@code core}, in state NEW. */
	public void create(int thread, int core) {
		if (thread != threads || thread >= capacity) {
			throw new PolicyFault(0, thread >= capacity ? "no room for thread " + thread + " (capacity "
					+ capacity + ")" : "thread " + thread + " created out of order (next is " + threads + ")");
		}
		threads++;
		state[thread] = ThreadState.NEW;
		cpu[thread] = core;
		System.arraycopy(allCores, 0, affinity, thread * words, words);
	}

	/** Moves a thread into a queue instance, at its place in the queue's order. */
	public void enqueue(int thread, int queue) {
		int fromState = state[thread];
		int fromCore = cpu[thread];
		detach(thread);
		int kind = queueKind(queue);
		int slot = layout.orderSlot()[kind];
		long key = slot < 0 ? 0 : threadAttr(thread, slot);
		boolean highest = layout.orderHighest()[kind];
		int base = queue * capacity;
		int size = queueSize[queue];
		int position = size;
		if (slot >= 0) {
			// after every element that sorts before or equal to the key: stable among equal keys
			int lo = 0;
			int hi = size;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				long k = queueKey[base + mid];
				boolean before = highest ? k >= key : k <= key;
				if (before) {
					lo = mid + 1;
				} else {
					hi = mid;
				}
			}
			position = lo;
			System.arraycopy(queueElem, base + position, queueElem, base + position + 1, size - position);
			System.arraycopy(queueKey, base + position, queueKey, base + position + 1, size - position);
		}
		queueElem[base + position] = thread;
		queueKey[base + position] = key;
		queueSize[queue] = size + 1;
		state[thread] = ThreadState.READY;
		queueOf[thread] = queue;
		addToSums(thread, queue, 1);
		int owner = queueOwner(queue);
		if (owner != NONE) {
			cpu[thread] = owner;
			addRunnable(owner, 1);
			touch(owner);
		} else {
			sharedQueued++;
		}
		listener.moved(thread, fromState, fromCore, ThreadState.READY, cpu[thread], queue);
	}

	/** Makes a thread the current one of a core whose current slot is empty. */
	public void run(int thread, int core) {
		int fromState = state[thread];
		int fromCore = cpu[thread];
		detach(thread);
		current[core] = thread;
		free[core >>> 6] &= ~(1L << core);
		addRunnable(core, 1);
		state[thread] = ThreadState.RUNNING;
		cpu[thread] = core;
		listener.moved(thread, fromState, fromCore, ThreadState.RUNNING, core, NONE);
	}

	public void block(int thread) {
		park(thread, ThreadState.BLOCKED);
	}

	public void terminate(int thread) {
		park(thread, ThreadState.TERMINATED);
	}

	private void park(int thread, int newState) {
		int fromState = state[thread];
		detach(thread);
		state[thread] = newState;
		listener.moved(thread, fromState, cpu[thread], newState, cpu[thread], NONE);
	}

	/** Takes a thread out of its current place, leaving its state to the caller. */
	private void detach(int thread) {
		if (state[thread] == ThreadState.RUNNING) {
			int core = cpu[thread];
			current[core] = NONE;
			free[core >>> 6] |= 1L << core;
			addRunnable(core, -1);
			touch(core);
		} else if (state[thread] == ThreadState.READY) {
			int queue = queueOf[thread];
			int base = queue * capacity;
			int size = queueSize[queue];
			int index = 0;
			while (queueElem[base + index] != thread) {
				index++;
			}
			System.arraycopy(queueElem, base + index + 1, queueElem, base + index, size - index - 1);
			System.arraycopy(queueKey, base + index + 1, queueKey, base + index, size - index - 1);
			queueSize[queue] = size - 1;
			queueOf[thread] = NONE;
			addToSums(thread, queue, -1);
			int owner = queueOwner(queue);
			if (owner != NONE) {
				addRunnable(owner, -1);
			} else {
				sharedQueued--;
			}
		}
	}

	private void addRunnable(int core, int delta) {
		int before = runnable[core];
		int after = before + delta;
		runnable[core] = after;
		overloaded += (after >= 2 ? 1 : 0) - (before >= 2 ? 1 : 0);
	}

	private void addToSums(int thread, int queue, int sign) {
		int[] slots = layout.summedSlots();
		for (int i = 0; i < summed; i++) {
			queueSum[queue * summed + i] += sign * threadAttr(thread, slots[i]);
		}
	}

	// ------------------------------------------------------------------ invariants

	/**
	 * Checks the machine's invariants: every created thread is in exactly one place that agrees with its
	 * state, every queue is in key order, {@code cpu(t)} names the core that holds t. For tests and for
	 * debugging a policy; returns a description of the first violation, or null.
	 */
	public String invariantViolation() {
		int[] seen = new int[threads];
		for (int c = 0; c < cores; c++) {
			int t = current[c];
			if (t != NONE) {
				seen[t]++;
				if (state[t] != ThreadState.RUNNING || cpu[t] != c) {
					return "t" + t + " is current on core " + c + " but " + ThreadState.name(state[t]) + " on " + cpu[t];
				}
			}
		}
		for (int q = 0; q < queueSize.length; q++) {
			int kind = queueKind(q);
			boolean keyed = layout.orderSlot()[kind] >= 0;
			for (int i = 0; i < queueSize[q]; i++) {
				int t = at(q, i);
				seen[t]++;
				if (state[t] != ThreadState.READY || queueOf[t] != q) {
					return "t" + t + " is in queue " + q + " but " + ThreadState.name(state[t]) + " in " + queueOf[t];
				}
				if (queueOwner(q) != NONE && cpu[t] != queueOwner(q)) {
					return "t" + t + " is queued on core " + queueOwner(q) + " but cpu(t) = " + cpu[t];
				}
				long key = queueKey[q * capacity + i];
				if (keyed && i > 0) {
					long previous = queueKey[q * capacity + i - 1];
					if (layout.orderHighest()[kind] ? previous < key : previous > key) {
						return "queue " + q + " is out of order at position " + i;
					}
				}
			}
		}
		for (int t = 0; t < threads; t++) {
			boolean placed = state[t] == ThreadState.RUNNING || state[t] == ThreadState.READY;
			if (seen[t] != (placed ? 1 : 0)) {
				return "t" + t + " (" + ThreadState.name(state[t]) + ") appears " + seen[t] + " times";
			}
		}
		return derivedViolation();
	}

	/** Recomputes the derived quantities from scratch and compares them with the kept ones. */
	private String derivedViolation() {
		int overloadedNow = 0;
		for (int c = 0; c < cores; c++) {
			int count = current[c] == NONE ? 0 : 1;
			for (int k = 0; k < layout.coreQueues(); k++) {
				count += queueSize[coreQueue(c, k)];
			}
			if (count != runnable[c]) {
				return "core " + c + " has " + count + " runnable threads but counts " + runnable[c];
			}
			overloadedNow += count >= 2 ? 1 : 0;
			if ((nextFreeCore(c) == c) != (current[c] == NONE)) {
				return "core " + c + " is " + (current[c] == NONE ? "not " : "") + "in the free-core set";
			}
			for (int s = 0; s < inState.length; s++) {
				if ((nextCoreInState(s, c) == c) != (coreState[c] == s)) {
					return "core " + c + " is " + (coreState[c] == s ? "not " : "") + "in the set of core state "
							+ layout.coreStates().get(s);
				}
			}
		}
		int restrictedNow = 0;
		for (int t = 0; t < threads; t++) {
			restrictedNow += isRestricted(t) ? 1 : 0;
			if (state[t] != ThreadState.TERMINATED && !allowed(t, cpu[t])) {
				return "t" + t + " (" + ThreadState.name(state[t]) + ") has cpu(t) = " + cpu[t] + ", which its affinity "
						+ affinity(t) + " leaves out";
			}
		}
		if (restrictedNow != restricted) {
			return restrictedNow + " threads have a restricted affinity but " + restricted + " are counted";
		}
		if (overloadedNow != overloaded) {
			return overloadedNow + " cores are overloaded but " + overloaded + " are counted";
		}
		int sharedNow = 0;
		for (int s = 0; s < layout.sharedQueues(); s++) {
			sharedNow += queueSize[sharedQueue(s)];
		}
		if (sharedNow != sharedQueued) {
			return sharedNow + " threads are in shared queues but " + sharedQueued + " are counted";
		}
		int[] slots = layout.summedSlots();
		for (int q = 0; q < queueSize.length; q++) {
			for (int i = 0; i < summed; i++) {
				long sum = 0;
				for (int j = 0; j < queueSize[q]; j++) {
					sum += threadAttr(at(q, j), slots[i]);
				}
				if (sum != queueSum[q * summed + i]) {
					return "queue " + q + " sums " + layout.threadAttributes().get(slots[i]) + " to " + sum
							+ " but keeps " + queueSum[q * summed + i];
				}
			}
		}
		return null;
	}

	// ------------------------------------------------------------------ identity

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Machine m)) {
			return false;
		}
		return now == m.now && threads == m.threads && layout.equals(m.layout) && topology.equals(m.topology)
				&& capacity == m.capacity
				&& Arrays.equals(threadAttr, m.threadAttr) && Arrays.equals(state, m.state)
				&& Arrays.equals(cpu, m.cpu) && Arrays.equals(queueOf, m.queueOf)
				&& Arrays.equals(affinity, m.affinity)
				&& Arrays.equals(coreAttr, m.coreAttr) && Arrays.equals(current, m.current)
				&& Arrays.equals(coreState, m.coreState) && Arrays.equals(idle, m.idle)
				&& Arrays.equals(preemptPending, m.preemptPending) && Arrays.equals(reschedulePending, m.reschedulePending)
				&& queuesEqual(m);
	}

	private boolean queuesEqual(Machine m) {
		if (!Arrays.equals(queueSize, m.queueSize)) {
			return false;
		}
		for (int q = 0; q < queueSize.length; q++) {
			int base = q * capacity;
			if (!Arrays.equals(queueElem, base, base + queueSize[q], m.queueElem, base, base + queueSize[q])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int h = Long.hashCode(now);
		h = 31 * h + Arrays.hashCode(threadAttr);
		h = 31 * h + Arrays.hashCode(state);
		h = 31 * h + Arrays.hashCode(cpu);
		h = 31 * h + Arrays.hashCode(affinity);
		h = 31 * h + Arrays.hashCode(coreAttr);
		h = 31 * h + Arrays.hashCode(current);
		h = 31 * h + Arrays.hashCode(coreState);
		for (int q = 0; q < queueSize.length; q++) {
			for (int i = 0; i < queueSize[q]; i++) {
				h = 31 * h + queueElem[q * capacity + i];
			}
			h = 31 * h + queueSize[q];
		}
		return h;
	}

	/** A readable dump: one line per core, then shared queues and the other threads. */
	@Override
	public String toString() {
		StringBuilder out = new StringBuilder();
		out.append("now=").append(now).append('\n');
		for (int c = 0; c < cores; c++) {
			out.append("core ").append(c).append(" [").append(layout.coreStates().isEmpty() ? "-"
					: layout.coreStates().get(coreState[c])).append(idle[c] ? ", idle" : "")
					.append(reschedulePending(c) ? ", reschedule pending" : "").append(preemptRequested(c) ? ", preempt asked" : "")
					.append("]");
			out.append(" current=").append(current[c] == NONE ? "none" : "t" + current[c]);
			for (int k = 0; k < layout.coreQueues(); k++) {
				appendQueue(out.append(' ').append(layout.queues().get(k)).append('='), coreQueue(c, k));
			}
			out.append('\n');
		}
		for (int s = 0; s < layout.sharedQueues(); s++) {
			appendQueue(out.append(layout.queues().get(layout.coreQueues() + s)).append('='), sharedQueue(s));
			out.append('\n');
		}
		for (int t = 0; t < threads; t++) {
			if (state[t] == ThreadState.BLOCKED || state[t] == ThreadState.TERMINATED) {
				out.append('t').append(t).append(' ').append(ThreadState.name(state[t])).append('\n');
			}
		}
		for (int t = 0; t < threads; t++) {
			if (isRestricted(t)) {
				out.append('t').append(t).append(" may run on ").append(affinity(t)).append('\n');
			}
		}
		return out.toString();
	}

	private void appendQueue(StringBuilder out, int queue) {
		out.append('[');
		for (int i = 0; i < queueSize[queue]; i++) {
			out.append(i == 0 ? "" : " ").append('t').append(at(queue, i));
		}
		out.append(']');
	}
}
