package org.policy.sim.workload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.workload.Cpus;
import org.policy.workload.Distribution;
import org.policy.workload.RtAppFile;
import org.policy.workload.RtAppPhase;
import org.policy.workload.RtAppReader;
import org.policy.workload.RtAppTask;
import org.policy.workload.SchedParams;
import org.policy.workload.Step;
import org.policy.workload.StepKind;
import org.policy.workload.WorkloadException;

/**
 * Flattens an rt-app model ({@link RtAppFile}) into what the engine runs: per task one op list
 * ({@link Op}, {@link TaskProgram}), and ids for the objects the tasks share. Names become ids in order
 * of first use: shared timers, barriers, conditions ({@code cond:REF} for wait/signal/broad/sync,
 * {@code thread:NAME} for suspend/resume) and mutexes; per-thread ({@code unique}) timers are numbered
 * after the shared ones. Durations go from the file's µs to ns.
 */
public final class RtAppFlattener {
	private final Map<String, Integer> sharedTimers = new LinkedHashMap<>();
	private final Map<String, Integer> barriers = new LinkedHashMap<>();
	private final Map<String, Integer> conditions = new LinkedHashMap<>();
	private final Map<String, Integer> mutexes = new LinkedHashMap<>();
	private final Map<Distribution, Integer> distributionIds = new IdentityHashMap<>();
	private final List<Distribution> distributions = new ArrayList<>();
	private final RtAppFile file;
	/** The file's task groups, group k at k - 1. */
	private final List<String> groups;

	private RtAppFlattener(RtAppFile file) {
		this.file = file;
		this.groups = file.groups();
	}

	/** Reads an rt-app file ({@link RtAppReader}) and flattens it. */
	public static Workload read(String file, Reader in) throws WorkloadException, IOException {
		return flatten(RtAppReader.read(file, in));
	}

	public static Workload flatten(RtAppFile file) {
		return new RtAppFlattener(file).flatten();
	}

	private Workload flatten() {
		// shared timer ids first, over the whole file: per-thread timers are numbered after them
		for (RtAppTask task : file.tasks()) {
			for (RtAppPhase phase : task.phases()) {
				for (Step step : phase.steps()) {
					if (step instanceof Step.Timer t && !t.perThread()) {
						sharedTimers.computeIfAbsent(t.ref(), k -> sharedTimers.size());
					}
				}
			}
		}
		List<TaskProgram> programs = new ArrayList<>();
		List<Set<Integer>> barriersUsed = new ArrayList<>();
		for (RtAppTask task : file.tasks()) {
			Set<Integer> used = new LinkedHashSet<>();
			programs.add(task(task, used));
			barriersUsed.add(used);
		}
		int[] participants = new int[barriers.size()];
		for (int i = 0; i < programs.size(); i++) {
			for (int b : barriersUsed.get(i)) {
				participants[b] += programs.get(i).instances();
			}
		}
		long durationSeconds = file.global().durationSeconds();
		long durationNs = durationSeconds < 0 ? -1 : durationSeconds * 1_000_000_000L;
		return new Workload(file.name(), programs, durationNs, file.global().seed(), sharedTimers.size(), participants,
				conditions.size(), List.copyOf(mutexes.keySet()), distributions, file.warnings(), file.verifierRun(),
				List.copyOf(barriers.keySet()), List.copyOf(conditions.keySet()));
	}

	private TaskProgram task(RtAppTask task, Set<Integer> barriersUsed) {
		ProgramBuilder out = new ProgramBuilder();
		Map<String, Integer> uniqueTimers = new LinkedHashMap<>();
		if (task.delayUs() > 0) {
			out.delay(task.delayUs() * 1000);
		}
		// the task's CPU lists: its own first (the affinity its threads are created with), then its phases'
		List<Cpus> cpus = new ArrayList<>();
		if (task.cpus() != null) {
			cpus.add(task.cpus());
		}
		int loopStart = out.size();
		for (RtAppPhase phase : task.phases()) {
			if (task.changesAffinity()) {
				// rt-app sets the phase's CPUs (else the task's, else all) as the phase starts, the first one too
				Cpus now = task.cpus(phase);
				if (now != null && !cpus.contains(now)) {
					cpus.add(now);
				}
				out.control(Op.AFFINITY, now == null ? -1 : cpus.indexOf(now), 0);
			}
			int phaseOp = out.control(Op.PHASE, phase.loops(), 0);
			Map<String, Distribution> phaseDistributions = task.distributions(phase);
			for (Step step : phase.steps()) {
				step(task, phaseDistributions, step, out, uniqueTimers, barriersUsed);
			}
			out.control(Op.PHASE_END, phaseOp + 1, 0);
		}
		out.control(Op.LOOP_END, loopStart, task.loops());
		long deadlineNs = task.deadlineUs() < 0 ? -1 : task.deadlineUs() * 1000;
		ThreadInputs inputs = inputs(task.sched());
		if (task.taskgroup() != null) {
			// groups are numbered from 1 in order of first appearance in the file's tasks (RtAppFile.groups())
			inputs = inputs.inGroup(groups.indexOf(task.taskgroup()) + 1, file.global().groupWeight(task.taskgroup()));
		}
		if (task.cpus() != null) {
			inputs = inputs.withAffinity(affinity(task.cpus()));
		}
		return out.build(task.name(), task.instances(), task.arrivals(), uniqueTimers.size(), deadlineNs, task.where(),
				inputs, cpus);
	}

	/** The affinity of an rt-app CPU list: exactly those cores (a machine keeps those it has). */
	public static Affinity affinity(Cpus cpus) {
		return Affinity.of(cpus.cpus().stream().mapToInt(Integer::intValue).toArray());
	}

	/**
	 * The thread inputs of a task's scheduling parameters: a SCHED_OTHER task's nice value, a
	 * SCHED_DEADLINE task's runtime, deadline and period (µs to ns); the defaults for classes not simulated.
	 */
	public static ThreadInputs inputs(SchedParams sched) {
		return switch (sched.policy()) {
			case OTHER -> sched.nice() == 0 ? ThreadInputs.DEFAULT : ThreadInputs.ofNice(sched.nice());
			case DEADLINE -> new ThreadInputs(0, sched.dlRuntimeUs() * 1000, sched.dlDeadlineUs() * 1000,
					sched.dlPeriodUs() * 1000);
			default -> ThreadInputs.DEFAULT;
		};
	}

	private void step(RtAppTask task, Map<String, Distribution> phaseDistributions, Step step, ProgramBuilder out,
			Map<String, Integer> uniqueTimers, Set<Integer> barriersUsed) {
		StepKind kind = step.kind();
		if (step instanceof Step.Run s) {
			out.add(kind, Op.RUN, s.us() * 1000, distribution(phaseDistributions, kind));
		} else if (step instanceof Step.Runtime s) {
			out.add(kind, Op.RUN, s.us() * 1000, distribution(phaseDistributions, kind));
		} else if (step instanceof Step.Sleep s) {
			out.add(kind, Op.SLEEP, s.us() * 1000, distribution(phaseDistributions, kind));
		} else if (step instanceof Step.Timer s) {
			int id = s.perThread() ? sharedTimers.size() + uniqueTimers.computeIfAbsent(s.ref(), k -> uniqueTimers.size())
					: sharedTimers.get(s.ref());
			// a task with a job deadline is periodic real-time: its releases keep their grid after an overrun
			// (docs/workloads.md, "Deadlines"), whatever the timer's mode
			boolean grid = s.absolute() || task.deadlineUs() >= 0;
			out.add(kind, Op.TIMER, s.periodUs() * 1000 | (grid ? Op.ABSOLUTE : 0), id);
		} else if (step instanceof Step.Yield) {
			out.add(kind, Op.YIELD, 0, 0);
		} else if (step instanceof Step.Fork s) {
			out.add(kind, Op.FORK, file.taskIndex(s.task()), 0);
		} else if (step instanceof Step.Barrier s) {
			int id = barriers.computeIfAbsent(s.name(), k -> barriers.size());
			barriersUsed.add(id);
			out.add(kind, Op.BARRIER, id, 0);
		} else if (step instanceof Step.Suspend s) {
			out.add(kind, Op.WAIT, condition("thread:" + (s.thread().isEmpty() ? task.name() : s.thread())), 0);
		} else if (step instanceof Step.Resume s) {
			out.add(kind, Op.SIGNAL, condition("thread:" + s.thread()), 1);
		} else if (step instanceof Step.Wait s) {
			await(kind, s.ref(), s.mutex(), out);
		} else if (step instanceof Step.Signal s) {
			out.add(kind, Op.SIGNAL, condition("cond:" + s.ref()), 0);
		} else if (step instanceof Step.Broad s) {
			out.add(kind, Op.SIGNAL, condition("cond:" + s.ref()), 1);
		} else if (step instanceof Step.Sync s) {
			out.add(kind, Op.SIGNAL, condition("cond:" + s.ref()), 0);
			await(kind, s.ref(), s.mutex(), out);
		} else if (step instanceof Step.Lock s) {
			out.add(kind, Op.LOCK, mutex(s.mutex()), 0);
		} else if (step instanceof Step.Unlock s) {
			out.add(kind, Op.UNLOCK, mutex(s.mutex()), 0);
		} else {
			throw new IllegalArgumentException("unknown step " + step);
		}
	}

	/**
	 * rt-app's {@code wait} ({@code pthread_cond_wait}): with a mutex, release it, wait for the condition,
	 * then take the mutex again before going on. The release and the wait happen at one instant, so no
	 * signal can fall between them.
	 */
	private void await(StepKind kind, String ref, String mutex, ProgramBuilder out) {
		int cond = condition("cond:" + ref);
		if (mutex == null) {
			out.add(kind, Op.WAIT, cond, 0);
			return;
		}
		int id = mutex(mutex);
		out.add(kind, Op.UNLOCK, id, 1);
		out.add(kind, Op.WAIT, cond, 0);
		out.add(kind, Op.LOCK, id, 0);
	}

	/** The index of a step's distribution in the workload's list, or -1 (exactly the file's value). */
	private int distribution(Map<String, Distribution> phaseDistributions, StepKind kind) {
		Distribution d = phaseDistributions.get(kind.key());
		if (d == null) {
			return -1;
		}
		return distributionIds.computeIfAbsent(d, k -> {
			distributions.add(k);
			return distributions.size() - 1;
		});
	}

	private int condition(String name) {
		return conditions.computeIfAbsent(name, k -> conditions.size());
	}

	private int mutex(String name) {
		return mutexes.computeIfAbsent(name, k -> mutexes.size());
	}
}
