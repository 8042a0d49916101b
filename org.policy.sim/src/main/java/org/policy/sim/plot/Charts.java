package org.policy.sim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.policy.sim.metrics.Schedule;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;

/**
 * The simulator's charts, each written as PNG (JFreeChart) and SVG (JFreeSVG). SVG ids use a fixed
 * prefix instead of JFreeSVG's time-based one, so equal runs give byte-identical files.
 */
public final class Charts {
	static final int WIDTH = 960;
	static final int HEIGHT = 480;
	/** At most this many schedule segments in a Gantt chart: beyond, it is unreadable and huge. */
	static final int GANTT_SEGMENTS = 3000;

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private Charts() {
	}

	/** utilisation.{png,svg}, heatmap.{png,svg}, gantt.{png,svg}. */
	public static void writeRunCharts(Path dir, SimResult r) throws IOException {
		save(dir, "utilisation", utilisation(r));
		save(dir, "heatmap", heatMap(r));
		save(dir, "gantt", gantt(r));
	}

	/** One bar chart per compared figure, and the wakeup-latency CDFs. */
	public static void writeComparisonCharts(Path dir, List<String> names, List<SimResult> results,
			List<Summary> summaries) throws IOException {
		save(dir, "compare-utilisation", bars("Mean core utilisation (%)", names,
				summaries.stream().mapToDouble(s -> 100 * s.meanUtilisation()).toArray()));
		save(dir, "compare-wasted", bars("Wasted-core time (% of run)", names,
				summaries.stream().mapToDouble(s -> 100 * s.wastedFraction()).toArray()));
		save(dir, "compare-latency", bars("Wakeup latency p99 (µs)", names,
				summaries.stream().mapToDouble(s -> Math.max(0, s.latencyP99()) / 1000.0).toArray()));
		save(dir, "compare-fairness", bars("Weighted Jain fairness of CPU-bound threads", names,
				summaries.stream().mapToDouble(s -> Math.max(0, s.jainFairness())).toArray()));
		save(dir, "compare-migrations", bars("Migrations", names,
				summaries.stream().mapToDouble(Summary::migrations).toArray()));
		save(dir, "latency-cdf", latencyCdf(names, results));
	}

	// ------------------------------------------------------------------ charts

	static JFreeChart utilisation(SimResult r) {
		XYSeriesCollection data = new XYSeriesCollection();
		int buckets = bucketsInRun(r);
		for (int c = 0; c < r.cores(); c++) {
			XYSeries s = new XYSeries("core " + c, false, false);
			for (int b = 0; b < buckets; b++) {
				long width = Math.min(r.bucketNs(), r.endNs() - b * r.bucketNs());
				s.add((b * r.bucketNs() + width / 2.0) / 1e6, width <= 0 ? 0 : 100.0 * r.busyBuckets()[c][b] / width);
			}
			data.addSeries(s);
		}
		NumberAxis x = new NumberAxis("time (ms)");
		NumberAxis y = new NumberAxis("utilisation (%)");
		y.setRange(0, 105);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		for (int c = 0; c < r.cores(); c++) {
			renderer.setSeriesPaint(c, colour(c));
			renderer.setSeriesStroke(c, new BasicStroke(1.2f));
		}
		XYPlot plot = new XYPlot(data, x, y, renderer);
		return chart("Per-core utilisation over time — " + r.policy() + " on " + r.workload(), plot, r.cores() <= 16);
	}

	static JFreeChart heatMap(SimResult r) {
		int buckets = bucketsInRun(r);
		double[] xs = new double[buckets * r.cores()];
		double[] ys = new double[xs.length];
		double[] zs = new double[xs.length];
		int i = 0;
		for (int c = 0; c < r.cores(); c++) {
			for (int b = 0; b < buckets; b++) {
				long width = Math.min(r.bucketNs(), r.endNs() - b * r.bucketNs());
				xs[i] = b * r.bucketNs() / 1e6;
				ys[i] = c;
				zs[i] = width <= 0 ? 0 : 100.0 * r.busyBuckets()[c][b] / width;
				i++;
			}
		}
		DefaultXYZDataset data = new DefaultXYZDataset();
		data.addSeries("utilisation", new double[][] { xs, ys, zs });
		XYBlockRenderer renderer = new XYBlockRenderer();
		renderer.setBlockWidth(r.bucketNs() / 1e6);
		renderer.setBlockHeight(1.0);
		renderer.setBlockAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_LEFT);
		LookupPaintScale scale = new LookupPaintScale(0, 100.0001, Color.WHITE);
		for (int k = 0; k <= 10; k++) {
			float f = k / 10f;
			scale.add(k * 10.0, new Color(1f - 0.85f * f, 1f - 0.55f * f, 1f - 0.15f * f));
		}
		renderer.setPaintScale(scale);
		NumberAxis x = new NumberAxis("time (ms)");
		x.setRange(0, Math.max(1e-6, r.endNs() / 1e6));
		NumberAxis y = new NumberAxis("core");
		y.setRange(0, r.cores());
		y.setTickUnit(new NumberTickUnit(Math.max(1, r.cores() / 16)));
		XYPlot plot = new XYPlot(data, x, y, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		JFreeChart chart = chart("Core × time utilisation — " + r.policy() + " on " + r.workload(), plot, false);
		NumberAxis scaleAxis = new NumberAxis("utilisation (%)");
		scaleAxis.setRange(0, 100);
		PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
		legend.setPosition(RectangleEdge.RIGHT);
		legend.setMargin(4, 4, 40, 4);
		chart.addSubtitle(legend);
		return chart;
	}

	static JFreeChart gantt(SimResult r) {
		Schedule s = r.schedule();
		// the first GANTT_SEGMENTS segments by start time fix the window shown
		long windowEnd = r.endNs();
		if (s.size() > GANTT_SEGMENTS) {
			long[] starts = s.start().clone();
			java.util.Arrays.sort(starts);
			windowEnd = starts[GANTT_SEGMENTS];
		}
		XYIntervalSeries series = new XYIntervalSeries("runs");
		int[] threadOfItem = new int[Math.min(s.size(), GANTT_SEGMENTS + r.cores())];
		int n = 0;
		for (int k = 0; k < s.size() && n < threadOfItem.length; k++) {
			if (s.start()[k] >= windowEnd) {
				continue;
			}
			double start = s.start()[k] / 1e6;
			double end = Math.min(s.end()[k], windowEnd) / 1e6;
			series.add((start + end) / 2, start, end, s.core()[k], s.core()[k] - 0.4, s.core()[k] + 0.4);
			threadOfItem[n++] = s.thread()[k];
		}
		XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
		data.addSeries(series);
		XYBarRenderer renderer = new XYBarRenderer() {
			private static final long serialVersionUID = 1L;

			@Override
			public Paint getItemPaint(int row, int column) {
				return colour(threadOfItem[column]);
			}
		};
		renderer.setUseYInterval(true);
		renderer.setBarPainter(new StandardXYBarPainter());
		renderer.setShadowVisible(false);
		renderer.setDrawBarOutline(false);
		NumberAxis x = new NumberAxis("time (ms)");
		x.setRange(0, Math.max(1e-6, windowEnd / 1e6));
		NumberAxis y = new NumberAxis("core");
		y.setRange(-0.5, r.cores() - 0.5);
		y.setTickUnit(new NumberTickUnit(Math.max(1, r.cores() / 16)));
		XYPlot plot = new XYPlot(data, x, y, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		String window = windowEnd < r.endNs() ? String.format(Locale.ROOT, " (first %.1f ms)", windowEnd / 1e6) : "";
		return chart("Which thread runs on each core" + window + " — " + r.policy(), plot, false);
	}

	static JFreeChart bars(String title, List<String> names, double[] values) {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		for (int i = 0; i < names.size(); i++) {
			data.addValue(values[i], "value", names.get(i));
		}
		CategoryAxis x = new CategoryAxis("policy");
		x.setCategoryLabelPositions(names.size() > 6 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
		NumberAxis y = new NumberAxis(title);
		BarRenderer renderer = new BarRenderer() {
			private static final long serialVersionUID = 1L;

			@Override
			public Paint getItemPaint(int row, int column) {
				return colour(column);
			}
		};
		renderer.setBarPainter(new StandardBarPainter());
		renderer.setShadowVisible(false);
		CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
		plot.setOrientation(PlotOrientation.VERTICAL);
		return chart(title, plot, false);
	}

	static JFreeChart latencyCdf(List<String> names, List<SimResult> results) {
		XYSeriesCollection data = new XYSeriesCollection();
		for (int i = 0; i < names.size(); i++) {
			XYSeries s = new XYSeries(names.get(i), true, true);
			long[] lat = results.get(i).wakeupLatencies();
			int points = Math.min(lat.length, 1000);
			for (int k = 1; k <= points; k++) {
				int index = (int) ((long) k * lat.length / points) - 1;
				s.add(lat[index] / 1000.0, 100.0 * (index + 1) / lat.length);
			}
			data.addSeries(s);
		}
		NumberAxis x = new NumberAxis("wakeup latency (µs)");
		NumberAxis y = new NumberAxis("wakeups (%)");
		y.setRange(0, 100);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		for (int i = 0; i < names.size(); i++) {
			renderer.setSeriesPaint(i, colour(i));
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		return chart("Wakeup latency CDF", new XYPlot(data, x, y, renderer), true);
	}

	// ------------------------------------------------------------------ plumbing

	private static int bucketsInRun(SimResult r) {
		int all = r.busyBuckets().length == 0 ? 0 : r.busyBuckets()[0].length;
		return (int) Math.min(all, (r.endNs() + r.bucketNs() - 1) / r.bucketNs());
	}

	private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
		JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, legend);
		StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
		theme.apply(chart);
		chart.setBackgroundPaint(Color.WHITE);
		plot.setBackgroundPaint(Color.WHITE);
		if (plot instanceof XYPlot xy) {
			xy.setDomainGridlinePaint(new Color(0xDDDDDD));
			xy.setRangeGridlinePaint(new Color(0xDDDDDD));
		}
		return chart;
	}

	/** A stable, distinguishable colour per index (golden-angle hues). */
	static Color colour(int index) {
		float hue = (float) ((index * 0.618033988749895) % 1.0);
		return Color.getHSBColor(hue, 0.65f, 0.85f - 0.2f * ((index / 7) % 2));
	}

	/** Writes NAME.png and NAME.svg. */
	static void save(Path dir, String name, JFreeChart chart) throws IOException {
		try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".png"))) {
			ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
		}
		SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
		g.setDefsKeyPrefix("policy-sim-" + name + "-");
		chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
		Files.writeString(dir.resolve(name + ".svg"), g.getSVGDocument() + "\n", StandardCharsets.UTF_8);
	}
}
