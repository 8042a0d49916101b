package org.policy.sim.workload;

import java.util.List;
import org.policy.workload.Distribution;
import org.policy.workload.VerifierRun;

/**
 * What the simulator runs: tasks with their programs and the objects they share (timers, barriers,
 * conditions, distributions), plus the run's length and seed when the workload fixes them.
 *
 * @param name                a name for reports (file name or built-in name)
 * @param tasks               the tasks; a task's index is its id in {@link Op#FORK}
 * @param durationNs          how long to run, or -1 to run until every thread has exited
 * @param seed                the workload's own seed, or null (the command line may override it)
 * @param sharedTimers        number of timers shared across threads (ids 0..n-1)
 * @param barrierParticipants per barrier, how many threads must arrive before all go on
 * @param conditions          number of condition variables (rt-app wait/signal/suspend/resume)
 * @param mutexes             the mutexes' names (rt-app lock/unlock), by id
 * @param distributions       the distributions ops refer to by index
 * @param warnings            what the reader ignored, for the user
 * @param verifierRun         the exact run of a verifier counterexample, or null
 * @param barrierNames        the barriers' names, by id, for messages (may be empty)
 * @param conditionNames      the conditions' names, by id, for messages: {@code cond:REF} for
 *                            wait/signal, {@code thread:NAME} for suspend/resume (may be empty)
 */
public record Workload(String name, List<TaskProgram> tasks, long durationNs, Long seed, int sharedTimers,
		int[] barrierParticipants, int conditions, List<String> mutexes, List<Distribution> distributions,
		List<String> warnings, VerifierRun verifierRun, List<String> barrierNames, List<String> conditionNames) {

	public Workload(String name, List<TaskProgram> tasks, long durationNs, Long seed, int sharedTimers,
			int[] barrierParticipants, int conditions, List<String> mutexes, List<Distribution> distributions,
			List<String> warnings, VerifierRun verifierRun) {
		this(name, tasks, durationNs, seed, sharedTimers, barrierParticipants, conditions, mutexes, distributions, warnings,
				verifierRun, List.of(), List.of());
	}

	public Workload {
		tasks = List.copyOf(tasks);
		barrierNames = List.copyOf(barrierNames);
		conditionNames = List.copyOf(conditionNames);
		mutexes = List.copyOf(mutexes);
		distributions = List.copyOf(distributions);
		warnings = List.copyOf(warnings);
		if (tasks.isEmpty()) {
			throw new IllegalArgumentException("a workload needs at least one task");
		}
	}

	/** A workload of plain programs (no timers, barriers, conditions or distributions). */
	public static Workload of(String name, List<TaskProgram> tasks, long durationNs) {
		return new Workload(name, tasks, durationNs, null, 0, new int[0], 0, List.of(), List.of(), List.of(), null);
	}

	public int taskIndex(String taskName) {
		for (int i = 0; i < tasks.size(); i++) {
			if (tasks.get(i).name().equals(taskName)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The same workload with {@code more} warnings after its own (those of a check against the machine:
	 * {@link org.policy.sim.engine.AffinityCheck}); itself when there are none.
	 */
	public Workload withWarnings(List<String> more) {
		if (more.isEmpty()) {
			return this;
		}
		List<String> all = new java.util.ArrayList<>(warnings);
		all.addAll(more);
		return new Workload(name, tasks, durationNs, seed, sharedTimers, barrierParticipants, conditions, mutexes,
				distributions, all, verifierRun, barrierNames, conditionNames);
	}

	/**
	 * The same workload with every task's initial instances multiplied so that about {@code threads}
	 * threads start at time 0 (each task keeps at least one instance if it had one).
	 */
	public Workload scaledTo(int threads) {
		int total = tasks.stream().mapToInt(TaskProgram::instances).sum();
		if (total == 0) {
			return this;
		}
		List<TaskProgram> scaled = new java.util.ArrayList<>();
		for (TaskProgram t : tasks) {
			int n = t.instances() == 0 ? 0 : Math.max(1, (int) Math.round((double) t.instances() * threads / total));
			scaled.add(new TaskProgram(t.name(), n, t.arrivals(), t.ops(), t.a(), t.b(), t.uniqueTimers(), t.deadlineNs(),
					t.cpuBound(), t.where(), t.inputs(), t.cpus()));
		}
		int[] participants = barrierParticipants.clone();
		if (participants.length > 0) {
			throw new IllegalArgumentException("cannot scale a workload with barriers: their participant counts would change");
		}
		return new Workload(name + " x" + threads, scaled, durationNs, seed, sharedTimers, participants, conditions,
				mutexes, distributions, warnings, null, barrierNames, conditionNames);
	}
}
