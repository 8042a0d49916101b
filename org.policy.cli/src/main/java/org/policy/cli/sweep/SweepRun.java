package org.policy.cli.sweep;

import org.policy.sim.Simulation;

/**
 * One run of a sweep: its canonical index, its record's coordinates (metrics still empty) and what to
 * simulate. {@code label} names the policy file and workload in messages.
 */
public record SweepRun(int index, RunRecord coordinates, Simulation.Request request, String policyPath) {
	public String id() {
		return coordinates.id();
	}
}
