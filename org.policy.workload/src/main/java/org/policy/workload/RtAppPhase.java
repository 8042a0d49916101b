package org.policy.workload;

import java.util.List;
import java.util.Map;

/**
 * One phase of an rt-app task: its steps, run {@code loops} times in a row.
 *
 * @param name          the phase's key in {@code phases}, or null for a task that lists its events
 *                      itself (no {@code phases})
 * @param loops         how many times the phase runs before the next (-1: forever)
 * @param distributions the {@code "policy-sim"} extension's distributions declared by this phase, by
 *                      event key (run, runtime, sleep); see {@link RtAppTask#distributions}
 * @param steps         the events, in file order
 * @param cpus          rt-app's {@code cpus} of the phase: the thread's affinity while it runs (set when the
 *                      phase starts), or null: the task's ({@link RtAppTask#cpus(RtAppPhase)})
 */
public record RtAppPhase(String name, long loops, Map<String, Distribution> distributions, List<Step> steps,
		Cpus cpus) {
	/** A phase without {@code cpus} of its own. */
	public RtAppPhase(String name, long loops, Map<String, Distribution> distributions, List<Step> steps) {
		this(name, loops, distributions, steps, null);
	}

	public RtAppPhase {
		distributions = Map.copyOf(distributions);
		steps = List.copyOf(steps);
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("a phase has at least one step");
		}
	}

	/** A phase of the given steps, run once, without distributions. */
	public static RtAppPhase of(String name, Step... steps) {
		return new RtAppPhase(name, 1, Map.of(), List.of(steps));
	}
}
