package org.policy.cli.sweep;

import java.util.List;
import java.util.Map;

/**
 * A sweep as its SPEC file says it (docs/sweeps.md), checked for shape but not yet against the policies
 * and workloads it names: the product of its axes is the set of runs ({@code SweepPlanner}).
 *
 * @param seed      the sweep seed, from which the seed of each run is derived when {@code seeds} is a count
 * @param seedCount the number of seeds per run coordinate, or 0 when {@code seedList} lists them
 * @param seedList  the seeds, used as they are, when the SPEC lists them
 * @param duration  the simulated time as written ({@code 200ms}), or null: each workload's, else 10 s
 */
public record SweepSpec(String file, long seed, int seedCount, List<Long> seedList, List<PolicyEntry> policies,
		List<WorkloadEntry> workloads, List<Value<Integer>> cores, List<Value<String>> topologies,
		Value<String> duration, int hz, Value<String> contextSwitch, boolean abortAtDeadline) {

	/** A value and where it was written. */
	public record Value<T>(T value, SpecNode.Position at) {
	}

	/**
	 * A policy file (resolved against the SPEC's folder; {@code written} as in the SPEC) and its parameter
	 * grid: per parameter name, the values to try, in the order written.
	 */
	public record PolicyEntry(String path, String written, SpecNode.Position at, Map<String, List<Value<String>>> grid,
			Map<String, SpecNode.Position> gridKeys) {
	}

	/** How a workload entry is read. */
	public enum Source {
		BUILTIN, RTAPP, TRACE
	}

	/**
	 * A workload: a built-in name, an rt-app file or a trace ({@code path} resolved against the SPEC's
	 * folder); {@code label} is what runs.csv shows: the name or the path as written.
	 */
	public record WorkloadEntry(Source source, String label, String path, String traceFormat, boolean skipBadLines,
			SpecNode.Position at) {
	}
}
