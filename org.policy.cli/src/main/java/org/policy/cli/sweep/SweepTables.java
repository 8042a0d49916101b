package org.policy.cli.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.policy.sim.metrics.MetricsWriter;

/**
 * runs.csv and summary.csv of a sweep, from its finished runs in canonical order. The tables depend on
 * nothing else (not on which machine, thread or shard ran a run, nor when), which is what makes a
 * merged sweep byte-identical to one run on one machine.
 */
public final class SweepTables {
	private SweepTables() {
	}

	/** The coordinate columns, before the metrics: the SPEC's grid parameters each get a column. */
	static List<String> coordinates(List<String> params) {
		List<String> cols = new ArrayList<>(List.of("policy", "policy_file", "workload", "cores", "topology"));
		params.forEach(p -> cols.add("param_" + p));
		return cols;
	}

	/** The grid parameters of {@code runs}, in order of first appearance. */
	static List<String> params(List<RunRecord> runs) {
		Set<String> names = new LinkedHashSet<>();
		runs.forEach(r -> names.addAll(r.params().keySet()));
		return List.copyOf(names);
	}

	private static List<String> key(RunRecord r, List<String> params) {
		List<String> k = new ArrayList<>(List.of(r.policy(), r.policyFile(), r.workload(), Integer.toString(r.cores()),
				r.topology()));
		params.forEach(p -> k.add(r.params().getOrDefault(p, "")));
		return k;
	}

	/** One row per run: its coordinates, replicate and seed, and every metric. */
	public static String runsCsv(List<RunRecord> runs) {
		List<String> params = params(runs);
		StringBuilder b = new StringBuilder();
		List<String> header = new ArrayList<>(coordinates(params));
		header.add("replicate");
		header.add("seed");
		header.addAll(RunRecord.METRICS);
		row(b, header);
		for (RunRecord r : runs) {
			List<String> cells = key(r, params);
			cells.add(Integer.toString(r.replicate()));
			cells.add(Long.toString(r.seed()));
			for (String m : RunRecord.METRICS) {
				cells.add(number(r.metrics().get(m)));
			}
			row(b, cells);
		}
		return b.toString();
	}

	/**
	 * Per group of runs that differ only in their seed, per metric: the number of runs with a sample
	 * (a metric of -1, "no sample" in docs/metrics.md, is left out), the mean, the sample standard
	 * deviation and the 95 % confidence interval of the mean, mean ± t(0.975, n-1) · sd / √n (Student's t).
	 * With one sample there is no interval: its cells are empty and {@code note} says why.
	 */
	public static String summaryCsv(List<RunRecord> runs) {
		List<String> params = params(runs);
		Map<List<String>, List<RunRecord>> groups = new LinkedHashMap<>();
		for (RunRecord r : runs) {
			groups.computeIfAbsent(key(r, params), k -> new ArrayList<>()).add(r);
		}
		StringBuilder b = new StringBuilder();
		List<String> header = new ArrayList<>(coordinates(params));
		header.addAll(List.of("metric", "n", "mean", "sd", "ci95_low", "ci95_high", "note"));
		row(b, header);
		for (Map.Entry<List<String>, List<RunRecord>> g : groups.entrySet()) {
			for (String m : RunRecord.METRICS) {
				List<Double> xs = new ArrayList<>();
				for (RunRecord r : g.getValue()) {
					double v = r.metrics().get(m).doubleValue();
					if (v != -1) {
						xs.add(v);
					}
				}
				List<String> cells = new ArrayList<>(g.getKey());
				cells.add(m);
				cells.addAll(Interval.of(xs).cells());
				row(b, cells);
			}
		}
		return b.toString();
	}

	/** The mean of samples and its 95 % Student's t interval. */
	record Interval(int n, double mean, double sd, double low, double high) {
		static Interval of(List<Double> xs) {
			int n = xs.size();
			if (n == 0) {
				return new Interval(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
			}
			double sum = 0;
			for (double x : xs) {
				sum += x;
			}
			double mean = sum / n;
			if (n == 1) {
				return new Interval(1, mean, Double.NaN, Double.NaN, Double.NaN);
			}
			double ss = 0;
			for (double x : xs) {
				ss += (x - mean) * (x - mean);
			}
			double sd = Math.sqrt(ss / (n - 1));
			double half = StudentT.quantile975(n - 1) * sd / Math.sqrt(n);
			return new Interval(n, mean, sd, mean - half, mean + half);
		}

		List<String> cells() {
			String note = n == 0 ? "no sample" : n == 1 ? "one sample: no interval" : "";
			return List.of(Integer.toString(n), fixed(mean), fixed(sd), fixed(low), fixed(high), note);
		}

		private static String fixed(double v) {
			return Double.isNaN(v) ? "" : MetricsWriter.fixed(v);
		}
	}

	private static String number(Number n) {
		return n instanceof Double d ? MetricsWriter.fixed(d) : Long.toString(n.longValue());
	}

	private static void row(StringBuilder b, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				b.append(',');
			}
			String c = cells.get(i);
			b.append(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
		}
		b.append('\n');
	}

	/** Writes runs.csv and, when {@code summary}, summary.csv into {@code dir}, each atomically. */
	public static void write(Path dir, List<RunRecord> runs, boolean summary) throws IOException {
		RunStore.writeAtomically(dir.resolve("runs.csv"), runsCsv(runs));
		if (summary) {
			RunStore.writeAtomically(dir.resolve("summary.csv"), summaryCsv(runs));
		}
	}
}
