package org.policy.cli.sweep;

import org.policy.sim.Simulation;

/**
 * One run of a sweep: its canonical index, its record's coordinates (metrics still empty) and what to
 * simulate; {@code policyPath} is the policy file that messages about a failed run name.
 */
public record SweepRun(int index, RunRecord coordinates, Simulation.Request request, String policyPath) {
	public String id() {
		return coordinates.id();
	}
}
