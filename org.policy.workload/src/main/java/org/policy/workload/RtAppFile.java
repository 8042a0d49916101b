package org.policy.workload;

import java.util.List;
import java.util.Objects;

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
	 */
	public record Global(long durationSeconds, String defaultPolicy, String calibration, Long seed) {
		public static final Global DEFAULT = new Global(-1, null, null, null);
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
