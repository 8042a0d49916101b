package org.policy.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An rt-app workload file (rt-app's doc/tutorial.txt), as {@link RtAppReader} reads it and
 * {@link RtAppWriter} writes it: what rt-app itself runs ({@code global}, {@code tasks}) and the two
 * extensions rt-app ignores, {@code "policy-sim"} (seed, distributions, arrivals, deadlines; in the
 * global, task and phase objects) and {@code "policy-verifier"} (the exact run of a counterexample).
 *
 * @param name        the file's name, for messages and reports
 * @param global      the {@code global} object
 * @param tasks       the tasks, in file order
 * @param verifierRun the {@code "policy-verifier"} extension, or null
 * @param warnings    what the reader ignored, positioned ({@code file:line:col: warning: ...})
 */
public record RtAppFile(String name, Global global, List<RtAppTask> tasks, VerifierRun verifierRun,
		List<String> warnings) {

	public RtAppFile {
		Objects.requireNonNull(name);
		Objects.requireNonNull(global);
		tasks = List.copyOf(tasks);
		warnings = List.copyOf(warnings);
		if (tasks.isEmpty()) {
			throw new IllegalArgumentException("an rt-app file has at least one task");
		}
	}

	/**
	 * The {@code global} object.
	 *
	 * @param durationSeconds how long the run lasts, or -1: until every thread has exited
	 * @param defaultPolicy   rt-app's {@code default_policy} (SCHED_OTHER, ...), or null
	 * @param calibration     rt-app's {@code calibration} (a CPU name or ns per loop, as text), or null
	 * @param seed            the extension's seed, or null
	 * @param groupWeights    the extension's {@code groups}: the cpu.weight (1..10000) of task groups by
	 *                        cgroup path ({@code "/tg1"}); a group not listed has the default, 100
	 */
	public record Global(long durationSeconds, String defaultPolicy, String calibration, Long seed,
			Map<String, Integer> groupWeights) {
		public static final Global DEFAULT = new Global(-1, null, null, null);

		/** Without group weights. */
		public Global(long durationSeconds, String defaultPolicy, String calibration, Long seed) {
			this(durationSeconds, defaultPolicy, calibration, seed, Map.of());
		}

		public Global {
			// sorted by path: the writer's order, and equal models compare equal
			groupWeights = Collections.unmodifiableMap(new TreeMap<>(groupWeights));
			for (Map.Entry<String, Integer> e : groupWeights.entrySet()) {
				if (!RtAppTask.isGroupPath(e.getKey()) || RtAppTask.ROOT_GROUP.equals(e.getKey())) {
					throw new IllegalArgumentException("'" + e.getKey() + "' is not the path of a task group");
				}
				if (e.getValue() < MIN_GROUP_WEIGHT || e.getValue() > MAX_GROUP_WEIGHT) {
					throw new IllegalArgumentException("cpu.weight " + e.getValue() + " of " + e.getKey() + " is outside "
							+ MIN_GROUP_WEIGHT + " to " + MAX_GROUP_WEIGHT);
				}
			}
		}

		/** The cpu.weight of the group at {@code path}: as listed, else the default (also for the root). */
		public int groupWeight(String path) {
			Integer w = groupWeights.get(path);
			return w == null ? DEFAULT_GROUP_WEIGHT : w;
		}
	}

	/** cpu.weight's range and default (Linux's cgroup v2 cpu controller). */
	public static final int MIN_GROUP_WEIGHT = 1;
	public static final int MAX_GROUP_WEIGHT = 10000;
	public static final int DEFAULT_GROUP_WEIGHT = 100;

	/**
	 * The task groups the tasks use, in order of first appearance in {@link #tasks()} (file order): group
	 * {@code k} (from 1) is element {@code k - 1}. The root group ({@code "/"}) is group 0 and not listed.
	 */
	public List<String> groups() {
		List<String> out = new ArrayList<>();
		for (RtAppTask t : tasks) {
			if (t.taskgroup() != null && !out.contains(t.taskgroup())) {
				out.add(t.taskgroup());
			}
		}
		return out;
	}

	/** The number of the group of {@code task}: 0 for the root group, else its place in {@link #groups()} + 1. */
	public int groupNumber(RtAppTask task) {
		return task.taskgroup() == null ? 0 : groups().indexOf(task.taskgroup()) + 1;
	}

	/** The index of a task by name, or -1. */
	public int taskIndex(String task) {
		for (int i = 0; i < tasks.size(); i++) {
			if (tasks.get(i).name().equals(task)) {
				return i;
			}
		}
		return -1;
	}
}
