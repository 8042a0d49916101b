package org.policy.sim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.TopologySpec;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.ThreadInfo;
import org.policy.workload.VerifierRun;

/**
 * Replays a verifier counterexample exactly (docs/verification.md, "Replaying exactly"): the events
 * the verifier applied, in order, each ended on its core ({@code Interpreter.complete}; a {@code reschedule}
 * delivers a pending reschedule), on a machine of the counterexample's size and topology (flat unless the
 * file names one), with its parameters, at the machine times the verifier used. The workload's rt-app tasks
 * only approximate that run (rt-app cannot say "block now"); this is the run itself.
 *
 * <p>Step k is drawn from (k - 1) × step to k × step (the file's {@code step_us}), since verifier runs
 * often keep the machine's time frozen and a schedule in which everything happens at one instant would
 * show nothing. Measurements are taken on that drawn time line: the
 * wasted-core time is the number of steps after which the work-conservation predicate held, times the
 * step. Like the simulator, this decides nothing itself: every decision is the interpreter's.
 *
 * <p>Thread {@code tK} is created with the inputs of the workload's rt-app task {@code tK} (its
 * {@code priority}, or SCHED_DEADLINE {@code dl-*}): the verifier writes each created thread's inputs
 * there. A thread without such a task is a default one (nice 0, not real-time).
 */
public final class ExactReplay {
	private final CompiledPolicy policy;
	private final VerifierRun run;
	private final String workloadName;
	private final SimOptions options;
	private final ThreadInputs[] inputs;

	/** A replay whose threads are all default ones (nice 0, not real-time). */
	public ExactReplay(CompiledPolicy policy, VerifierRun run, String workloadName, SimOptions options) {
		this(policy, run, workloadName, options, new ThreadInputs[0]);
	}

	/** @param inputs per thread {@code tK}, its inputs (threads past the array's end: the defaults) */
	public ExactReplay(CompiledPolicy policy, VerifierRun run, String workloadName, SimOptions options,
			ThreadInputs[] inputs) {
		this.policy = policy;
		this.run = run;
		this.workloadName = workloadName;
		this.options = options;
		this.inputs = inputs.clone();
	}

	/** The options a replay runs with: the counterexample's machine, one drawn step per event. */
	public static SimOptions optionsFor(VerifierRun run, SimOptions requested) {
		return new SimOptions(topology(run), drawnEnd(run), requested.hz(), requested.seed(), 0,
				run.threads(), requested.buckets(), requested.maxSegments());
	}

	/**
	 * The counterexample's machine: flat, or of the topology the file names.
	 *
	 * @throws SimulationException when the file's topology does not fit its cores
	 */
	public static Topology topology(VerifierRun run) {
		if (VerifierRun.FLAT.equals(run.topology())) {
			return Topology.flat(run.cores());
		}
		try {
			return TopologySpec.parse(run.topology(), run.cores());
		} catch (IllegalArgumentException e) {
			throw SimulationException.inWorkload("the counterexample's topology " + run.topology() + ": " + e.getMessage());
		}
	}

	/** Step k (1-based) is drawn from (k - 1) × step to k × step: the last state shows for one step. */
	private static long drawnEnd(VerifierRun run) {
		return Math.max(1, run.events().size()) * run.stepNs();
	}

	/**
	 * @throws SimulationException when the policy faults, or when an event does not fit the state (the
	 *                             counterexample was found for another version of the policy)
	 */
	public SimResult run() {
		int cores = run.cores();
		long step = run.stepNs();
		long end = drawnEnd(run);
		Recorder recorder = new Recorder(cores, end, options.buckets(), options.maxSegments());
		Machine m = policy.newMachine(topology(run), Math.max(1, run.threads()));
		Interpreter interpreter;
		try {
			interpreter = policy.newInterpreter(run.params());
		} catch (IllegalArgumentException e) {
			throw SimulationException.inWorkload(e.getMessage());
		}
		Tracker tracker = new Tracker(recorder, run.threads(), cores);
		m.setListener(tracker);
		interpreter.initialise(m);
		interpreter.boot(m);
		List<VerifierRun.Event> events = run.events();
		for (int i = 0; i < events.size(); i++) {
			VerifierRun.Event e = events.get(i);
			tracker.now = i * step;
			m.setNow(e.now());
			try {
				apply(interpreter, m, e, e.thread() >= 0 && e.thread() < inputs.length && inputs[e.thread()] != null
						? inputs[e.thread()] : ThreadInputs.DEFAULT);
				if (!e.kind().equals("advance") && !e.kind().equals("reschedule")) {
					interpreter.complete(m, e.core());
				}
			} catch (PolicyFault fault) {
				throw new SimulationException("policy " + policy.name() + " faulted at step " + (i + 1) + " (" + e.kind()
						+ "): " + fault.getMessage(), fault);
			} catch (IllegalStateException notPossible) {
				throw SimulationException.inWorkload("step " + (i + 1) + " (" + e.kind() + ") does not fit the state the"
						+ " policy reached: " + notPossible.getMessage() + " (was the counterexample found for another"
						+ " version of " + run.policy() + "?)");
			}
			recorder.workConservation(WorkConservation.idleCoreWithWaitingWork(m) != Machine.NONE, tracker.now);
		}
		tracker.now = end;
		long makespan = tracker.allTerminated(m) ? tracker.lastExit : -1;
		return recorder.finish(policy.name(), workloadName, options.seed(), end, makespan, events.size(),
				tracker.threadInfos(m, inputs));
	}

	private static void apply(Interpreter in, Machine m, VerifierRun.Event e, ThreadInputs created) {
		switch (e.kind()) {
			case "new" -> in.create(m, e.core(), e.thread(), created);
			case "tick" -> in.tick(m, e.core());
			case "yield" -> in.yield(m, e.core());
			case "block" -> in.block(m, e.core());
			case "unblock" -> in.unblock(m, e.core(), e.thread());
			case "terminate" -> in.terminate(m, e.core());
			case "balance" -> in.balance(m, e.core());
			case "reschedule" -> in.reschedule(m, e.core());
			case "advance" -> {
			}
			default -> throw new IllegalStateException("unknown event " + e.kind());
		}
	}

	/** Turns the machine's transitions into the recorder's busy intervals and per-thread figures. */
	private static final class Tracker implements org.policy.dsl.semantics.TransitionListener {
		private final Recorder recorder;
		private final long[] createdAt;
		private final long[] exitedAt;
		private final long[] cpuNs;
		private final long[] runningSince;
		private final long[] migrations;
		private final long[] wokenAt;
		private final int[] lastCore;
		private final int[] lastRan;
		long now;
		long lastExit = -1;

		Tracker(Recorder recorder, int threads, int cores) {
			this.recorder = recorder;
			int n = Math.max(1, threads);
			createdAt = new long[n];
			exitedAt = new long[n];
			cpuNs = new long[n];
			runningSince = new long[n];
			migrations = new long[n];
			wokenAt = new long[n];
			lastCore = new int[n];
			lastRan = new int[cores];
			Arrays.fill(exitedAt, -1);
			Arrays.fill(wokenAt, -1);
			Arrays.fill(lastCore, -1);
			Arrays.fill(lastRan, -1);
		}

		@Override
		public void moved(int t, int fromState, int fromCore, int toState, int toCore, int queue) {
			if (fromState == ThreadState.NEW) {
				createdAt[t] = now;
			}
			if (fromState == ThreadState.BLOCKED && toState == ThreadState.READY) {
				wokenAt[t] = now;
			}
			if (fromState == ThreadState.RUNNING) {
				cpuNs[t] += now - runningSince[t];
				recorder.stopped(fromCore, now, toState == ThreadState.READY);
			}
			if (toState == ThreadState.RUNNING) {
				runningSince[t] = now;
				if (lastCore[t] >= 0 && lastCore[t] != toCore) {
					migrations[t]++;
				}
				lastCore[t] = toCore;
				if (wokenAt[t] >= 0) {
					recorder.wakeupLatency(now - wokenAt[t]);
					wokenAt[t] = -1;
				}
				recorder.started(toCore, t, now, lastRan[toCore] != t);
				lastRan[toCore] = t;
			}
			if (toState == ThreadState.TERMINATED) {
				exitedAt[t] = now;
				lastExit = now;
			}
		}

		boolean allTerminated(Machine m) {
			for (int t = 0; t < m.threads(); t++) {
				if (m.state(t) != ThreadState.TERMINATED) {
					return false;
				}
			}
			return m.threads() > 0;
		}

		List<ThreadInfo> threadInfos(Machine m, ThreadInputs[] inputs) {
			List<ThreadInfo> out = new ArrayList<>();
			for (int t = 0; t < m.threads(); t++) {
				long cpu = cpuNs[t] + (m.state(t) == ThreadState.RUNNING ? now - runningSince[t] : 0);
				ThreadInputs in = t < inputs.length && inputs[t] != null ? inputs[t] : ThreadInputs.DEFAULT;
				out.add(new ThreadInfo("t" + t, createdAt[t], exitedAt[t], cpu, migrations[t], false, in.nice(), in.group(),
						in.groupWeight(), ThreadInfo.affinityText(in.affinity(), m.cores()), 0));
			}
			return out;
		}
	}
}
