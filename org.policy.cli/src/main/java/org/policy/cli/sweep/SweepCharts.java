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
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The sweep's plots, PNG (JFreeChart) and SVG (JFreeSVG): per workload and topology, a metric against
 * the core count, one line per policy (with its parameter values) and its 95 % band across seeds, the
 * interval of summary.csv (no band where a point has one sample). SVG ids use a fixed prefix, as the
 * single-run charts do, so equal sweeps give byte-identical files.
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

	/** One plot: its file name (without extension) and caption. */
	public record Plot(String name, String caption) {
	}

	/** A line's label: the policy and its grid values. */
	static String line(RunRecord r) {
		StringBuilder b = new StringBuilder(r.policy());
		r.params().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
		return b.toString();
	}

	/** Writes every plot into {@code dir} and returns them in order. */
	public static List<Plot> write(Path dir, List<RunRecord> runs) throws IOException {
		Set<String> workloads = new LinkedHashSet<>();
		Set<String> topologies = new LinkedHashSet<>();
		runs.forEach(r -> {
			workloads.add(r.workload());
			topologies.add(r.topology());
		});
		List<Plot> plots = new ArrayList<>();
		int w = 0;
		for (String workload : workloads) {
			w++;
			int t = 0;
			for (String topology : topologies) {
				t++;
				List<RunRecord> mine = runs.stream().filter(r -> r.workload().equals(workload) && r.topology().equals(topology))
						.toList();
				if (mine.isEmpty()) {
					continue;
				}
				for (String metric : PLOTTED) {
					String name = "plot-w" + w + "-t" + t + "-" + metric;
					String caption = metric + " against cores: " + workload + ", topology " + topology
							+ " (mean, 95 % band across seeds)";
					save(dir, name, chart(metric, caption, mine));
					plots.add(new Plot(name, caption));
				}
			}
		}
		return plots;
	}

	static JFreeChart chart(String metric, String title, List<RunRecord> runs) {
		// line → cores → samples, in canonical order
		Map<String, Map<Integer, List<Double>>> lines = new LinkedHashMap<>();
		for (RunRecord r : runs) {
			double v = r.metrics().get(metric).doubleValue();
			List<Double> samples = lines.computeIfAbsent(line(r), k -> new LinkedHashMap<>())
					.computeIfAbsent(r.cores(), k -> new ArrayList<>());
			if (v != -1) {
				samples.add(v);
			}
		}
		YIntervalSeriesCollection data = new YIntervalSeriesCollection();
		for (Map.Entry<String, Map<Integer, List<Double>>> l : lines.entrySet()) {
			YIntervalSeries s = new YIntervalSeries(l.getKey(), true, false);
			for (Map.Entry<Integer, List<Double>> p : l.getValue().entrySet()) {
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
		NumberAxis x = new NumberAxis("cores");
		x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		x.setAutoRangeIncludesZero(false);
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
		return chart;
	}

	/** A stable, distinguishable colour per line (golden-angle hues, as the single-run charts). */
	static Color colour(int index) {
		float hue = (float) ((index * 0.618033988749895) % 1.0);
		return Color.getHSBColor(hue, 0.65f, 0.85f - 0.2f * ((index / 7) % 2));
	}

	private static void save(Path dir, String name, JFreeChart chart) throws IOException {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
		RunStore.writeAtomically(dir.resolve(name + ".png"), png.toByteArray());
		SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
		g.setDefsKeyPrefix("policy-sweep-" + name + "-");
		chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
		RunStore.writeAtomically(dir.resolve(name + ".svg"), (g.getSVGDocument() + "\n").getBytes(StandardCharsets.UTF_8));
	}
}
