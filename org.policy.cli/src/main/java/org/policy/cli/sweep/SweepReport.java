package org.policy.cli.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.sim.metrics.MetricsWriter;

/**
 * report.html of a sweep: the plotted metrics per group as mean [95 % interval] across seeds, links to
 * runs.csv and summary.csv (every metric, every run), and the plots. One page, no script, no network.
 */
public final class SweepReport {
	private SweepReport() {
	}

	public static void write(Path dir, List<RunRecord> runs, List<SweepCharts.Plot> plots) throws IOException {
		StringBuilder h = new StringBuilder();
		h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Sweep</title>\n<style>\n")
				.append("body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1100px; }\n")
				.append("table { border-collapse: collapse; margin: 1em 0; } .wide { overflow-x: auto; }\n")
				.append("th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }\n")
				.append("th { background: #f3f3f3; font-weight: normal; }\n")
				.append("figure { margin: 1.5em 0; } img { max-width: 100%; border: 1px solid #eee; }\n")
				.append(".note { color: #555; } dt { font-family: monospace; margin-top: 0.4em; } dd { margin-left: 2em; }\n</style>\n</head>\n<body>\n<h1>Sweep</h1>\n");
		Map<List<String>, List<RunRecord>> groups = new LinkedHashMap<>();
		for (RunRecord r : runs) {
			groups.computeIfAbsent(List.of(SweepCharts.line(r), r.workload(), Integer.toString(r.cores()), r.topology()),
					k -> new ArrayList<>()).add(r);
		}
		h.append("<p class=\"note\">").append(runs.size()).append(" runs in ").append(groups.size())
				.append(" groups. Each cell: mean [95 % confidence interval, Student's t] across the group's seeds;"
						+ " every metric and every run: <a href=\"summary.csv\">summary.csv</a>,"
						+ " <a href=\"runs.csv\">runs.csv</a>.</p>\n");
		glossary(h);
		// one column per plotted metric is wider than the page: the table scrolls, not the page
		h.append("<div class=\"wide\"><table>\n<tr><th>policy</th><th>workload</th><th>cores</th><th>topology</th><th>seeds</th>");
		for (String m : SweepCharts.PLOTTED) {
			h.append("<th>").append(esc(m)).append("</th>");
		}
		h.append("</tr>\n");
		for (Map.Entry<List<String>, List<RunRecord>> g : groups.entrySet()) {
			h.append("<tr>");
			for (String k : g.getKey()) {
				h.append("<td>").append(esc(k)).append("</td>");
			}
			h.append("<td>").append(g.getValue().size()).append("</td>");
			for (String m : SweepCharts.PLOTTED) {
				List<Double> xs = new ArrayList<>();
				g.getValue().forEach(r -> {
					double v = r.metrics().get(m).doubleValue();
					if (v != -1) {
						xs.add(v);
					}
				});
				h.append("<td>").append(esc(cell(SweepTables.Interval.of(xs)))).append("</td>");
			}
			h.append("</tr>\n");
		}
		h.append("</table></div>\n");
		String section = null;
		for (SweepCharts.Plot p : plots) {
			if (!p.section().equals(section)) {
				section = p.section();
				h.append("<h2>").append(esc(section)).append("</h2>\n");
			}
			h.append("<figure><img src=\"").append(p.name()).append(".svg\" alt=\"").append(esc(p.caption()))
					.append("\" width=\"960\" height=\"480\"><figcaption>").append(esc(p.caption())).append(" (<a href=\"")
					.append(p.name()).append(".png\">PNG</a>)</figcaption></figure>\n");
		}
		h.append("</body>\n</html>\n");
		RunStore.writeAtomically(dir.resolve("report.html"), h.toString());
	}

	/**
	 * What the columns and plots mean, in a few words, and which documents define them. The documents are
	 * named, not linked: a sweep's directory is copied off the cluster, archived, sent to a co-author, and a
	 * link would break there (a file: link to the installation's docs/ names a path on the machine that ran
	 * the sweep; a relative one depends on where the directory is moved), while the name finds the page in
	 * any copy of the sources. Linking would also make report.html depend on where the tool is installed,
	 * and two installations would no longer write the same bytes for the same sweep. So the page carries
	 * what a reader needs to read the figures, and no link but the sweep's own files.
	 */
	private static void glossary(StringBuilder h) {
		h.append("<details open><summary>What the figures mean</summary>\n<dl>\n");
		String[][] terms = {
				{ "utilisation_mean", "mean over the cores of the share of the run each core had a thread running (0 to 1)" },
				{ "wasted_core_fraction", "share of the run during which a core was idle while a thread that may run on it waited"
						+ " elsewhere: the work-conservation violation the verifier looks for (0 is ideal)" },
				{ "wakeup_latency_p99_ns", "99th percentile of the delay from a thread's wakeup to its running again, in ns"
						+ " (a run without wakeups has no sample)" },
				{ "fairness_jain", "Jain's index of the CPU-bound threads' shares, each weighed by its nice weight and cgroup:"
						+ " 1 is perfectly fair, 1/n one thread taking everything" },
				{ "migrations", "times a thread started running on another core than the one it last ran on" },
				{ "95 % interval", "mean ± t(0.975, n−1) · sd / √n over the seeds of a group (Student's t); shown as a band in"
						+ " the plots, absent where a point has one seed" },
				{ "latency CDF", "share of wakeups (y) served within a delay (x, log scale), every seed of a line pooled with the"
						+ " same weight; a zero delay is drawn at the axis' floor" } };
		for (String[] t : terms) {
			h.append("<dt>").append(esc(t[0])).append("</dt><dd>").append(esc(t[1])).append("</dd>\n");
		}
		h.append("</dl>\n<p class=\"note\">Definitions in full: docs/metrics.md; the sweep, its tables and its intervals:"
				+ " docs/sweeps.md (both in the policy toolchain's sources).</p>\n</details>\n");
	}

	private static String cell(SweepTables.Interval i) {
		if (i.n() == 0) {
			return "-";
		}
		String mean = significant(i.mean());
		return i.n() == 1 ? mean : mean + " [" + significant(i.low()) + ", " + significant(i.high()) + "]";
	}

	/** Six significant digits: fractions and nanosecond counts alike stay readable. */
	private static String significant(double v) {
		return MetricsWriter.fixed(v).equals("-0.000000") ? "0" : new java.math.BigDecimal(v)
				.round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
