package org.policy.dsl.semantics;

import org.policy.dsl.policy.Event;

/**
 * Runs a policy's handlers on a {@link Machine}: the reference semantics of docs/semantics.md.
 *
 * <p>Each environment event is one method. It runs the handler on the given core, then checks the
 * event type ({@link EventType}) on the target (a violation is a {@link PolicyFault}). An event runs on one
 * core; the methods do not end it: call {@link #complete} with that core after each, which settles that core
 * and turns what the event changed on other cores into their pending reschedules, and {@link #reschedule}
 * to deliver one (docs/semantics.md, "Concurrency"). The simulator delivers them after a latency, the
 * verifier in every order.
 *
 * <p>Single-threaded, allocation-free per event; make one per thread of execution. An environment
 * event that makes no sense in the state (a tick on a core with no current thread, an unblock of a
 * thread that is not blocked) is the caller's error: {@link IllegalStateException}.
 */
public final class Interpreter {
	private final CompiledPolicy policy;
	private final Program program;
	private final Frame frame;
	/** Scratch of the steal: the source queue's threads in migration order, and their keys. */
	private int[] order = new int[0];
	private long[] orderKeys = new long[0];

	Interpreter(CompiledPolicy policy, Program program) {
		this.policy = policy;
		this.program = program;
		this.frame = new Frame(program.slotCount, program.loops, program.tables);
	}

	public CompiledPolicy policy() {
		return policy;
	}

	/**
	 * Another interpreter of the same program, parameter values included, for another thread of execution:
	 * the compiled handlers hold no state of their own, so the two share them and nothing else. Its core
	 * order is the default ({@link CoreOrder#BY_ID}).
	 */
	public Interpreter sibling() {
		return new Interpreter(policy, program);
	}

	/**
	 * How ties between cores are broken from now on ({@link CoreOrder#BY_ID}, the semantics of
	 * docs/semantics.md, unless the verifier enumerates the ties).
	 */
	public void setCoreOrder(CoreOrder order) {
		frame.order = order;
	}

	/** Puts every core of a fresh machine in the first core state and gives it its initial attributes. */
	public void initialise(Machine m) {
		for (int c = 0; c < m.cores(); c++) {
			m.setCoreState(c, 0);
			enter(m, c, Machine.NONE, false);
			for (int slot = 0; slot < program.coreInit.length; slot++) {
				if (program.coreInit[slot]) {
					m.setCoreAttr(c, slot, program.code.initCore(slot, frame));
				} else if (program.coreInput[slot] != null) {
					m.setCoreAttr(c, slot, coreInput(program.coreInput[slot], c));
				}
			}
		}
	}

	/** Period of the periodic balance in ns, or -1 when the policy does not balance periodically. */
	public long balancePeriod() {
		return program.steal == null ? -1 : program.steal.period;
	}

	public boolean balancesWhenIdle() {
		return program.steal != null && program.steal.onIdle;
	}

	// ------------------------------------------------------------------ environment events

	/** A core's value of a core input: its id, or its capacity (every core is a full one). */
	private static long coreInput(Input input, int core) {
		return input == Input.ID ? core : Input.FULL_CAPACITY;
	}

	/** A nice-0, non-real-time thread is created: {@link #create(Machine, int, int, ThreadInputs)}. */
	public void create(Machine m, int core, int thread) {
		create(m, core, thread, ThreadInputs.DEFAULT);
	}

	/**
	 * Thread {@code thread} (the next free id) is created by a thread running on {@code core}, with the
	 * environment's inputs for it: its attributes declared {@code input} get their values, and its affinity
	 * is set, before its {@code new} handler runs.
	 *
	 * @throws IllegalArgumentException when the affinity allows none of the machine's cores
	 */
	public void create(Machine m, int core, int thread, ThreadInputs inputs) {
		m.checkAffinity(inputs.affinity()); // before anything changes
		m.create(thread, core);
		m.setAffinity(thread, inputs.affinity());
		enter(m, core, thread, false);
		for (int slot = 0; slot < program.threadInit.length; slot++) {
			Input input = program.threadInput[slot];
			m.setThreadAttr(thread, slot, program.threadInit[slot] ? program.code.initThread(slot, frame)
					: input != null ? inputs.value(input) : 0);
		}
		run(Event.NEW, m, core, thread, false);
		expect(EventType.NEW, m, core, thread);
	}

	public void tick(Machine m, int core) {
		int t = running(m, core, "tick");
		run(Event.TICK, m, core, t, false);
		expect(EventType.TICK, m, core, t);
	}

	public void yield(Machine m, int core) {
		int t = running(m, core, "yield");
		run(Event.YIELD, m, core, t, false);
		expect(EventType.YIELD, m, core, t);
	}

	public void block(Machine m, int core) {
		int t = running(m, core, "block");
		run(Event.BLOCK, m, core, t, false);
		expect(EventType.BLOCK, m, core, t);
	}

	/** Blocked thread {@code thread} is woken, by a waker running on {@code core}. */
	public void unblock(Machine m, int core, int thread) {
		if (thread < 0 || thread >= m.threads() || m.state(thread) != ThreadState.BLOCKED) {
			throw new IllegalStateException("unblock of t" + thread + ", which is not blocked");
		}
		run(Event.UNBLOCK, m, core, thread, false);
		expect(EventType.UNBLOCK, m, core, thread);
	}

	/**
	 * Thread {@code thread}'s affinity changes (sched_setaffinity() called by a thread running on
	 * {@code core}), docs/semantics.md "Affinity". It takes effect at once: a thread that is blocked, in a
	 * shared queue, or on a core it may still use stays where it is (with {@code cpu(t)} moved into the new
	 * set if it was outside, {@link Machine#setAffinity}); a thread running or waiting on a core it may no
	 * longer use is taken off that core, as Linux's migration does, gets the lowest core of the new set as
	 * {@code cpu(t)}, and is placed again by its {@code unblock} handler, run on {@code core}, as if it had
	 * just woken up.
	 *
	 * @throws IllegalArgumentException when the affinity allows none of the machine's cores
	 * @throws IllegalStateException when the thread is not a live thread
	 */
	public void changeAffinity(Machine m, int core, int thread, Affinity allowed) {
		if (thread < 0 || thread >= m.threads() || m.state(thread) == ThreadState.TERMINATED
				|| m.state(thread) == ThreadState.NEW) {
			throw new IllegalStateException("affinity change of t" + thread + ", which is not a live thread");
		}
		m.checkAffinity(allowed);
		boolean displaced = m.isOnCore(thread) && !allowed.allows(m.cpu(thread));
		if (displaced) {
			m.block(thread);
		}
		m.setAffinity(thread, allowed);
		if (!displaced) {
			return;
		}
		run(Event.UNBLOCK, m, core, thread, false);
		expect(EventType.UNBLOCK, m, core, thread);
	}

	public void terminate(Machine m, int core) {
		int t = running(m, core, "terminate");
		run(Event.TERMINATE, m, core, t, false);
		expect(EventType.TERMINATE, m, core, t);
	}

	/** The {@code schedule} handler on a core with no current thread: it may pick one ready thread. */
	public void schedule(Machine m, int core) {
		if (m.current(core) != Machine.NONE) {
			throw new IllegalStateException("schedule on core " + core + ", which runs t" + m.current(core));
		}
		run(Event.SCHEDULE, m, core, Machine.NONE, true);
	}

	public void enterIdle(Machine m, int core) {
		run(Event.ENTER_IDLE, m, core, Machine.NONE, false);
		m.setIdle(core, true);
	}

	public void exitIdle(Machine m, int core) {
		run(Event.EXIT_IDLE, m, core, Machine.NONE, false);
		m.setIdle(core, false);
	}

	/**
	 * Boots a machine that {@link #initialise} prepared: every core settles, in increasing id, before any
	 * event (all cores start empty, so the order does not matter). Not an event: nothing is pending after.
	 */
	public void boot(Machine m) {
		for (int c = 0; c < m.cores(); c++) {
			settle(m, c);
		}
		m.clearTouched();
	}

	/**
	 * Ends an event that ran on {@code core} (docs/semantics.md, "Concurrency"): that core sees its own
	 * {@code preempt} request and settles; what the event changed on other cores becomes their pending
	 * reschedules, delivered later by {@link #reschedule}. Call it after every environment event (a
	 * {@code new}, {@code tick}, ... or a periodic {@link #balance}) with the core the event ran on.
	 *
	 * <p>A core other than {@code core} gets a pending reschedule when the event asked it to preempt, or
	 * left it without a current thread after touching it (placed a thread on its queues, took its
	 * current); a core that runs a thread and only got one more in its queues is not disturbed. Then the
	 * idle kick: while a thread waits in a shared queue, every idle core that may run one of them gets one.
	 */
	public void complete(Machine m, int core) {
		m.setReschedulePending(core, false);
		if (m.preemptRequested(core)) {
			deliverPreempt(m, core);
		}
		settle(m, core);
		for (int i = 0; i < m.touchedCount(); i++) {
			int c = m.touchedCore(i);
			if (c != core && (m.preemptRequested(c) || m.current(c) == Machine.NONE)) {
				m.setReschedulePending(c, true);
			}
		}
		m.clearTouched();
		if (m.sharedWork()) {
			idleKick(m);
		}
	}

	/**
	 * The delivery of core {@code core}'s pending reschedule (the IPI arrives): an event on that core that
	 * runs no handler of its own, then {@link #complete} there. A core without one is left as it is.
	 */
	public void reschedule(Machine m, int core) {
		if (m.reschedulePending(core)) {
			complete(m, core);
		}
	}

	/**
	 * The idle kick of {@link #complete}: every idle core without a pending reschedule that may run a thread
	 * waiting in a shared queue gets one. All of them, not one chosen by id: the choice would break ties by
	 * core id, which the verifier's core symmetry must not see (docs/verification.md, "Reductions").
	 */
	private static void idleKick(Machine m) {
		for (int c = m.nextFreeCore(0); c < m.cores(); c = m.nextFreeCore(c + 1)) {
			// without restricted affinities every waiting thread may run on c (the caller saw shared work)
			if (m.isIdle(c) && !m.reschedulePending(c)
					&& (!m.hasRestrictedAffinity() || WorkConservation.sharedThreadFor(m, c) != Machine.NONE)) {
				m.setReschedulePending(c, true);
			}
		}
	}

	/**
	 * Delivers a request of {@code preempt c;} to c: the thread running there goes through
	 * {@code on preempt} (and must end ready); a request to a core that runs nothing is void, since that
	 * core schedules anyway.
	 */
	private void deliverPreempt(Machine m, int c) {
		m.takePreempt(c);
		int t = m.current(c);
		if (t != Machine.NONE) {
			run(Event.PREEMPT, m, c, t, false);
			expect(EventType.PREEMPT, m, c, t);
		}
	}

	/** Settles one core. */
	public void settle(Machine m, int core) {
		if (m.current(core) != Machine.NONE) {
			return;
		}
		if (m.isIdle(core)) {
			if (!m.hasQueuedWork(core)) {
				return;
			}
			exitIdle(m, core);
		}
		schedule(m, core);
		if (m.current(core) != Machine.NONE) {
			return;
		}
		if (balancesWhenIdle()) {
			balance(m, core);
			schedule(m, core);
			if (m.current(core) != Machine.NONE) {
				return;
			}
		}
		enterIdle(m, core);
	}

	/**
	 * The structured steal, run by {@code core} (docs/semantics.md, "The structured steal").
	 *
	 * @return the number of threads it moved to {@code core}
	 */
	public int balance(Machine m, int core) {
		Program.Steal s = program.steal;
		if (s == null) {
			return 0;
		}
		enter(m, core, Machine.NONE, false);
		if (s.levels.length == 0) {
			return stealAt(m, core, s, m.topology().domain(Topology.MACHINE, core));
		}
		int[] previous = null;
		for (int level : s.levels) {
			int[] domain = m.topology().domain(level, core);
			if (domain == previous) {
				// Same cores as the level below, which moved nothing: the steal's expressions are pure and
				// nothing changed since, so it would move nothing again (a flat machine's llc, numa and
				// machine levels are all one domain).
				continue;
			}
			previous = domain;
			int moved = stealAt(m, core, s, domain);
			if (moved > 0) {
				return moved;
			}
		}
		return 0;
	}

	private int stealAt(Machine m, int self, Program.Steal s, int[] domain) {
		Frame f = frame;
		long[] slots = f.slots;
		Program.Code code = program.code;
		int victim = Machine.NONE;
		long victimKey = 0;
		long tied = 0; // the victims whose key equals the best: the lowest id wins, or the frame's CoreOrder
		for (int c : domain) {
			if (c == self) {
				continue;
			}
			slots[s.victimSlot] = c;
			if (code.steal(Program.FILTER, f) == 0) {
				continue;
			}
			long key = code.steal(Program.SELECT_KEY, f);
			if (victim == Machine.NONE || (s.selectMax ? key > victimKey : key < victimKey)) {
				victim = c;
				victimKey = key;
				tied = Ops.coreBit(f, c);
			} else if (key == victimKey) {
				tied |= Ops.coreBit(f, c);
			}
		}
		victim = (int) Ops.chooseCore(f, victim, tied);
		if (victim == Machine.NONE) {
			return 0;
		}
		slots[s.victimSlot] = victim;
		int source = CollectionValue.queueOf(code.steal(Program.SOURCE, f));
		int destination = m.coreQueue(self, m.queueKind(source));
		int n = order(m, s, source);
		int moved = 0;
		for (int i = 0; i < n; i++) {
			int t = order[i];
			if (!m.allowed(t, self)) {
				continue; // a steal never takes a thread the thief may not run (Linux's can_migrate_task)
			}
			slots[s.movedSlot] = t;
			if (s.migrateCondition && code.steal(Program.MIGRATE_CONDITION, f) == 0) {
				continue;
			}
			if (code.steal(Program.STOP, f) != 0) {
				break;
			}
			if (s.onMove) {
				code.onMove(f);
			}
			m.enqueue(t, destination);
			moved++;
		}
		return moved;
	}

	/** Fills {@code order} with the source queue's threads in migration order; returns the count. */
	private int order(Machine m, Program.Steal s, int source) {
		int n = m.size(source);
		if (order.length < m.threadCapacity()) {
			order = new int[m.threadCapacity()];
			orderKeys = new long[m.threadCapacity()];
		}
		for (int i = 0; i < n; i++) {
			int t = m.at(source, i);
			long key = 0;
			if (s.migrateKey) {
				frame.slots[s.movedSlot] = t;
				key = program.code.steal(Program.MIGRATE_KEY, frame);
			}
			// stable insertion sort: queues are short, and this keeps queue order among equal keys
			int j = i;
			while (j > 0 && (s.migrateHighest ? orderKeys[j - 1] < key : orderKeys[j - 1] > key)) {
				order[j] = order[j - 1];
				orderKeys[j] = orderKeys[j - 1];
				j--;
			}
			order[j] = t;
			orderKeys[j] = key;
		}
		return n;
	}

	// ------------------------------------------------------------------ plumbing

	private void enter(Machine m, int core, int target, boolean schedule) {
		frame.machine = m;
		frame.self = core;
		frame.target = target;
		frame.schedule = schedule;
	}

	private void run(Event event, Machine m, int core, int target, boolean schedule) {
		int e = event.getValue();
		if (!program.handles[e]) {
			return;
		}
		enter(m, core, target, schedule);
		int slot = program.targetSlot[e];
		if (slot >= 0) {
			frame.slots[slot] = target;
		}
		program.code.handle(e, frame);
	}

	private static int running(Machine m, int core, String event) {
		int t = m.current(core);
		if (t == Machine.NONE) {
			throw new IllegalStateException(event + " on core " + core + ", which runs no thread");
		}
		return t;
	}

	/** The event type's promise about where the handler, run on {@code core}, left its target. */
	private static void expect(EventType type, Machine m, int core, int thread) {
		int s = m.state(thread);
		if (!type.allowsEnd(s, m.cpu(thread), core)) {
			throw new PolicyFault(0, "the " + type.event().getLiteral() + " handler left t" + thread + " "
					+ ThreadState.name(s) + ", which its event type does not allow");
		}
	}
}
