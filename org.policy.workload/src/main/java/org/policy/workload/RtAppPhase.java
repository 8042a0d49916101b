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
 */
public record RtAppPhase(String name, long loops, Map<String, Distribution> distributions, List<Step> steps) {
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
