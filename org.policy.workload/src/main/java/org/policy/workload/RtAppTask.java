package org.policy.workload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task of an rt-app file: {@code instances} threads that each run the phases in order, the whole
 * list {@code loops} times.
 *
 * @param name          the task's key in {@code tasks}
 * @param instances     threads started at time 0 (0 for a task only created by fork or arrivals)
 * @param loops         how many times the phase list runs (-1: forever)
 * @param delayUs       how long each thread sleeps before its first phase
 * @param deadlineUs    the relative deadline of each periodic job, for the deadline-miss metric: the
 *                      extension's {@code deadline}, else rt-app's {@code dl-deadline} (for a SCHED_DEADLINE
 *                      task: its deadline input, whose default is its period), or -1
 * @param arrivals      the extension's Poisson arrivals, or null
 * @param distributions the extension's distributions declared by the task, by event key
 * @param phases        the phases; a task written without {@code phases} has one, named null
 * @param where         where the task is declared ({@code file:line:col: $.tasks.name}), or null
 * @param sched         its scheduling parameters (rt-app's {@code policy}, {@code priority}, {@code dl-*}):
 *                      the inputs its threads get
 * @param taskgroup     rt-app's {@code taskgroup}, the cgroup path of its threads ({@code "/tg1"}), or null
 *                      for the root group ({@code "/"} or no key)
 * @param cpus          rt-app's {@code cpus}, the CPUs its threads may run on (their affinity), ascending
 *                      and distinct; empty for every CPU (no key)
 */
public record RtAppTask(String name, int instances, long loops, long delayUs, long deadlineUs, Arrivals arrivals,
		Map<String, Distribution> distributions, List<RtAppPhase> phases, String where, SchedParams sched,
		String taskgroup, List<Integer> cpus) {
	/** The root group's path. */
	public static final String ROOT_GROUP = "/";

	/** Whether {@code path} is a cgroup path as rt-app's {@code taskgroup} takes it: starts with "/". */
	public static boolean isGroupPath(String path) {
		return path != null && path.startsWith("/");
	}

	/** A task that may run on every CPU. */
	public RtAppTask(String name, int instances, long loops, long delayUs, long deadlineUs, Arrivals arrivals,
			Map<String, Distribution> distributions, List<RtAppPhase> phases, String where, SchedParams sched,
			String taskgroup) {
		this(name, instances, loops, delayUs, deadlineUs, arrivals, distributions, phases, where, sched, taskgroup,
				List.of());
	}

	/** A task of the root group. */
	public RtAppTask(String name, int instances, long loops, long delayUs, long deadlineUs, Arrivals arrivals,
			Map<String, Distribution> distributions, List<RtAppPhase> phases, String where, SchedParams sched) {
		this(name, instances, loops, delayUs, deadlineUs, arrivals, distributions, phases, where, sched, null);
	}

	/** A SCHED_OTHER nice-0 task ({@link SchedParams#DEFAULT}). */
	public RtAppTask(String name, int instances, long loops, long delayUs, long deadlineUs, Arrivals arrivals,
			Map<String, Distribution> distributions, List<RtAppPhase> phases, String where) {
		this(name, instances, loops, delayUs, deadlineUs, arrivals, distributions, phases, where, SchedParams.DEFAULT);
	}

	/**
	 * The deadline of a SCHED_DEADLINE task's jobs is its {@code dl-deadline} unless the extension says
	 * otherwise: {@code deadlineUs} -1 becomes {@code sched.dlDeadlineUs()}, as the reader reads it.
	 */
	public RtAppTask {
		Objects.requireNonNull(name);
		Objects.requireNonNull(sched);
		if (ROOT_GROUP.equals(taskgroup)) {
			taskgroup = null;
		}
		if (taskgroup != null && !isGroupPath(taskgroup)) {
			throw new IllegalArgumentException("taskgroup '" + taskgroup + "' is not a path (\"/tg1\")");
		}
		if (deadlineUs < 0 && sched.policy() == SchedParams.Policy.DEADLINE) {
			deadlineUs = sched.dlDeadlineUs();
		}
		distributions = Map.copyOf(distributions);
		phases = List.copyOf(phases);
		cpus = List.copyOf(cpus);
		for (int i = 0; i < cpus.size(); i++) {
			if (cpus.get(i) < 0 || i > 0 && cpus.get(i) <= cpus.get(i - 1)) {
				throw new IllegalArgumentException("cpus " + cpus + " must be CPU numbers (from 0), ascending and distinct");
			}
		}
		if (phases.isEmpty()) {
			throw new IllegalArgumentException("a task has at least one phase");
		}
		if (phases.size() > 1 && phases.stream().anyMatch(p -> p.name() == null)) {
			throw new IllegalArgumentException("only a task's single phase may be unnamed (its events inline)");
		}
		RtAppPhase first = phases.get(0);
		if (first.name() == null && (first.loops() != 1 || !first.distributions().isEmpty())) {
			// inline events have no phase object to hold these: the task's own loop and distributions do
			throw new IllegalArgumentException("a task's inline events run once per loop, with the task's distributions");
		}
	}

	/** Whether the task lists its events itself rather than under {@code phases}. */
	public boolean inline() {
		return phases.get(0).name() == null;
	}

	/**
	 * Whether a thread of this task may block: in a step ({@link Step#blocks()}), or in its start delay,
	 * which is a sleep.
	 */
	public boolean mayBlock() {
		return delayUs > 0 || phases.stream().flatMap(p -> p.steps().stream()).anyMatch(Step::blocks);
	}

	/**
	 * The distributions of the run, runtime and sleep steps of {@code phase}, by event key; a key it
	 * lacks is exactly the file's value. A phase's declarations override the task's; a distribution
	 * declared for {@code run} also applies to {@code runtime} where the same declaration names no
	 * {@code runtime} of its own.
	 */
	public Map<String, Distribution> distributions(RtAppPhase phase) {
		Map<String, Distribution> resolved = aliased(distributions);
		resolved.putAll(aliased(phase.distributions()));
		return resolved;
	}

	private static Map<String, Distribution> aliased(Map<String, Distribution> declared) {
		Map<String, Distribution> out = new HashMap<>(declared);
		Distribution run = declared.get(StepKind.RUN.key());
		if (run != null) {
			out.putIfAbsent(StepKind.RUNTIME.key(), run);
		}
		return out;
	}
}
