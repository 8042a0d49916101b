package org.policy.sim.metrics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
	 * J = (Σxᵢ)² / (n · Σxᵢ²) with xᵢ = (cpuᵢ / lifetimeᵢ) / eᵢ, the thread's share of the CPU per unit of the
	 * share it is entitled to, eᵢ = (G_g / ΣG) · (wᵢ / W_g): its group g's cpu.weight G_g over the sum of the
	 * cpu.weights of the groups that have CPU-bound threads, times its nice weight wᵢ over the sum W_g of the
	 * nice weights of g's CPU-bound threads. J does not change when every xᵢ is scaled alike, so xᵢ is
	 * computed as (cpuᵢ / lifetimeᵢ) · fᵢ with fᵢ = e_r / eᵢ = (W_g · G_r · w_r) / (G_g · wᵢ · W_r), r being a
	 * thread of the smallest entitlement: a fraction of integers reduced to lowest terms before it becomes
	 * a double. In one group that is w_min / wᵢ, the figure as it was before groups, bit for bit (and with
	 * equal weights the factor is exactly 1: the unweighted figure). 1 also when no thread got any CPU; -1
	 * when none counts.
	 */
	public static double jain(List<ThreadInfo> threads, long endNs) {
		// per group: the sum of its CPU-bound threads' nice weights
		Map<Integer, Long> groupLoad = new HashMap<>();
		int n = 0;
		for (ThreadInfo t : threads) {
			if (countsForFairness(t, endNs)) {
				groupLoad.merge(t.group(), t.weight(), Long::sum);
				n++;
			}
		}
		if (n == 0) {
			return -1;
		}
		// 1 / eᵢ ∝ W_g / (G_g · wᵢ): the reference r has the largest
		BigInteger refNum = null;
		BigInteger refDen = null;
		for (ThreadInfo t : threads) {
			if (countsForFairness(t, endNs)) {
				BigInteger num = BigInteger.valueOf(groupLoad.get(t.group()));
				BigInteger den = BigInteger.valueOf(t.groupWeight()).multiply(BigInteger.valueOf(t.weight()));
				if (refNum == null || num.multiply(refDen).compareTo(refNum.multiply(den)) > 0) {
					refNum = num;
					refDen = den;
				}
			}
		}
		double x = 0;
		double x2 = 0;
		for (ThreadInfo t : threads) {
			if (!countsForFairness(t, endNs)) {
				continue;
			}
			double rate = (double) t.cpuNs() / lifetime(t, endNs);
			// fᵢ = (W_g / (G_g wᵢ)) / (refNum / refDen)
			BigInteger num = BigInteger.valueOf(groupLoad.get(t.group())).multiply(refDen);
			BigInteger den = BigInteger.valueOf(t.groupWeight()).multiply(BigInteger.valueOf(t.weight())).multiply(refNum);
			BigInteger gcd = num.gcd(den);
			num = num.divide(gcd);
			den = den.divide(gcd);
			double xi = num.equals(den) ? rate : rate * (num.doubleValue() / den.doubleValue());
			x += xi;
			x2 += xi * xi;
		}
		return x2 == 0 ? 1 : x * x / (n * x2);
	}

	/**
	 * One group's part of a run (docs/metrics.md, {@code groups}).
	 *
	 * @param group   its number (0: the root group)
	 * @param weight  its cpu.weight
	 * @param threads its threads
	 * @param cpuNs   its threads' CPU time
	 * @param share   {@code cpuNs} over the CPU time of all threads (0 when no thread ran)
	 */
	public record GroupShare(int group, int weight, int threads, long cpuNs, double share) {
	}

	/** Per group that has threads, by group number: its CPU time and its share of all threads' CPU time. */
	public static List<GroupShare> groupShares(List<ThreadInfo> threads) {
		TreeMap<Integer, long[]> byGroup = new TreeMap<>(); // weight, threads, cpu
		long total = 0;
		for (ThreadInfo t : threads) {
			long[] g = byGroup.computeIfAbsent(t.group(), k -> new long[] { t.groupWeight(), 0, 0 });
			g[1]++;
			g[2] += t.cpuNs();
			total += t.cpuNs();
		}
		List<GroupShare> out = new ArrayList<>();
		for (Map.Entry<Integer, long[]> e : byGroup.entrySet()) {
			long[] g = e.getValue();
			out.add(new GroupShare(e.getKey(), (int) g[0], (int) g[1], g[2], total == 0 ? 0 : (double) g[2] / total));
		}
		return out;
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
