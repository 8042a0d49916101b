package org.policy.sim.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.policy.sim.workload.TaskProgram;
import org.policy.sim.workload.Workload;
import org.policy.workload.Cpus;

/**
 * A workload's CPU lists (rt-app's {@code cpus}) against the simulated machine, before a run starts.
 *
 * <p>The simulator does what Linux does when rt-app calls sched_setaffinity(): the CPUs that exist are
 * kept and the others dropped, and a list none of whose CPUs exists is refused (EINVAL; rt-app then
 * exits). So a list that names some missing cores is a warning naming them, and one that names no core
 * of the machine is an error at its file:line:col, found here rather than when a thread first reaches it.
 * (rt-app itself also refuses, when it reads the file, a CPU above those the real machine has
 * configured; the simulator keeps the kernel's rule so that one file can drive machines of several sizes.)
 */
public final class AffinityCheck {
	private AffinityCheck() {
	}

	/**
	 * @return a warning, positioned as the reader's are, for every list that names cores the machine lacks
	 * @throws SimulationException at the list's position when a list names no core of the machine
	 */
	public static List<String> check(Workload workload, int cores) {
		List<String> warnings = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (TaskProgram task : workload.tasks()) {
			for (Cpus cpus : task.cpus()) {
				List<Integer> missing = cpus.cpus().stream().filter(c -> c >= cores).toList();
				if (missing.isEmpty()) {
					continue;
				}
				String machine = "the " + cores + " simulated core" + (cores == 1 ? "" : "s") + " (" + cores(cores) + ")";
				if (missing.size() == cpus.cpus().size()) {
					throw SimulationException.located(where(cpus, task) + ": cpus " + cpus + " allow none of " + machine
							+ ": sched_setaffinity() refuses a set none of whose CPUs exists (simulate with --cores "
							+ (cpus.cpus().get(0) + 1) + " or more, or list a core below " + cores + ")");
				}
				List<Integer> kept = cpus.cpus().stream().filter(c -> c < cores).toList();
				String warning = warningAt(cpus, task) + (missing.size() == 1 ? "CPU " + missing.get(0) + " does not"
						: "CPUs " + join(missing) + " do not") + " exist on " + machine + ": ignored, the threads may run on "
						+ (kept.size() == 1 ? "core " : "cores ") + join(kept)
						+ " (sched_setaffinity() keeps the CPUs that exist)";
				if (seen.add(warning)) {
					warnings.add(warning);
				}
			}
			// a task built in code may have an affinity that no CPU list of it shows
			if (!task.inputs().affinity().allowsSomeCoreBelow(cores)) {
				throw SimulationException.inWorkload("task " + task.name() + ": affinity " + task.inputs().affinity()
						+ " allows none of the " + cores + " simulated core" + (cores == 1 ? "" : "s") + " (" + cores(cores)
						+ ")");
			}
		}
		return warnings;
	}

	private static String cores(int cores) {
		return cores == 1 ? "0" : "0-" + (cores - 1);
	}

	private static String join(List<Integer> cpus) {
		return cpus.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

	/** Where a list is written; a list built in code is named by its task. */
	private static String where(Cpus cpus, TaskProgram task) {
		return cpus.where() != null ? cpus.where() : "task " + task.name();
	}

	private static String warningAt(Cpus cpus, TaskProgram task) {
		return cpus.position() != null ? cpus.position() + ": warning: " + cpus.path() + ": "
				: "warning: task " + task.name() + ": ";
	}
}
