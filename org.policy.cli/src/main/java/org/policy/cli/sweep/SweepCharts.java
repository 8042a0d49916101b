package org.policy.cli.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.policy.sim.plot.Charts;

/**
 * The sweep's plots, PNG (JFreeChart) and SVG (JFreeSVG), per workload and topology: a metric against
 * the core count, one line per policy (with its parameter values), and against each grid parameter, one
 * line per policy and core count, each line with its 95 % band across seeds, the interval of summary.csv
 * (no band where a point has one sample); and per core count the wakeup-latency CDF of each policy, drawn
 * by the simulator's own chart ({@link Charts#latencyCdf}). SVG ids use a fixed prefix, as the single-run
 * charts do, so equal sweeps give byte-identical files.
 */
public final class SweepCharts {
	static final int WIDTH = 960;
	static final int HEIGHT = 480;
	/** The metrics plotted: what a scheduling study asks first. Every metric is in summary.csv. */
	static final List<String> PLOTTED = List.of("utilisation_mean", "wasted_core_fraction", "wakeup_latency_p99_ns",
			"fairness_jain", "migrations");

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private SweepCharts() {
	}

	/** One plot: its file name (without extension), caption, and the report's section it goes in. */
	public record Plot(String name, String caption, String section) {
	}

	/** A line's label: the policy and its grid values. */
	static String line(RunRecord r) {
		StringBuilder b = new StringBuilder(r.policy());
		r.params().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
		return b.toString();
	}

	/**
	 * Writes every plot into {@code dir} and returns them in order: per workload and topology, each metric
	 * against the core count; then, for each grid parameter with two values or more, each metric against
	 * it; then the latency CDFs of each core count.
	 */
	public static List<Plot> write(Path dir, List<RunRecord> runs) throws IOException {
		List<String> workloads = distinct(runs, RunRecord::workload);
		List<String> topologies = distinct(runs, RunRecord::topology);
		Map<String, List<String>> grid = gridParameters(runs);
		List<Plot> plots = new ArrayList<>();
		for (int w = 1; w <= workloads.size(); w++) {
			String workload = workloads.get(w - 1);
			for (int t = 1; t <= topologies.size(); t++) {
				String topology = topologies.get(t - 1);
				List<RunRecord> mine = runs.stream().filter(r -> r.workload().equals(workload) && r.topology().equals(topology))
						.toList();
				if (mine.isEmpty()) {
					continue;
				}
				String where = workload + ", topology " + topology;
				String prefix = "plot-w" + w + "-t" + t + "-";
				for (String metric : PLOTTED) {
					String caption = metric + " against cores: " + where + " (mean, 95 % band across seeds)";
					plots.add(save(dir, prefix + metric, caption, "Against cores: " + where, coresChart(metric, caption, mine)));
				}
				for (Map.Entry<String, List<String>> p : grid.entrySet()) {
					List<RunRecord> withIt = mine.stream().filter(r -> r.params().containsKey(p.getKey())).toList();
					for (String metric : PLOTTED) {
						String caption = metric + " against " + p.getKey() + ": " + where + " (mean, 95 % band across seeds)";
						plots.add(save(dir, prefix + "param-" + p.getKey() + "-" + metric, caption,
								"Against " + p.getKey() + ": " + where, parameterChart(metric, caption, withIt, p.getKey(), p.getValue())));
					}
				}
				for (int cores : distinct(mine, RunRecord::cores)) {
					List<RunRecord> these = mine.stream().filter(r -> r.cores() == cores).toList();
					String title = "Wakeup latency CDF: " + where + ", " + cores + " cores";
					plots.add(save(dir, prefix + "c" + cores + "-latency-cdf", title + " (seeds pooled, each weighing alike)",
							"Wakeup latency CDFs: " + where, latencyCdf(title, these)));
				}
			}
		}
		return plots;
	}

	/**
	 * The grid parameters worth a plot: those that take two values or more somewhere in the sweep, each with
	 * its values in canonical order (as the SPEC writes them). Parameters are matched by name across
	 * policies: two policies with a {@code slice} grid share its plots, one line each.
	 */
	static Map<String, List<String>> gridParameters(List<RunRecord> runs) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (RunRecord r : runs) {
			r.params().forEach((k, v) -> {
				List<String> vs = values.computeIfAbsent(k, x -> new ArrayList<>());
				if (!vs.contains(v)) {
					vs.add(v);
				}
			});
		}
		values.values().removeIf(vs -> vs.size() < 2);
		return values;
	}

	/** A metric against the core count: one line per policy (with its grid values). */
	static JFreeChart coresChart(String metric, String title, List<RunRecord> runs) {
		NumberAxis x = new NumberAxis("cores");
		x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		x.setAutoRangeIncludesZero(false);
		return chart(metric, title, runs, SweepCharts::line, RunRecord::cores, x);
	}

	/**
	 * A metric against a grid parameter, its values evenly spaced in SPEC order (a grid is often geometric,
	 * 1ms 4ms 16ms, and its values need not be numbers): one line per policy, its other grid values and
	 * core count.
	 */
	static JFreeChart parameterChart(String metric, String title, List<RunRecord> runs, String parameter, List<String> values) {
		SymbolAxis x = new SymbolAxis(parameter, values.toArray(new String[0]));
		x.setGridBandsVisible(false);
		return chart(metric, title, runs, r -> lineWithout(r, parameter) + ", " + r.cores() + " cores",
				r -> values.indexOf(r.params().get(parameter)), x);
	}

	/** Per policy (with its grid values), the wakeup latencies of its runs, every seed weighing alike. */
	static JFreeChart latencyCdf(String title, List<RunRecord> runs) {
		Map<String, List<long[]>> lines = new LinkedHashMap<>();
		runs.forEach(r -> lines.computeIfAbsent(line(r), k -> new ArrayList<>()).add(r.latencyQuantiles()));
		List<long[]> pooled = new ArrayList<>();
		for (List<long[]> seeds : lines.values()) {
			// every run keeps the same number of quantiles, so their union is the mixture of the seeds' distributions
			long[] all = seeds.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
			pooled.add(all);
		}
		return Charts.latencyCdf(title, List.copyOf(lines.keySet()), pooled, true);
	}

	private static String lineWithout(RunRecord r, String parameter) {
		StringBuilder b = new StringBuilder(r.policy());
		r.params().forEach((k, v) -> {
			if (!k.equals(parameter)) {
				b.append(' ').append(k).append('=').append(v);
			}
		});
		return b.toString();
	}

	private static <T> List<T> distinct(List<RunRecord> runs, Function<RunRecord, T> f) {
		return List.copyOf(runs.stream().map(f).collect(Collectors.toCollection(LinkedHashSet::new)));
	}

	/** The mean of {@code metric} at each x, per line, with the 95 % band of summary.csv. */
	private static JFreeChart chart(String metric, String title, List<RunRecord> runs, Function<RunRecord, String> lineOf,
			ToDoubleFunction<RunRecord> xOf, ValueAxis x) {
		// line → x → samples, in canonical order
		Map<String, Map<Double, List<Double>>> lines = new LinkedHashMap<>();
		for (RunRecord r : runs) {
			double v = r.metrics().get(metric).doubleValue();
			List<Double> samples = lines.computeIfAbsent(lineOf.apply(r), k -> new LinkedHashMap<>())
					.computeIfAbsent(xOf.applyAsDouble(r), k -> new ArrayList<>());
			if (v != -1) {
				samples.add(v);
			}
		}
		YIntervalSeriesCollection data = new YIntervalSeriesCollection();
		for (Map.Entry<String, Map<Double, List<Double>>> l : lines.entrySet()) {
			YIntervalSeries s = new YIntervalSeries(l.getKey(), true, false);
			for (Map.Entry<Double, List<Double>> p : l.getValue().entrySet()) {
				SweepTables.Interval i = SweepTables.Interval.of(p.getValue());
				if (i.n() == 0) {
					continue;
				}
				boolean band = i.n() > 1;
				s.add(p.getKey(), i.mean(), band ? i.low() : i.mean(), band ? i.high() : i.mean());
			}
			data.addSeries(s);
		}
		DeviationRenderer renderer = new DeviationRenderer(true, true);
		renderer.setAlpha(0.2f);
		for (int k = 0; k < data.getSeriesCount(); k++) {
			Color c = colour(k);
			renderer.setSeriesPaint(k, c);
			renderer.setSeriesFillPaint(k, c);
			renderer.setSeriesStroke(k, new BasicStroke(2f));
		}
		NumberAxis y = new NumberAxis(metric);
		y.setAutoRangeIncludesZero(false);
		XYPlot plot = new XYPlot(data, x, y, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(new Color(0xDDDDDD));
		plot.setRangeGridlinePaint(new Color(0xDDDDDD));
		JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
		StandardChartTheme.createJFreeTheme().apply(chart);
		chart.setBackgroundPaint(Color.WHITE);
		plot.setBackgroundPaint(Color.WHITE);
		List<Double> all = lines.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream).toList();
		if (!all.isEmpty() && all.stream().allMatch(v -> v == 0)) {
			// JFreeChart centres an all-zero range on 0 (−5E−9 .. 5E−9): an axis from 0 and a note say it plainly
			y.setRange(0, 1);
			chart.addSubtitle(Charts.note(metric + " is 0 in every run"));
		} else if (all.isEmpty()) {
			chart.addSubtitle(Charts.note(metric + " has no sample in these runs (-1 in runs.csv: docs/metrics.md)"));
		}
		return chart;
	}

	/** A stable, distinguishable colour per line (golden-angle hues, as the single-run charts). */
	static Color colour(int index) {
		float hue = (float) ((index * 0.618033988749895) % 1.0);
		return Color.getHSBColor(hue, 0.65f, 0.85f - 0.2f * ((index / 7) % 2));
	}

	private static Plot save(Path dir, String name, String caption, String section, JFreeChart chart) throws IOException {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
		RunStore.writeAtomically(dir.resolve(name + ".png"), png.toByteArray());
		SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
		g.setDefsKeyPrefix("policy-sweep-" + name + "-");
		chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
		RunStore.writeAtomically(dir.resolve(name + ".svg"), (g.getSVGDocument() + "\n").getBytes(StandardCharsets.UTF_8));
		return new Plot(name, caption, section);
	}
}
