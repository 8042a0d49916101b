package org.policy.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.verifier.explore.AffinityDomain;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.InputDomain;
import org.policy.verifier.explore.Outcome;
import org.policy.verifier.explore.Rounds;
import org.policy.verifier.explore.Step;
import org.policy.verifier.explore.TieChoices;
import org.policy.verifier.explore.Transitions;

/**
 * Turns an explorer path into a {@link Counterexample}: first renames the explorer's recycled thread ids
 * to creation order, then replays the renamed run on a machine that never forgets a thread, exactly as a
 * simulator replaying the counterexample file would, and checks that the violation happens again. A
 * replay that does not end in the violation is an internal error (it would mean that forgetting
 * terminated threads changed the behaviour).
 */
final class CounterexampleBuilder {
	private final CompiledPolicy policy;
	private final Interpreter in;
	private final VerifyOptions options;
	private final InputDomain inputs;
	/** The explorer that found the path: it says which thread each {@code new} step creates. */
	private final Explorer explorer;
	private final String affinity;
	/** Replays each step's ties as the explorer took them. */
	private TieChoices ties;
	/** The numbers of the steps whose ties did not all go to the lowest id. */
	private final List<Integer> tieSteps = new ArrayList<>();

	/** @param affinity the affinity domain explored, as the verdict's first line says it */
	CounterexampleBuilder(CompiledPolicy policy, Interpreter in, VerifyOptions options, Explorer explorer,
			String affinity) {
		this.policy = policy;
		this.in = in;
		this.options = options;
		this.inputs = explorer.inputs();
		this.explorer = explorer;
		this.affinity = affinity;
	}

	Counterexample build(Outcome outcome, long statesExplored, boolean compacts) {
		int cores = outcome.cores();
		long[] path = outcome.path();
		if (path.length == 0) {
			return initialFault(cores, statesExplored);
		}
		ties = new TieChoices(cores);
		in.setCoreOrder(ties);
		int[] threadOf = renamed(path, outcome.ties(), cores, compacts);
		ties.replay(0);
		int created = (int) Arrays.stream(path).filter(s -> Step.kind(s) == Step.NEW).count();
		Machine m = Explorer.initialState(policy, in, explorer.topology(), created);
		List<String> initial = lines(m);
		List<TraceStep> steps = new ArrayList<>();
		int round = 0;
		int full = (1 << cores) - 1;
		boolean roundEnded = false;
		Machine before = m.copy();
		String fault = null;
		int faultLine = 0;
		for (int i = 0; i < path.length; i++) {
			int kind = Step.kind(path[i]);
			int core = Step.core(path[i]);
			long delta = kind == Step.ADVANCE ? options.timeSteps().get(Step.timeStep(path[i])) : 0;
			int thread = switch (kind) {
				case Step.NEW, Step.UNBLOCK -> threadOf[i];
				case Step.BLOCK, Step.TERMINATE, Step.TICK, Step.YIELD -> m.current(core);
				default -> -1;
			};
			ThreadInputs newInputs = kind == Step.NEW ? explorer.created(path[i]) : null;
			before.copyFrom(m);
			ties.replay(outcome.ties()[i]);
			try {
				Transitions.apply(in, m, kind, core, thread, delta, newInputs == null ? ThreadInputs.DEFAULT : newInputs);
			} catch (PolicyFault e) {
				if (i != path.length - 1) {
					throw new IllegalStateException("internal error: the counterexample faults early, at step " + (i + 1));
				}
				fault = e.getMessage();
				faultLine = e.line();
				m.copyFrom(before);
			}
			roundEnded = false;
			String roundNote = "";
			if (options.property() == Property.WC && in.balancePeriod() >= 0) {
				boolean quiescent = m.pendingReschedules() == 0;
				roundEnded = Rounds.ends(round, kind, core, full, quiescent);
				int next = Rounds.after(round, kind, core, full, quiescent);
				if (roundEnded) {
					roundNote = cores == 1 && kind == Step.BALANCE ? " (the balancing round)" : " (ends the balancing round)";
				} else if (Rounds.draining(next, full)) {
					roundNote = kind == Step.BALANCE ? " (every core has balanced; the round ends once its pending"
							+ " reschedules are delivered)" : "";
				} else if (kind == Step.BALANCE) {
					roundNote = " (balancing round: " + Integer.bitCount(next) + " of " + cores + " cores done)";
				}
				round = next;
			}
			String description = describe(kind, core, thread, delta, m.now()) + roundNote;
			if (newInputs != null && inputs.size() > 1) {
				description += " (" + inputs.describe(newInputs) + ")";
			}
			String restriction = newInputs == null ? "" : AffinityDomain.describe(newInputs.affinity(), cores);
			if (!restriction.isEmpty()) {
				description += "; t" + thread + " " + restriction;
			}
			List<String> otherTies = ties.nonDefaultTies();
			if (!otherTies.isEmpty()) {
				description += "; a tie not by lowest id: " + String.join("; ", otherTies);
				tieSteps.add(i + 1);
			}
			steps.add(new TraceStep(i + 1, Step.name(kind), kind == Step.ADVANCE ? -1 : core, thread, m.now(), delta,
					description, lines(m), newInputs));
		}
		int last = path.length - 1;
		int lastCore = Step.core(path[last]);
		if (fault != null) {
			return result(cores, initial, steps, -1, "the last step makes the policy fault: " + fault, fault, faultLine,
					statesExplored);
		}
		int idle;
		String verdict;
		if (in.balancePeriod() < 0) {
			// no periodic balancing: nothing will ever give the idle core work (see Explorer.periodic)
			if (WorkConservation.holds(m)) {
				throw new IllegalStateException("internal error: the counterexample does not replay");
			}
			idle = WorkConservation.idleCoreWithWaitingWork(m);
			verdict = "core " + idle + " is idle while " + waiting(m, idle)
					+ ", and the policy never balances periodically, so nothing will move that work";
		} else if (options.property() == Property.CWC) {
			if (!(WorkConservation.idleWithSettledWaitingWork(before, lastCore)
					&& WorkConservation.idleWithSettledWaitingWork(m, lastCore))) {
				throw new IllegalStateException("internal error: the CWC counterexample does not replay");
			}
			idle = lastCore;
			verdict = "core " + idle + " was idle beside waiting work, ran its steal, and is still idle: " + waiting(m, idle);
		} else {
			if (!roundEnded || WorkConservation.holds(m)) {
				throw new IllegalStateException("internal error: the WC counterexample does not replay");
			}
			idle = WorkConservation.idleCoreWithWaitingWork(m);
			verdict = "after the balancing round, core " + idle + " is idle while " + waiting(m, idle);
		}
		return result(cores, initial, steps, idle, verdict, null, 0, statesExplored);
	}

	/**
	 * The explorer found that the initial state itself faults: every core's first schedule (and balance)
	 * on the empty machine. The state shown is the machine as initialised, before that schedule.
	 */
	private Counterexample initialFault(int cores, long statesExplored) {
		Machine m = policy.newMachine(explorer.topology(), Math.max(1, options.threads()));
		List<String> initial = List.of();
		try {
			in.initialise(m);
			initial = lines(m);
			in.boot(m);
		} catch (PolicyFault e) {
			return result(cores, initial.isEmpty() ? lines(m) : initial, List.of(), -1,
					"the initial schedule of the idle cores makes the policy fault: " + e.getMessage(), e.getMessage(),
					e.line(), statesExplored);
		}
		throw new IllegalStateException("internal error: the initial state faults in the search but not in its replay");
	}

	private Counterexample result(int cores, List<String> initial, List<TraceStep> steps, int idle, String verdict,
			String fault, int faultLine, long states) {
		return new Counterexample(policy.name(), options.property(), cores, options.threads(), options.params(),
				options.timeSteps(), options.horizon(), initial, steps, idle, verdict, fault, faultLine, states, affinity,
				tieSteps, 0, String.join(", ", options.params().entrySet().stream()
						.map(e -> e.getKey() + " = " + ParamPlan.format(policy.params().get(e.getKey()), e.getValue()))
						.toList()), options.topology());
	}

	/**
	 * For each step that names a thread (new, unblock), its creation-order name. Replays the path on the
	 * explorer's own machine, following how ids are recycled when terminated threads are forgotten.
	 */
	private int[] renamed(long[] path, long[] tieCodes, int cores, boolean compacts) {
		ties.replay(0);
		Machine m = Explorer.initialState(policy, in, explorer.topology(), options.threads());
		List<Integer> creationOrder = new ArrayList<>();
		int created = 0;
		int[] result = new int[path.length];
		for (int i = 0; i < path.length; i++) {
			int kind = Step.kind(path[i]);
			result[i] = kind == Step.NEW ? created : kind == Step.UNBLOCK ? creationOrder.get(Step.thread(path[i])) : -1;
			long delta = kind == Step.ADVANCE ? options.timeSteps().get(Step.timeStep(path[i])) : 0;
			ties.replay(tieCodes[i]);
			try {
				Transitions.apply(in, m, kind, Step.core(path[i]), Step.thread(path[i]), delta,
						kind == Step.NEW ? explorer.created(path[i]) : ThreadInputs.DEFAULT);
			} catch (PolicyFault e) {
				break; // only the last step can fault; its names are already known
			}
			if (kind == Step.NEW) {
				creationOrder.add(created++);
			}
			if (compacts) {
				for (int t = m.threads() - 1; t >= 0; t--) {
					if (m.state(t) == ThreadState.TERMINATED) {
						creationOrder.remove(t);
					}
				}
				m.removeTerminated();
			}
		}
		return result;
	}

	private static String describe(int kind, int core, int thread, long delta, long now) {
		String t = "t" + thread;
		return switch (kind) {
			case Step.NEW -> "new: core " + core + " creates " + t;
			case Step.BLOCK -> "block: " + t + ", running on core " + core + ", blocks";
			case Step.UNBLOCK -> "unblock: core " + core + " wakes " + t;
			case Step.TERMINATE -> "terminate: " + t + ", running on core " + core + ", terminates";
			case Step.TICK -> "tick on core " + core + ", running " + t;
			case Step.YIELD -> "yield: " + t + ", running on core " + core + ", yields";
			case Step.BALANCE -> "balance: core " + core + " runs its steal";
			case Step.ADVANCE -> "time advances by " + Durations.format(delta) + " to " + Durations.format(now);
			case Step.RESCHEDULE -> "reschedule: core " + core + " receives its pending reschedule";
			default -> "step " + kind;
		};
	}

	/**
	 * What waits while {@code idle} idles, as {@link WorkConservation} decides it. While every thread may run
	 * anywhere, any overloaded core and any non-empty shared queue holds such work: {@code core 0 has 2
	 * runnable threads}. With restricted affinities only some waiting threads may run on the idle core:
	 * the text names the one {@link WorkConservation#waitingThreadFor} finds, where it waits, and that it
	 * may run there: {@code t2 waits in core 0's runq (3 runnable threads there) and may run on core 1}.
	 */
	static String waiting(Machine m, int idle) {
		if (m.hasRestrictedAffinity()) {
			int t = WorkConservation.waitingThreadFor(m, idle);
			if (t == Machine.NONE) {
				throw new IllegalStateException("internal error: core " + idle + " is wasted but no waiting thread may"
						+ " run on it");
			}
			int q = m.queueOf(t);
			int owner = m.queueOwner(q);
			String where = owner == Machine.NONE ? "in shared queue " + queueName(m, q)
					: "in core " + owner + "'s " + queueName(m, q) + " (" + m.runnable(owner) + " runnable threads there)";
			return "t" + t + " waits " + where + " and may run on core " + idle;
		}
		List<String> parts = new ArrayList<>();
		for (int c = 0; c < m.cores(); c++) {
			if (c != idle && m.runnable(c) >= 2) {
				parts.add("core " + c + " has " + m.runnable(c) + " runnable threads");
			}
		}
		for (int s = 0; s < m.layout().sharedQueues(); s++) {
			int q = m.sharedQueue(s);
			if (m.size(q) > 0) {
				parts.add("shared queue " + queueName(m, q) + " holds " + m.size(q) + (m.size(q) == 1 ? " thread"
						: " threads"));
			}
		}
		return String.join(" and ", parts);
	}

	private static String queueName(Machine m, int queue) {
		return m.layout().queues().get(m.queueKind(queue));
	}

	/** The machine's dump without its time line (the steps say the time). */
	static List<String> lines(Machine m) {
		List<String> lines = new ArrayList<>(Arrays.asList(m.toString().split("\n")));
		lines.removeIf(l -> l.startsWith("now=") || l.isBlank());
		return List.copyOf(lines);
	}
}
