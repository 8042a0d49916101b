package org.policy.sim.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.policy.sim.Simulation;
import org.policy.sim.metrics.RunInfo;
import org.policy.sim.metrics.Summary;

/**
 * report.html: one self-contained page (no script, no network) that shows a run's or a comparison's
 * figures and embeds its SVG charts, which sit next to it.
 */
public final class Report {
	private Report() {
	}

	public static void writeRun(Path dir, Simulation.Outcome o) throws IOException {
		RunInfo i = o.info();
		Summary s = o.summary();
		StringBuilder h = new StringBuilder();
		head(h, "Simulation of " + o.result().policy() + " on " + i.workload());
		h.append("<p class=\"setup\">").append(esc(setup(i))).append("</p>\n");
		h.append("<h2>Metrics</h2>\n<table>\n");
		for (String[] row : rows(s)) {
			h.append("<tr><th>").append(esc(row[0])).append("</th><td>").append(esc(row[1])).append("</td></tr>\n");
		}
		h.append("</table>\n");
		h.append("<p class=\"note\">Definitions: ").append(doc("metrics.md")).append("; how the run is simulated: ")
				.append(doc("simulator.md")).append(". Raw figures: <a href=\"metrics.json\">metrics.json</a>, "
				+ "<a href=\"cores.csv\">cores.csv</a>, <a href=\"utilisation.csv\">utilisation.csv</a>, "
				+ "<a href=\"threads.csv\">threads.csv</a>.</p>\n");
		figure(h, "utilisation", "Per-core utilisation over time");
		figure(h, "heatmap", "Core × time utilisation");
		figure(h, "gantt", "Which thread runs on each core");
		warnings(h, i.warnings());
		h.append("</body>\n</html>\n");
		Files.writeString(dir.resolve("report.html"), h, StandardCharsets.UTF_8);
	}

	/**
	 * @param threadsAtStart the threads the workload starts with (see {@link ComparisonNotes#of})
	 */
	public static void writeComparison(Path dir, List<String> names, List<Simulation.Outcome> outcomes,
			long threadsAtStart) throws IOException {
		StringBuilder h = new StringBuilder();
		RunInfo first = outcomes.get(0).info();
		head(h, "Comparison on " + first.workload());
		h.append("<p class=\"setup\">").append(esc(setup(first))).append("</p>\n");
		h.append("<h2>What differs</h2>\n<p>Every policy ran the same workload on the same machine with the same seed:"
				+ " what differs comes from the policies.</p>\n<ul>\n");
		for (String note : ComparisonNotes.of(names, outcomes.stream().map(Simulation.Outcome::summary).toList(),
				threadsAtStart)) {
			h.append("<li>").append(esc(note)).append("</li>\n");
		}
		h.append("</ul>\n");
		h.append("<h2>Metrics</h2>\n<table>\n<tr><th></th>");
		for (String n : names) {
			h.append("<th>").append(esc(n)).append("</th>");
		}
		h.append("</tr>\n");
		List<String[]> firstRows = rows(outcomes.get(0).summary());
		for (int r = 0; r < firstRows.size(); r++) {
			h.append("<tr><th>").append(esc(firstRows.get(r)[0])).append("</th>");
			for (Simulation.Outcome o : outcomes) {
				h.append("<td>").append(esc(rows(o.summary()).get(r)[1])).append("</td>");
			}
			h.append("</tr>\n");
		}
		h.append("</table>\n");
		h.append("<p class=\"note\">Definitions: ").append(doc("metrics.md")).append("; how the runs are simulated: ")
				.append(doc("simulator.md")).append(". Raw figures: <a href=\"compare.json\">compare.json</a>.</p>\n");
		figure(h, "compare-utilisation", "Mean core utilisation");
		figure(h, "compare-wasted", "Wasted-core time");
		figure(h, "compare-latency", "Wakeup latency p99");
		figure(h, "latency-cdf", "Wakeup latency CDF");
		figure(h, "compare-fairness", "Weighted Jain fairness");
		figure(h, "compare-migrations", "Migrations");
		warnings(h, first.warnings());
		h.append("</body>\n</html>\n");
		Files.writeString(dir.resolve("report.html"), h, StandardCharsets.UTF_8);
	}

	static List<String[]> rows(Summary s) {
		return List.of(
				new String[] { "simulated time", ms(s.durationNs()) },
				new String[] { "makespan", s.makespanNs() < 0 ? "(threads still running at the end)" : ms(s.makespanNs()) },
				new String[] { "threads", Long.toString(s.threads()) },
				new String[] { "mean utilisation", pct(s.meanUtilisation()) },
				new String[] { "wasted-core time", ms(s.wastedCoreNs()) + " (" + pct(s.wastedFraction()) + ", "
						+ s.wcEpisodes() + " episodes)" },
				new String[] { "wakeups", Long.toString(s.wakeups()) },
				new String[] { "wakeup latency p50 / p95 / p99 / max",
						us(s.latencyP50()) + " / " + us(s.latencyP95()) + " / " + us(s.latencyP99()) + " / " + us(s.latencyMax()) },
				new String[] { "Jain fairness (CPU-bound threads, weighted by group cpu.weight and nice)", s.cpuBoundThreads() == 0 ? "n/a (none)"
						: String.format(Locale.ROOT, "%.4f over %d threads", s.jainFairness(), s.cpuBoundThreads()) },
				new String[] { "migrations", Long.toString(s.migrations()) },
				new String[] { "context switches", Long.toString(s.contextSwitches()) },
				new String[] { "preemptions", Long.toString(s.preemptions()) },
				new String[] { "deadline misses", s.deadlineJobs() == 0 ? "n/a (no deadlines)"
						: s.deadlineMisses() + " of " + s.deadlineJobs() + " jobs" },
				new String[] { "events simulated", Long.toString(s.events()) });
	}

	/** The system property that names the toolchain's directory (bin/policy sets it); its docs/ is linked. */
	public static final String HOME_PROPERTY = "policy.home";

	/**
	 * A link to docs/NAME of the installation the report was made with, as an absolute file: URI, so it
	 * works wherever the output directory is (a relative link would depend on where --out points). Without
	 * an installation (the library used on its own) or without the file, the name is given as text.
	 */
	static String doc(String name) {
		String home = System.getProperty(HOME_PROPERTY);
		if (home != null && !home.isEmpty()) {
			Path file = Path.of(home, "docs", name).toAbsolutePath().normalize();
			if (Files.isRegularFile(file)) {
				return "<a href=\"" + esc(file.toUri().toString()) + "\">docs/" + esc(name) + "</a>";
			}
		}
		return "docs/" + esc(name) + " (in the policy toolchain's sources)";
	}

	private static String setup(RunInfo i) {
		StringBuilder s = new StringBuilder();
		s.append(i.cores()).append(" cores (topology ").append(i.topology()).append("), HZ ").append(i.hz())
				.append(", context switch ").append(i.contextSwitchNs()).append(" ns, seed ").append(i.seed())
				.append(", horizon ").append(ms(i.horizonNs()));
		for (Map.Entry<String, Long> p : i.params().entrySet()) {
			s.append(", ").append(p.getKey()).append('=').append(p.getValue());
		}
		return s.toString();
	}

	private static void head(StringBuilder h, String title) {
		h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
				.append("</title>\n<style>\n")
				.append("body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1000px; }\n")
				.append("table { border-collapse: collapse; margin: 1em 0; }\n")
				.append("th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; }\n")
				.append("th { background: #f3f3f3; font-weight: normal; }\n")
				.append("figure { margin: 1.5em 0; } img { max-width: 100%; border: 1px solid #eee; }\n")
				.append(".setup, .note { color: #555; }\n</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
	}

	private static void figure(StringBuilder h, String name, String caption) {
		h.append("<figure><img src=\"").append(name).append(".svg\" alt=\"").append(esc(caption))
				.append("\" width=\"960\" height=\"480\"><figcaption>").append(esc(caption))
				.append(" (<a href=\"").append(name).append(".png\">PNG</a>)</figcaption></figure>\n");
	}

	private static void warnings(StringBuilder h, List<String> warnings) {
		if (warnings.isEmpty()) {
			return;
		}
		h.append("<h2>Workload warnings</h2>\n<ul>\n");
		for (String w : warnings) {
			h.append("<li>").append(esc(w)).append("</li>\n");
		}
		h.append("</ul>\n");
	}

	private static String ms(long ns) {
		return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
	}

	private static String us(long ns) {
		return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
	}

	private static String pct(double f) {
		return String.format(Locale.ROOT, "%.2f %%", 100 * f);
	}

	static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
