package org.policy.cli.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.metrics.ThreadInfo;

/**
 * One finished run as the sweep keeps it: its coordinates and every scalar figure of docs/metrics.md.
 *
 * @param params    the parameters the SPEC's grid sets, in the policy's units as the SPEC writes them
 *                  ({@code slice} → {@code 4ms}); a parameter left to its default is absent
 * @param replicate the position of the seed among the SPEC's seeds, from 0
 * @param metrics   {@link #METRICS} in that order; integers as {@link Long}, fractions as {@link Double}
 * @param latencyQuantiles the run's wakeup latencies (ns) at the quantiles k/{@value #QUANTILES}, k = 1 …
 *                  {@value #QUANTILES}: what the sweep's latency CDFs draw, pooled over seeds (empty: no wakeup)
 */
public record RunRecord(String id, String policy, String policyFile, Map<String, String> params, String workload,
		int cores, String topology, int replicate, long seed, Map<String, Number> metrics, long[] latencyQuantiles) {

	/**
	 * Quantiles kept per run. A run's every latency would make the run files grow with the run (hackbench
	 * has a million wakeups a second); 1000 evenly spaced ones resolve the CDF down to p99.9, as finely as
	 * a single run's CDF is drawn, and the same count per run makes pooling them weigh every seed alike.
	 */
	public static final int QUANTILES = 1000;

	/** A run without latency quantiles (its coordinates, or a record made in a test). */
	public RunRecord(String id, String policy, String policyFile, Map<String, String> params, String workload, int cores,
			String topology, int replicate, long seed, Map<String, Number> metrics) {
		this(id, policy, policyFile, params, workload, cores, topology, replicate, seed, metrics, new long[0]);
	}

	/** {@code sorted}'s values at the quantiles k/{@link #QUANTILES}: the ⌈k·n/Q⌉-th smallest, as docs/metrics.md's percentiles. */
	public static long[] quantiles(long[] sorted) {
		if (sorted.length == 0) {
			return new long[0];
		}
		long[] q = new long[QUANTILES];
		for (int k = 1; k <= QUANTILES; k++) {
			q[k - 1] = sorted[(int) Math.max(0, ((long) k * sorted.length + QUANTILES - 1) / QUANTILES - 1)];
		}
		return q;
	}

	/** The scalar figures of docs/metrics.md, with the names of metrics.json joined by '_'. */
	public static final List<String> METRICS = List.of("duration_ns", "makespan_ns", "threads", "events",
			"utilisation_mean", "wasted_core_ns", "wasted_core_fraction", "wasted_core_episodes", "wakeup_latency_count",
			"wakeup_latency_mean_ns", "wakeup_latency_p50_ns", "wakeup_latency_p95_ns", "wakeup_latency_p99_ns",
			"wakeup_latency_max_ns", "fairness_jain", "fairness_cpu_bound_threads", "affinity_restricted_threads",
			"affinity_changes", "migrations", "context_switches", "preemptions", "deadlines_jobs", "deadlines_misses",
			"schedule_segments", "schedule_segments_dropped");

	/** The figures of one run, in {@link #METRICS}'s order. */
	public static Map<String, Number> metricsOf(SimResult r, Summary s) {
		Map<String, Number> m = new LinkedHashMap<>();
		m.put("duration_ns", s.durationNs());
		m.put("makespan_ns", s.makespanNs());
		m.put("threads", s.threads());
		m.put("events", s.events());
		m.put("utilisation_mean", s.meanUtilisation());
		m.put("wasted_core_ns", s.wastedCoreNs());
		m.put("wasted_core_fraction", s.wastedFraction());
		m.put("wasted_core_episodes", s.wcEpisodes());
		m.put("wakeup_latency_count", s.wakeups());
		m.put("wakeup_latency_mean_ns", s.latencyMean());
		m.put("wakeup_latency_p50_ns", s.latencyP50());
		m.put("wakeup_latency_p95_ns", s.latencyP95());
		m.put("wakeup_latency_p99_ns", s.latencyP99());
		m.put("wakeup_latency_max_ns", s.latencyMax());
		m.put("fairness_jain", s.jainFairness());
		m.put("fairness_cpu_bound_threads", (long) s.cpuBoundThreads());
		m.put("affinity_restricted_threads", r.threads().stream().filter(ThreadInfo::restricted).count());
		m.put("affinity_changes", r.threads().stream().mapToLong(ThreadInfo::affinityChanges).sum());
		m.put("migrations", s.migrations());
		m.put("context_switches", s.contextSwitches());
		m.put("preemptions", s.preemptions());
		m.put("deadlines_jobs", s.deadlineJobs());
		m.put("deadlines_misses", s.deadlineMisses());
		m.put("schedule_segments", (long) r.schedule().size());
		m.put("schedule_segments_dropped", r.schedule().dropped());
		if (!List.copyOf(m.keySet()).equals(METRICS)) {
			throw new IllegalStateException("RunRecord.METRICS and metricsOf disagree");
		}
		return m;
	}
}
