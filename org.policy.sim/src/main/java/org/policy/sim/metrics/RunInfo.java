package org.policy.sim.metrics;

import java.util.List;
import java.util.Map;

/**
 * How a run was set up, recorded next to its metrics so that a result says how to reproduce it.
 *
 * @param topology spec as given ({@code smt=2,llc=4}) or "flat"
 * @param params   the policy parameters that were set, in the order given
 * @param warnings what the workload reader ignored
 */
public record RunInfo(String policyFile, String workload, int cores, String topology, long seed, int hz,
		long contextSwitchNs, long horizonNs, Map<String, Long> params, List<String> warnings) {
}
