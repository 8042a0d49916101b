package org.policy.sim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.TransitionListener;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.ThreadInfo;
import org.policy.sim.workload.Op;
import org.policy.sim.workload.RtAppFlattener;
import org.policy.sim.workload.TaskProgram;
import org.policy.sim.workload.Workload;
import org.policy.workload.Distribution;

/**
 * The discrete-event simulator: runs a workload's thread programs on a machine whose scheduling
 * decisions are the policy's, made by the reference semantics ({@link Interpreter} on a
 * {@link Machine}); this class never decides anything about scheduling itself.
 *
 * <p>Events, in ns, ordered by (time, sequence number): a core's program step (its current thread
 * reaches the end of a run burst or must execute a zero-time op), per-core ticks every 1/HZ on cores
 * with a current thread, periodic balancing every {@code balancePeriod()} on every core, wakeups of
 * sleeping threads, and arrivals. After each event the engine calls {@code settle}; idle balancing
 * happens there. The engine learns about every thread transition through the machine's
 * {@link TransitionListener}: a thread that becomes current gets a program-step event, one that stops
 * running has its progress accounted and its step event cancelled.
 *
 * <p>Everything per event works on primitive arrays allocated up front; one instance runs once.
 */
public final class Simulator {
	static final int EV_STEP = 0;
	static final int EV_TICK = 1;
	static final int EV_BALANCE = 2;
	static final int EV_WAKE = 3;
	static final int EV_ARRIVAL = 4;
	/** A periodic job's deadline (a: thread, b: job number); kept in {@link #deadlines}, not in the main queue. */
	static final int EV_DEADLINE = 5;
	/** The delivery of core a's pending reschedule, {@link SimOptions#kickLatencyNs()} after it was made. */
	static final int EV_RESCHEDULE = 6;

	private static final int ZERO_TIME_OP_LIMIT = 1_000_000;

	private final CompiledPolicy policy;
	private final Interpreter interpreter;
	private final Machine machine;
	private final Workload workload;
	private final SimOptions options;
	private final SplittableRandom random;
	private final EventQueue queue = new EventQueue();
	/**
	 * Deadlines of unfinished periodic jobs. A deadline is checked after every other event of its instant
	 * (a job that ends exactly at its deadline meets it), so it lives in its own queue.
	 */
	private final EventQueue deadlines = new EventQueue();
	private final boolean abortAtDeadline;
	private final Recorder recorder;
	private final int cores;
	private final int capacity;
	private final long tickNs;
	private final long balanceNs;
	private final long csNs;

	// programs, flattened per task for the hot path
	private final int[][] ops;
	private final long[][] argA;
	private final long[][] argB;
	private final long[] threadLoops;
	/** Per task: the inputs its threads are created with. */
	private final ThreadInputs[] taskInputs;
	/** Per task: its CPU lists as affinities ({@link TaskProgram#cpus()}, which {@link Op#AFFINITY} names). */
	private final Affinity[][] taskAffinities;
	/** Per task: the index of its creation affinity there; -1 for every core, -2 for one not listed. */
	private final int[] creationAffinity;
	/** Per task: {@link ThreadInfo#affinity()} of its threads on this machine. */
	private final String[] affinityText;
	private final Distribution[] distributions;

	// per thread
	private final int[] taskOf;
	private final int[] pc;
	private final boolean[] started;
	private final long[] remaining;
	private final long[] progressStart;
	private final long[] phaseLeft;
	private final long[] loopLeft;
	private final long[] wakeAt;
	private final int[] lastCore;
	private final int[] blockSeq;
	private final int[] timerBase;
	/** Per thread: the deadline of the job whose deadline is watched. */
	private final long[] jobDeadline;
	/** Per thread: the start of its periodic grid (creation + the task's delay), its current job's number,
	 * that job's deadline event (-1: none), whether its miss was counted, and whether it is being aborted. */
	private final long[] gridStart;
	private final int[] jobSeq;
	private final int[] deadlineSlot;
	private final int[] deadlineJob;
	private final int[] missedUpTo;
	private final boolean[] aborting;
	/** Per task: the period of its one timer, which releases its jobs (0: none, or several timers). */
	private final long[] jobPeriod;
	private final long[] createdAt;
	private final long[] exitedAt;
	private final long[] cpuNs;
	private final long[] migrations;
	private final boolean[] initial;
	/** Per thread: its affinity now, as an index like {@link #creationAffinity}'s, and how often it changed. */
	private final int[] affinityNow;
	private final long[] affinityChanges;

	// per core
	private final int[] stepSlot;
	private final boolean[] tickArmed;
	private final int[] lastRan;

	// shared objects of the workload
	private final Timers timers;
	private final Rendezvous rendezvous;
	private final long[] arrivalsLeft;
	/** The core a {@link #waker} wakes threads from: the signalling thread's (no capturing lambda per call). */
	private int wakerCore;
	private final Rendezvous.Waker waker = this::wakeWaiter;

	// deadlock detection: threads blocked on a barrier, condition or mutex, and on what (op << 24 | id; 0: nothing)
	private final int[] waitingOn;
	private int waitingThreads;
	private final ProgressRule progressRule;
	private final long maxEvents;

	private long now;
	private long events;
	private int live;
	private int pendingArrivals;
	private long lastExit = -1;
	private boolean voluntary;
	private boolean dirty = true;
	// the event being processed, described only when a fault needs it (no string building per event)
	private int currentKind = -1;
	private int currentA;
	private int currentB;
	/** The core the event under way runs on, which {@link #afterEvent} completes; -1 when it ran nothing. */
	private int eventCore = -1;
	/** Per core: a delivery of its pending reschedule is in the queue. */
	private final boolean[] deliveryQueued;
	private final long kickLatencyNs;
	/** {@link SimOptions#idleExitLatencyNs()}. */
	private final long idleExitNs;
	/**
	 * Per core: when its running thread last stopped (-1: never ran one). A start at a later time is a
	 * start on a core that ran nothing in between: it pays the idle exit latency. A stop and a start at the
	 * same time are a switch within one event.
	 */
	private final long[] stoppedAt;
	/** Per core: when it is awake, after the idle exit latency of its last start from idle. */
	private final long[] awakeAt;
	private ProgressListener progress = ProgressListener.NONE;
	/** Shown the settled machine after every event, for tests that recompute a figure on their own. */
	private Observer observer;

	/** Sees the machine after every event, once it is settled (package-private: for tests). */
	interface Observer {
		void afterEvent(Machine m, long now);
	}

	/** Told now and then how far the run is, for progress bars; never on the per-event path. */
	public interface ProgressListener {
		ProgressListener NONE = (simulatedNs, horizonNs, events) -> { };

		void progress(long simulatedNs, long horizonNs, long events);
	}

	/**
	 * @param params policy parameter overrides (checked by {@link CompiledPolicy#newInterpreter})
	 * @throws IllegalArgumentException for a parameter the policy does not have or out of its range
	 */
	public Simulator(CompiledPolicy policy, Map<String, Long> params, Workload workload, SimOptions options) {
		this.policy = policy;
		this.interpreter = policy.newInterpreter(params);
		this.workload = workload;
		this.options = options;
		this.random = new SplittableRandom(options.seed());
		this.cores = options.topology().cores();
		// limits first, before anything sized by them is allocated (docs/simulator.md, "Limits")
		ThreadCapacity.checkCertain(workload, options.horizonNs());
		// a CPU list with none of the machine's cores is refused now, at its position, not when reached
		AffinityCheck.check(workload, cores);
		EventBudget.check(workload, options, interpreter.balancePeriod(), policy.name());
		if (options.maxThreads() > ThreadCapacity.MAX_THREADS) {
			throw SimulationException.located("--max-threads " + options.maxThreads() + " is above the most threads a run"
					+ " simulates, " + ThreadCapacity.MAX_THREADS);
		}
		this.capacity = options.maxThreads() > 0 ? options.maxThreads() : ThreadCapacity.estimate(workload, options.horizonNs());
		ThreadCapacity.checkMemory(capacity, policy.layout().coreQueues() * cores + policy.layout().sharedQueues(),
				policy.layout().threadSlots(), cores,
				workload.tasks().stream().mapToInt(TaskProgram::uniqueTimers).max().orElse(0));
		this.machine = policy.newMachine(options.topology(), capacity);
		this.progressRule = new ProgressRule(capacity, cores, workload.tasks().size());
		this.maxEvents = options.maxEvents();
		this.waitingOn = new int[capacity];
		this.recorder = new Recorder(cores, options.horizonNs(), options.buckets(), options.maxSegments());
		this.tickNs = options.tickNs();
		this.balanceNs = interpreter.balancePeriod();
		this.csNs = options.contextSwitchNs();
		this.kickLatencyNs = options.kickLatencyNs();
		this.idleExitNs = options.idleExitLatencyNs();
		this.stoppedAt = new long[cores];
		Arrays.fill(stoppedAt, -1);
		this.awakeAt = new long[cores];
		this.deliveryQueued = new boolean[cores];

		int tasks = workload.tasks().size();
		ops = new int[tasks][];
		argA = new long[tasks][];
		argB = new long[tasks][];
		threadLoops = new long[tasks];
		jobPeriod = new long[tasks];
		taskInputs = new ThreadInputs[tasks];
		taskAffinities = new Affinity[tasks][];
		creationAffinity = new int[tasks];
		affinityText = new String[tasks];
		for (int i = 0; i < tasks; i++) {
			TaskProgram p = workload.tasks().get(i);
			taskInputs[i] = p.inputs();
			taskAffinities[i] = p.cpus().stream().map(RtAppFlattener::affinity).toArray(Affinity[]::new);
			Affinity created = p.inputs().affinity();
			creationAffinity[i] = created.isAll() ? -1 : Arrays.asList(taskAffinities[i]).indexOf(created);
			creationAffinity[i] = creationAffinity[i] == -1 && !created.isAll() ? -2 : creationAffinity[i];
			affinityText[i] = ThreadInfo.affinityText(created, cores);
			ops[i] = p.ops();
			argA[i] = p.a();
			argB[i] = p.b();
			threadLoops[i] = 1;
			// the task's jobs have one period if every timer it uses is one timer (one ref, one period)
			long timer = -1;
			for (int k = 0; k < p.length(); k++) {
				if (p.ops()[k] == Op.TIMER) {
					boolean same = timer < 0 || timer == p.b()[k] && jobPeriod[i] == (p.a()[k] & ~Op.ABSOLUTE);
					timer = same ? p.b()[k] : Long.MAX_VALUE;
					jobPeriod[i] = same ? p.a()[k] & ~Op.ABSOLUTE : 0;
				}
			}
			for (int k = 0; k < p.length(); k++) {
				if (p.ops()[k] == Op.LOOP_END) {
					threadLoops[i] = p.b()[k] < 0 ? Long.MAX_VALUE : p.b()[k];
				}
			}
		}
		distributions = workload.distributions().toArray(new Distribution[0]);

		taskOf = new int[capacity];
		pc = new int[capacity];
		started = new boolean[capacity];
		remaining = new long[capacity];
		progressStart = new long[capacity];
		phaseLeft = new long[capacity];
		loopLeft = new long[capacity];
		wakeAt = new long[capacity];
		lastCore = new int[capacity];
		blockSeq = new int[capacity];
		timerBase = new int[capacity];
		jobDeadline = new long[capacity];
		gridStart = new long[capacity];
		jobSeq = new int[capacity];
		deadlineSlot = new int[capacity];
		deadlineJob = new int[capacity];
		missedUpTo = new int[capacity];
		aborting = new boolean[capacity];
		abortAtDeadline = options.abortAtDeadline();
		createdAt = new long[capacity];
		exitedAt = new long[capacity];
		cpuNs = new long[capacity];
		migrations = new long[capacity];
		initial = new boolean[capacity];
		affinityNow = new int[capacity];
		affinityChanges = new long[capacity];

		stepSlot = new int[cores];
		Arrays.fill(stepSlot, -1);
		tickArmed = new boolean[cores];
		lastRan = new int[cores];
		Arrays.fill(lastRan, -1);

		timers = new Timers(workload.sharedTimers());
		rendezvous = new Rendezvous(workload.barrierParticipants(), workload.conditions(), workload.mutexes().size(),
				capacity);
		arrivalsLeft = new long[tasks];

		machine.setListener(this::moved);
	}

	public void setProgressListener(ProgressListener listener) {
		this.progress = listener == null ? ProgressListener.NONE : listener;
	}

	/** Runs to the horizon (or until every thread has exited) and returns the measurements. */
	public SimResult run() {
		long horizon = options.horizonNs();
		try {
			interpreter.initialise(machine);
			interpreter.boot(machine);
			machine.setNow(0);
			eventCore = 0; // the initial threads are created by core 0
			for (int task = 0; task < workload.tasks().size(); task++) {
				TaskProgram p = workload.tasks().get(task);
				for (int i = 0; i < p.instances(); i++) {
					spawn(task, 0);
					initial[machine.threads() - 1] = true;
				}
				if (p.arrivals() != null && p.arrivals().count() != 0) {
					arrivalsLeft[task] = p.arrivals().unbounded() ? Long.MAX_VALUE : p.arrivals().count();
					pendingArrivals++;
					queue.schedule(gap(p.arrivals().meanGapNs()), EV_ARRIVAL, task, 0);
				}
			}
			if (balanceNs > 0) {
				for (int c = 0; c < cores; c++) {
					queue.schedule(balanceNs, EV_BALANCE, c, 0);
				}
			}
			afterEvent();
			long nextReport = 1 << 16;
			while (live > 0 || pendingArrivals > 0) {
				long at = queue.isEmpty() ? Long.MAX_VALUE : queue.time(queue.peek());
				if (!deadlines.isEmpty() && deadlines.time(deadlines.peek()) < at) {
					// every other event of the deadline's instant has happened: check it (not counted in events)
					int slot = deadlines.pop();
					long d = deadlines.time(slot);
					if (d >= horizon) {
						break;
					}
					now = d;
					machine.setNow(d);
					deadline(deadlines.a(slot), deadlines.b(slot));
					afterEvent();
					continue;
				}
				if (queue.isEmpty()) {
					break;
				}
				int slot = queue.peek();
				if (at > horizon) {
					break;
				}
				queue.pop();
				int kind = queue.kind(slot);
				int a = queue.a(slot);
				int b = queue.b(slot);
				now = at;
				machine.setNow(at);
				if (++events > maxEvents) {
					throw overBudget();
				}
				if (progressRule.overLimit(at) && progressRule.record(kind, kind == EV_STEP ? taskOf[b]
						: kind == EV_WAKE ? taskOf[a] : -1)) {
					throw noProgress();
				}
				dispatchEvent(kind, a, b);
				afterEvent();
				if (waitingThreads == live && live > 0 && pendingArrivals == 0) {
					throw deadlock();
				}
				if (events >= nextReport) {
					nextReport = events + (1 << 16);
					progress.progress(now, horizon, events);
				}
			}
		} catch (PolicyFault fault) {
			throw new SimulationException("policy " + policy.name() + " faulted at t=" + now + "ns during "
					+ describe(currentKind, currentA, currentB) + ": " + fault.getMessage(), fault);
		}
		boolean allDone = live == 0 && pendingArrivals == 0;
		long end = allDone ? Math.max(lastExit, 0) : horizon;
		if (allDone && end == 0) {
			end = Math.max(now, 1);
		}
		if (!allDone) {
			// threads still running at the horizon ran until it: credit them (their CPU time and the fairness
			// computed from it would otherwise miss their last burst, all of it for a thread that never stopped)
			now = end;
			for (int c = 0; c < cores; c++) {
				if (machine.current(c) != Machine.NONE) {
					account(machine.current(c));
				}
			}
		}
		progress.progress(end, horizon, events);
		return recorder.finish(policy.name(), workload.name(), options.seed(), end, allDone ? lastExit : -1, events,
				threadInfos());
	}

	/** The progress rule failed: name what kept the clock still (docs/simulator.md, "Progress rule"). */
	private SimulationException noProgress() {
		String head = "no progress: " + progressRule.limit() + " events at t=" + now + "ns without simulated time passing"
				+ " (the progress rule allows at most max(10^6, 16 x (threads + cores)) events at one instant)";
		int task = progressRule.busiestTask();
		if (task >= 0 && progressRule.stepsOf(task) * 2 >= ProgressRule.SAMPLE) {
			return inTask(task, head + ": task " + workload.tasks().get(task).name()
					+ " keeps stepping without consuming time (a loop of yields, or of runs, sleeps or timers of 0 us)"
					+ "; under policy " + policy.name());
		}
		int kind = progressRule.commonestKind();
		String what = switch (kind) {
			case EV_STEP -> "program steps of threads that do not consume time";
			case EV_TICK -> "ticks";
			case EV_BALANCE -> "periodic balances";
			case EV_WAKE -> "wakeups";
			default -> "arrivals of new threads";
		};
		return new SimulationException(head + ": most of them " + what + " (" + progressRule.eventsOfKind(kind) + " of "
				+ ProgressRule.SAMPLE + " sampled), lately " + describe(currentKind, currentA, currentB) + "; policy "
				+ policy.name() + " keeps rescheduling at one instant", null);
	}

	private SimulationException overBudget() {
		return SimulationException.located("the run reached its event budget of " + maxEvents + " events at t=" + now
				+ "ns of " + options.horizonNs() + "ns: shorten --duration, use fewer --cores or raise --max-events");
	}

	/**
	 * Every live thread waits on a barrier, a condition or a mutex, no thread runs, sleeps or is ready,
	 * and no arrival is pending: nothing can ever wake them. A run that deadlocks must not look like a
	 * success (it would report the utilisation of an idle machine), so it stops with the tasks and the
	 * resources they wait on.
	 */
	private SimulationException deadlock() {
		java.util.Map<String, Integer> groups = new java.util.LinkedHashMap<>();
		int firstTask = -1;
		for (int t = 0; t < machine.threads(); t++) {
			if (exitedAt[t] < 0 && waitingOn[t] > 0) {
				firstTask = firstTask < 0 ? taskOf[t] : firstTask;
				groups.merge("task " + workload.tasks().get(taskOf[t]).name() + " " + resource(waitingOn[t]), 1, Integer::sum);
			}
		}
		StringBuilder out = new StringBuilder("deadlock at t=" + now + "ns: every remaining thread is blocked and nothing"
				+ " can wake it (no thread runs, sleeps or is ready, no arrival is pending): ");
		int shown = 0;
		for (java.util.Map.Entry<String, Integer> g : groups.entrySet()) {
			if (shown == 8) {
				out.append("; and ").append(groups.size() - shown).append(" more");
				break;
			}
			out.append(shown++ == 0 ? "" : "; ").append(g.getValue()).append(g.getValue() == 1 ? " thread of " : " threads of ")
					.append(g.getKey());
		}
		return firstTask < 0 ? SimulationException.inWorkload(out.toString()) : inTask(firstTask, out.toString());
	}

	/**
	 * A problem of what a task's threads do, reported at the task's declaration (file:line:col) where it
	 * has one (rt-app), else against the workload's name (a trace).
	 */
	private SimulationException inTask(int task, String message) {
		String where = workload.tasks().get(task).where();
		return where == null ? SimulationException.inWorkload(message) : SimulationException.located(where + ": " + message);
	}

	private String resource(int code) {
		int op = code >>> 24;
		int id = code & 0xFFFFFF;
		return switch (op) {
			case Op.BARRIER -> "waits at barrier '" + name(workload.barrierNames(), id, "#" + id) + "' ("
					+ rendezvous.arrived(id) + " of " + workload.barrierParticipants()[id] + " arrived)";
			case Op.LOCK -> "waits for mutex '" + workload.mutexes().get(id) + "'";
			default -> {
				String c = name(workload.conditionNames(), id, "cond:#" + id);
				yield c.startsWith("thread:") ? "is suspended on '" + c.substring(7) + "' (no resume)"
						: "waits on condition '" + c.substring(c.indexOf(':') + 1) + "' (no signal)";
			}
		};
	}

	private static String name(List<String> names, int id, String otherwise) {
		return id < names.size() ? names.get(id) : otherwise;
	}

	private String describe(int kind, int a, int b) {
		return switch (kind) {
			case EV_STEP -> "a program step of t" + b + " on core " + a;
			case EV_TICK -> "the tick on core " + a;
			case EV_BALANCE -> "the periodic balance on core " + a;
			case EV_WAKE -> "the wakeup of t" + a;
			case EV_ARRIVAL -> "an arrival of task " + workload.tasks().get(a).name();
			case EV_DEADLINE -> "the deadline of a job of t" + a;
			case EV_RESCHEDULE -> "the delivery of core " + a + "'s pending reschedule";
			default -> "the start of the run";
		};
	}

	private void dispatchEvent(int kind, int a, int b) {
		currentKind = kind;
		currentA = a;
		currentB = b;
		eventCore = kind == EV_WAKE ? machine.cpu(a) : kind == EV_ARRIVAL ? 0 : a;
		switch (kind) {
			case EV_STEP -> {
				stepSlot[a] = -1;
				if (machine.current(a) != b) {
					throw new IllegalStateException("step of t" + b + " on core " + a + ", which runs t" + machine.current(a));
				}
				account(b);
				execute(b, a);
			}
			case EV_TICK -> {
				tickArmed[a] = false;
				if (machine.current(a) != Machine.NONE) {
					interpreter.tick(machine, a);
				}
				if (machine.current(a) != Machine.NONE && !tickArmed[a]) {
					// still running: next tick; a thread dispatched after a preemption armed it already
					armTick(a);
				}
			}
			case EV_BALANCE -> {
				interpreter.balance(machine, a);
				queue.schedule(SimTime.after(now, balanceNs), EV_BALANCE, a, 0);
			}
			case EV_WAKE -> {
				if (blockSeq[a] == b && machine.state(a) == ThreadState.BLOCKED) {
					wake(a, machine.cpu(a));
				}
			}
			case EV_RESCHEDULE -> {
				deliveryQueued[a] = false;
				interpreter.reschedule(machine, a);
				eventCore = -1; // a delivery ends itself
			}
			case EV_ARRIVAL -> {
				spawn(a, 0);
				if (--arrivalsLeft[a] > 0) {
					queue.schedule(SimTime.after(now, gap(workload.tasks().get(a).arrivals().meanGapNs())), EV_ARRIVAL, a,
							0);
				} else {
					pendingArrivals--;
				}
			}
			default -> throw new IllegalStateException("event kind " + kind);
		}
	}

	/**
	 * Ends the event on its core (docs/semantics.md, "Concurrency"), queues the delivery of every new
	 * pending reschedule after the kick latency, and integrates the WC predicate. It is re-evaluated only
	 * after an event that moved a thread or changed an affinity ({@link #dirty}): nothing else changes its
	 * value.
	 */
	private void afterEvent() {
		if (eventCore >= 0) {
			interpreter.complete(machine, eventCore);
			eventCore = -1;
		}
		for (int c = machine.nextPendingReschedule(0); c < cores; c = machine.nextPendingReschedule(c + 1)) {
			if (!deliveryQueued[c]) {
				deliveryQueued[c] = true;
				queue.schedule(SimTime.after(now, kickLatencyNs), EV_RESCHEDULE, c, 0);
			}
		}
		if (dirty) {
			dirty = false;
			recorder.workConservation(WorkConservation.idleCoreWithWaitingWork(machine) != Machine.NONE, now);
		}
		if (observer != null) {
			observer.afterEvent(machine, now);
		}
	}

	void setObserver(Observer observer) {
		this.observer = observer;
	}

	private long gap(long meanNs) {
		return Math.max(0, Math.round(-meanNs * Math.log(1.0 - random.nextDouble())));
	}

	// ------------------------------------------------------------------ transitions, from the machine

	private void moved(int thread, int fromState, int fromCore, int toState, int toCore, int queueInstance) {
		dirty = true;
		if (fromState == ThreadState.RUNNING) {
			stoppedRunning(thread, fromCore, toState);
		}
		if (toState == ThreadState.RUNNING) {
			startedRunning(thread, toCore);
		}
	}

	private void stoppedRunning(int t, int core, int toState) {
		account(t);
		stoppedAt[core] = now;
		int slot = stepSlot[core];
		if (slot >= 0) {
			queue.cancel(slot);
			stepSlot[core] = -1;
		}
		recorder.stopped(core, now, toState == ThreadState.READY && !voluntary);
	}

	private void startedRunning(int t, int core) {
		boolean switched = lastRan[core] != t;
		lastRan[core] = t;
		// a core that ran nothing until now wakes up first, and only then switches to the thread; one
		// still waking (its thread left before it was awake) goes on waking
		long awake = now < awakeAt[core] ? awakeAt[core] : stoppedAt[core] < now ? SimTime.after(now, idleExitNs) : now;
		awakeAt[core] = awake;
		long begin = SimTime.after(awake, switched ? csNs : 0);
		progressStart[t] = begin;
		if (lastCore[t] >= 0 && lastCore[t] != core) {
			migrations[t]++;
		}
		lastCore[t] = core;
		if (wakeAt[t] >= 0) {
			recorder.wakeupLatency(awake - wakeAt[t]);
			wakeAt[t] = -1;
		}
		recorder.started(core, t, awake, switched);
		stepSlot[core] = queue.schedule(SimTime.after(begin, started[t] ? remaining[t] : 0), EV_STEP, core, t);
		if (!tickArmed[core]) {
			armTick(core);
		}
	}

	/** Ticks fall on multiples of 1/HZ, as the kernel's do. */
	private void armTick(int core) {
		tickArmed[core] = true;
		queue.schedule((now / tickNs + 1) * tickNs, EV_TICK, core, 0);
	}

	/** Credits a running thread with the progress it made since it last started or was accounted. */
	private void account(int t) {
		long since = progressStart[t];
		if (now > since) {
			long progressed = now - since;
			if (started[t]) {
				progressed = Math.min(progressed, remaining[t]);
				remaining[t] -= progressed;
			} else {
				progressed = 0;
			}
			cpuNs[t] += progressed;
			progressStart[t] = now;
		}
	}

	// ------------------------------------------------------------------ thread programs

	private void spawn(int task, int core) {
		int t = machine.threads();
		if (t >= capacity) {
			throw SimulationException.inWorkload("the workload created more than " + capacity
					+ " threads; raise the limit (--max-threads)");
		}
		taskOf[t] = task;
		pc[t] = 0;
		started[t] = false;
		loopLeft[t] = threadLoops[task];
		wakeAt[t] = -1;
		lastCore[t] = -1;
		createdAt[t] = now;
		exitedAt[t] = -1;
		TaskProgram p = workload.tasks().get(task);
		timerBase[t] = timers.allocate(p.uniqueTimers());
		gridStart[t] = p.length() > 0 && p.ops()[0] == Op.SLEEP && p.b()[0] == Op.DELAY ? SimTime.after(now, p.a()[0]) : now;
		deadlineSlot[t] = -1;
		jobSeq[t] = 0;
		missedUpTo[t] = -1;
		aborting[t] = false;
		affinityNow[t] = creationAffinity[task];
		affinityChanges[t] = 0;
		if (p.deadlineNs() >= 0) {
			watch(t, 0, SimTime.after(gridStart[t], p.deadlineNs()));
		}
		live++;
		interpreter.create(machine, core, t, taskInputs[task]);
	}

	/** Runs thread t's program on core c from its pc until it blocks, yields, exits or must run. */
	private void execute(int t, int c) {
		int task = taskOf[t];
		int[] code = ops[task];
		long[] a = argA[task];
		long[] b = argB[task];
		for (int guard = 0; guard < ZERO_TIME_OP_LIMIT; guard++) {
			int i = pc[t];
			switch (code[i]) {
				case Op.RUN -> {
					if (!started[t]) {
						remaining[t] = aborting[t] ? 0 : draw(a[i], b[i]);
						started[t] = true;
					}
					if (remaining[t] > 0) {
						progressStart[t] = now;
						stepSlot[c] = queue.schedule(SimTime.after(now, remaining[t]), EV_STEP, c, t);
						return;
					}
					started[t] = false;
					pc[t] = i + 1;
				}
				case Op.SLEEP -> {
					pc[t] = i + 1;
					if (b[i] == Op.DELAY) {
						// rt-app sleeps until its start time plus the delay, where the thread's grid starts
						if (gridStart[t] > now) {
							blockUntil(t, c, gridStart[t]);
							return;
						}
					} else if (!aborting[t]) {
						long d = draw(a[i], b[i]);
						if (d > 0) {
							blockUntil(t, c, SimTime.after(now, d));
							return;
						}
					}
				}
				case Op.TIMER -> {
					pc[t] = i + 1;
					long expiry = timers.next((int) b[i], timerBase[t], a[i], gridStart[t], now);
					jobDone(t, expiry);
					if (expiry > now) {
						blockUntil(t, c, expiry);
						return;
					}
					if (workload.tasks().get(task).deadlineNs() >= 0) {
						// the next job was released while this one ran: it starts now, with its own release and
						// deadline, and the policy learns that a job ended as SCHED_DEADLINE tasks tell it, by a yield
						voluntary = true;
						try {
							interpreter.yield(machine, c);
						} finally {
							voluntary = false;
						}
						return;
					}
				}
				case Op.YIELD -> {
					pc[t] = i + 1;
					voluntary = true;
					try {
						interpreter.yield(machine, c);
					} finally {
						voluntary = false;
					}
					return;
				}
				case Op.FORK -> {
					pc[t] = i + 1;
					spawn((int) a[i], c);
				}
				case Op.BARRIER -> {
					pc[t] = i + 1;
					wakerCore = c;
					if (rendezvous.arrive((int) a[i], t, waker)) {
						waitOn(t, Op.BARRIER, (int) a[i]);
						blockSeq[t]++;
						interpreter.block(machine, c);
						return;
					}
				}
				case Op.WAIT -> {
					pc[t] = i + 1;
					rendezvous.await((int) a[i], t);
					waitOn(t, Op.WAIT, (int) a[i]);
					blockSeq[t]++;
					interpreter.block(machine, c);
					return;
				}
				case Op.SIGNAL -> {
					pc[t] = i + 1;
					wakerCore = c;
					rendezvous.signal((int) a[i], b[i] != 0, waker);
				}
				case Op.LOCK -> {
					pc[t] = i + 1;
					if (rendezvous.owner((int) a[i]) == t) {
						throw mutexMisuse(t, (int) a[i], "locks mutex '%s', which it already holds (a deadlock)");
					}
					if (rendezvous.lock((int) a[i], t)) {
						waitOn(t, Op.LOCK, (int) a[i]);
						blockSeq[t]++;
						interpreter.block(machine, c);
						return;
					}
				}
				case Op.UNLOCK -> {
					pc[t] = i + 1;
					if (rendezvous.owner((int) a[i]) != t) {
						throw mutexMisuse(t, (int) a[i], b[i] == 0 ? "unlocks mutex '%s', which it does not hold"
								: "waits with mutex '%s', which it does not hold: a wait releases its mutex, so lock it"
										+ " before the wait and unlock it after, as pthread_cond_wait requires");
					}
					wakerCore = c;
					rendezvous.unlock((int) a[i], waker);
				}
				case Op.PHASE -> {
					phaseLeft[t] = a[i] < 0 ? Long.MAX_VALUE : a[i];
					pc[t] = phaseLeft[t] == 0 ? skipPhase(code, i) : i + 1;
				}
				case Op.AFFINITY -> {
					pc[t] = i + 1;
					if (changeAffinity(t, c, task, (int) a[i])) {
						return;
					}
				}
				case Op.PHASE_END -> pc[t] = --phaseLeft[t] > 0 ? (int) a[i] : i + 1;
				case Op.LOOP_END -> pc[t] = --loopLeft[t] > 0 ? (int) a[i] : i + 1;
				case Op.EXIT -> {
					unwatch(t);
					exitedAt[t] = now;
					lastExit = now;
					live--;
					interpreter.terminate(machine, c);
					return;
				}
				default -> throw new IllegalStateException("op " + code[i]);
			}
		}
		throw inTask(task, "task " + workload.tasks().get(task).name() + " executed " + ZERO_TIME_OP_LIMIT
				+ " operations at t=" + now + "ns without consuming time: a loop with no run, sleep or timer");
	}

	/**
	 * Running thread t, on core c, starts a phase whose CPU list is {@code list} of its task (-1: every
	 * core): its affinity becomes that, unless it already is (rt-app calls sched_setaffinity() only then).
	 * If core c is no longer allowed, the semantics take t off it and place it again through its
	 * {@code unblock} handler ({@link Interpreter#changeAffinity}); its program goes on where it runs next.
	 *
	 * @return whether t no longer runs on c (its program stops here for now)
	 */
	private boolean changeAffinity(int t, int c, int task, int list) {
		if (affinityNow[t] == list) {
			return false;
		}
		affinityNow[t] = list;
		affinityChanges[t]++;
		// the work-conservation predicate depends on affinities even when no thread moves
		dirty = true;
		interpreter.changeAffinity(machine, c, t, list < 0 ? Affinity.ALL : taskAffinities[task][list]);
		return machine.current(c) != t;
	}

	/** A thread waiting on a barrier, condition or mutex is woken by the thread on {@link #wakerCore}. */
	private void wakeWaiter(int t) {
		waitingThreads--;
		waitingOn[t] = 0;
		wake(t, wakerCore);
	}

	private void waitOn(int t, int op, int id) {
		waitingOn[t] = op << 24 | id;
		waitingThreads++;
	}

	private SimulationException mutexMisuse(int t, int mutex, String what) {
		return inTask(taskOf[t], "at t=" + now + "ns a thread of task " + workload.tasks().get(taskOf[t]).name()
				+ " (t" + t + ") " + String.format(what, workload.mutexes().get(mutex)));
	}

	private static int skipPhase(int[] code, int phase) {
		int depth = 0;
		for (int k = phase + 1; k < code.length; k++) {
			if (code[k] == Op.PHASE) {
				depth++;
			} else if (code[k] == Op.PHASE_END) {
				if (depth == 0) {
					return k + 1;
				}
				depth--;
			}
		}
		return code.length - 1;
	}

	private long draw(long mean, long distribution) {
		return distribution < 0 ? mean : distributions[(int) distribution].sample(mean, random);
	}

	private void blockUntil(int t, int c, long wakeTime) {
		blockSeq[t]++;
		interpreter.block(machine, c);
		queue.schedule(wakeTime, EV_WAKE, t, blockSeq[t]);
	}

	private void wake(int t, int core) {
		wakeAt[t] = now;
		interpreter.unblock(machine, core, t);
	}

	/**
	 * Job number {@code jobSeq[t]} of t ends now (its thread reached a {@code timer}); the next one is
	 * released at {@code release}, the timer's expiry, which may be past (the thread is behind its grid:
	 * the job starts now but keeps its release and deadline). A job is counted once: when it ends, or at its
	 * deadline if it missed it.
	 */
	private void jobDone(int t, long release) {
		long relative = workload.tasks().get(taskOf[t]).deadlineNs();
		if (relative < 0) {
			return;
		}
		int job = jobSeq[t];
		if (job > missedUpTo[t]) {
			recorder.deadlineJobs++;
		}
		jobSeq[t] = ++job;
		// with abort, a job whose deadline passed before it could start (already counted) is dropped at once
		aborting[t] = abortAtDeadline && job <= missedUpTo[t];
		if (deadlineSlot[t] >= 0 && deadlineJob[t] < job) {
			unwatch(t);
		}
		if (job > missedUpTo[t] && deadlineSlot[t] < 0) {
			watch(t, job, SimTime.after(release, relative));
		}
	}

	/** Watches the deadline of job {@code job} of t (one deadline is watched per thread at a time). */
	private void watch(int t, int job, long deadline) {
		deadlineJob[t] = job;
		jobDeadline[t] = deadline;
		deadlineSlot[t] = deadlines.schedule(Math.max(deadline, now), EV_DEADLINE, t, job);
	}

	private void unwatch(int t) {
		if (deadlineSlot[t] >= 0) {
			deadlines.cancel(deadlineSlot[t]);
			deadlineSlot[t] = -1;
		}
	}

	/**
	 * The deadline of job {@code job} of t has come and the job is unfinished (a finished job's deadline is
	 * no longer watched): a miss, counted now. The next job's deadline (one period later, for a task with
	 * one timer) is watched from now on, so that a job that has not started by its deadline (waiting for its
	 * late predecessor, or for a core) misses at its own deadline too. Without
	 * {@link SimOptions#abortAtDeadline()} the job runs on, late. With it, the rest of the job's runs and
	 * sleeps are dropped: a running thread goes straight on to its next {@code timer} (and waits there for
	 * its next release); a ready one does so as soon as it next runs, in no time; a thread blocked inside
	 * its job (a sleep, a lock) does so when it wakes up. A job whose deadline passed before it started is
	 * dropped when it starts.
	 */
	private void deadline(int t, int job) {
		currentKind = EV_DEADLINE;
		currentA = t;
		currentB = job;
		eventCore = -1;
		deadlineSlot[t] = -1;
		if (job < jobSeq[t] || exitedAt[t] >= 0) {
			return;
		}
		recorder.deadlineJobs++;
		recorder.deadlineMisses++;
		missedUpTo[t] = job;
		// the next job's deadline, one period later, is watched now: the thread may not reach its timer by then
		// (late, or aborted while it waits for a core)
		long period = jobPeriod[taskOf[t]];
		if (period > 0) {
			watch(t, job + 1, SimTime.after(jobDeadline[t], period));
		}
		if (!abortAtDeadline || job > jobSeq[t]) {
			return;
		}
		aborting[t] = true;
		switch (machine.state(t)) {
			case ThreadState.RUNNING -> {
				int c = machine.cpu(t);
				eventCore = c;
				account(t);
				remaining[t] = 0;
				int slot = stepSlot[c];
				if (slot >= 0) {
					queue.cancel(slot);
					stepSlot[c] = -1;
				}
				if (progressStart[t] > now) {
					// still switching to t: it steps when the switch is over, with nothing left to run
					stepSlot[c] = queue.schedule(progressStart[t], EV_STEP, c, t);
				} else {
					execute(t, c);
				}
			}
			case ThreadState.READY -> remaining[t] = 0;
			default -> {
				// blocked inside its job: the rest is dropped when it wakes up
			}
		}
	}

	private List<ThreadInfo> threadInfos() {
		List<ThreadInfo> out = new ArrayList<>(machine.threads());
		for (int t = 0; t < machine.threads(); t++) {
			TaskProgram p = workload.tasks().get(taskOf[t]);
			out.add(new ThreadInfo(p.name(), createdAt[t], exitedAt[t], cpuNs[t], migrations[t], p.cpuBound() && initial[t],
					p.inputs().nice(), p.inputs().group(), p.inputs().groupWeight(), affinityText[taskOf[t]],
					affinityChanges[t]));
		}
		return out;
	}

	/** The machine, for tests that look at the final state. */
	Machine machine() {
		return machine;
	}
}
