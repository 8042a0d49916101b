package org.policy.sim.metrics;

import java.util.List;

/**
 * The reported figures of one run, derived from a {@link SimResult} as docs/metrics.md defines them.
 * Percentiles use the nearest-rank method on the exact samples; -1 stands for "no sample".
 */
public record Summary(long durationNs, long makespanNs, double[] utilisation, double meanUtilisation,
		long wastedCoreNs, double wastedFraction, long wcEpisodes, long wakeups, long latencyP50, long latencyP95,
		long latencyP99, long latencyMax, double latencyMean, double jainFairness, int cpuBoundThreads,
		long migrations, long contextSwitches, long preemptions, long deadlineJobs, long deadlineMisses, long threads,
		long events) {

	public static Summary of(SimResult r) {
		long duration = r.endNs() - r.startNs();
		double[] util = new double[r.cores()];
		double sum = 0;
		for (int c = 0; c < r.cores(); c++) {
			util[c] = duration <= 0 ? 0 : (double) r.busyNs()[c] / duration;
			sum += util[c];
		}
		long[] lat = r.wakeupLatencies();
		double latSum = 0;
		for (long l : lat) {
			latSum += l;
		}
		long migrations = 0;
		for (ThreadInfo t : r.threads()) {
			migrations += t.migrations();
		}
		int n = 0;
		for (ThreadInfo t : r.threads()) {
			if (countsForFairness(t, r.endNs())) {
				n++;
			}
		}
		double jain = n == 0 ? -1 : jain(r.threads(), r.endNs());
		return new Summary(duration, r.makespanNs(), util, r.cores() == 0 ? 0 : sum / r.cores(), r.wastedCoreNs(),
				duration <= 0 ? 0 : (double) r.wastedCoreNs() / duration, r.wcEpisodes(), lat.length,
				percentile(lat, 50), percentile(lat, 95), percentile(lat, 99), lat.length == 0 ? -1 : lat[lat.length - 1],
				lat.length == 0 ? -1 : latSum / lat.length, jain, n, migrations, total(r.contextSwitches()),
				total(r.preemptions()), r.deadlineJobs(), r.deadlineMisses(), r.threads().size(), r.events());
	}

	private static boolean countsForFairness(ThreadInfo t, long endNs) {
		return t.cpuBound() && lifetime(t, endNs) > 0;
	}

	private static long lifetime(ThreadInfo t, long endNs) {
		return (t.exitedNs() >= 0 ? t.exitedNs() : endNs) - t.createdNs();
	}

	/**
	 * Weighted Jain fairness (docs/metrics.md, {@code fairness.jain}) over the CPU-bound threads:
	 * J = (Σxᵢ)² / (n · Σxᵢ²) with xᵢ = (cpuᵢ / lifetimeᵢ) / weightᵢ, the thread's share of the CPU per unit
	 * of the weight that entitles it to that share. J does not change when every xᵢ is scaled alike, so
	 * xᵢ is computed as (cpuᵢ / lifetimeᵢ) · (w_min / wᵢ): with equal weights the factor is exactly 1 and
	 * the figure is bit for bit the unweighted one. 1 also when no thread got any CPU; -1 when none counts.
	 */
	public static double jain(List<ThreadInfo> threads, long endNs) {
		long minWeight = Long.MAX_VALUE;
		int n = 0;
		for (ThreadInfo t : threads) {
			if (countsForFairness(t, endNs)) {
				minWeight = Math.min(minWeight, t.weight());
				n++;
			}
		}
		if (n == 0) {
			return -1;
		}
		double x = 0;
		double x2 = 0;
		for (ThreadInfo t : threads) {
			if (!countsForFairness(t, endNs)) {
				continue;
			}
			double rate = (double) t.cpuNs() / lifetime(t, endNs);
			long w = t.weight();
			double xi = w == minWeight ? rate : rate * ((double) minWeight / w);
			x += xi;
			x2 += xi * xi;
		}
		return x2 == 0 ? 1 : x * x / (n * x2);
	}

	/** Nearest-rank percentile of sorted samples, or -1 when there are none. */
	public static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static long total(long[] values) {
		long s = 0;
		for (long v : values) {
			s += v;
		}
		return s;
	}
}
