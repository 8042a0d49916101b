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
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
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

	/**
	 * Up to this many cores the utilisation chart draws one line per core; above, the mean across cores
	 * with a min–max band. Four lines in four well-separated hues stay legible; from the default machine
	 * of 8 cores on, lines that mostly sit at 100 % or cross every few buckets hide each other, and what
	 * the reader wants is "how busy is the machine, and how uneven": the mean and the spread. The
	 * per-core detail is in the heat map, which scales to any number of cores.
	 */
	static final int UTILISATION_LINES_MAX_CORES = 4;

	static JFreeChart utilisation(SimResult r) {
		int buckets = bucketsInRun(r);
		double[][] pct = new double[r.cores()][buckets];
		double[] xs = new double[buckets];
		for (int b = 0; b < buckets; b++) {
			long width = Math.min(r.bucketNs(), r.endNs() - b * r.bucketNs());
			xs[b] = (b * r.bucketNs() + width / 2.0) / 1e6;
			for (int c = 0; c < r.cores(); c++) {
				pct[c][b] = width <= 0 ? 0 : 100.0 * r.busyBuckets()[c][b] / width;
			}
		}
		NumberAxis x = new NumberAxis("time (ms)");
		NumberAxis y = new NumberAxis("utilisation (%)");
		y.setRange(0, 105);
		String title = "Per-core utilisation over time — " + r.policy() + " on " + r.workload();
		if (r.cores() <= UTILISATION_LINES_MAX_CORES) {
			XYSeriesCollection data = new XYSeriesCollection();
			XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
			for (int c = 0; c < r.cores(); c++) {
				XYSeries s = new XYSeries("core " + c, false, false);
				for (int b = 0; b < buckets; b++) {
					s.add(xs[b], pct[c][b]);
				}
				data.addSeries(s);
				renderer.setSeriesPaint(c, colour(c));
				renderer.setSeriesStroke(c, new BasicStroke(1.5f));
			}
			return chart(title, new XYPlot(data, x, y, renderer), true);
		}
		YIntervalSeries band = new YIntervalSeries("mean of " + r.cores() + " cores (band: least and most busy core)",
				false, false);
		for (int b = 0; b < buckets; b++) {
			double sum = 0;
			double min = Double.MAX_VALUE;
			double max = 0;
			for (int c = 0; c < r.cores(); c++) {
				sum += pct[c][b];
				min = Math.min(min, pct[c][b]);
				max = Math.max(max, pct[c][b]);
			}
			band.add(xs[b], sum / r.cores(), min, max);
		}
		YIntervalSeriesCollection data = new YIntervalSeriesCollection();
		data.addSeries(band);
		DeviationRenderer renderer = new DeviationRenderer(true, false);
		renderer.setSeriesPaint(0, new Color(0x1F5FA8));
		renderer.setSeriesFillPaint(0, new Color(0x9CC3EA));
		renderer.setAlpha(0.6f);
		renderer.setSeriesStroke(0, new BasicStroke(2f));
		JFreeChart chart = chart("Core utilisation over time — " + r.policy() + " on " + r.workload(),
				new XYPlot(data, x, y, renderer), true);
		chart.addSubtitle(note("per core: heat map below and utilisation.csv"));
		return chart;
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
		// core c's row is centred on y = c, so that the axis ticks (at integers) name rows, not their edges
		renderer.setBlockAnchor(RectangleAnchor.LEFT);
		LookupPaintScale scale = new LookupPaintScale(0, 100.0001, Color.WHITE);
		for (int k = 0; k <= 10; k++) {
			float f = k / 10f;
			scale.add(k * 10.0, new Color(1f - 0.85f * f, 1f - 0.55f * f, 1f - 0.15f * f));
		}
		renderer.setPaintScale(scale);
		NumberAxis x = new NumberAxis("time (ms)");
		x.setRange(0, Math.max(1e-6, r.endNs() / 1e6));
		XYPlot plot = new XYPlot(data, x, coreAxis(r.cores()), renderer);
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

	/**
	 * A vertical axis whose ticks sit on rows centred at 0 .. cores-1 and read "core N"; with many cores
	 * every k-th core is named (about 16 labels fit the chart's height).
	 */
	static NumberAxis coreAxis(int cores) {
		NumberAxis y = new NumberAxis(null);
		y.setRange(-0.5, cores - 0.5);
		y.setTickUnit(new NumberTickUnit(Math.max(1, (cores + 15) / 16), new DecimalFormat("'core '0",
				DecimalFormatSymbols.getInstance(Locale.ROOT))));
		y.setMinorTickMarksVisible(false);
		y.setInverted(true);
		return y;
	}

	/** Up to this many threads the Gantt chart has a legend; beyond, names are in the SVG's hover titles only. */
	static final int GANTT_LEGEND_MAX_THREADS = 16;

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
		SortedSet<Integer> shown = new TreeSet<>();
		int n = 0;
		for (int k = 0; k < s.size() && n < threadOfItem.length; k++) {
			if (s.start()[k] >= windowEnd) {
				continue;
			}
			double start = s.start()[k] / 1e6;
			double end = Math.min(s.end()[k], windowEnd) / 1e6;
			series.add((start + end) / 2, start, end, s.core()[k], s.core()[k] - 0.4, s.core()[k] + 0.4);
			threadOfItem[n++] = s.thread()[k];
			shown.add(s.thread()[k]);
		}
		XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
		data.addSeries(series);
		XYBarRenderer renderer = new GanttRenderer(threadOfItem, r.threads());
		renderer.setUseYInterval(true);
		renderer.setBarPainter(new StandardXYBarPainter());
		renderer.setShadowVisible(false);
		renderer.setDrawBarOutline(false);
		NumberAxis x = new NumberAxis("time (ms)");
		x.setRange(0, Math.max(1e-6, windowEnd / 1e6));
		XYPlot plot = new XYPlot(data, x, coreAxis(r.cores()), renderer);
		plot.setBackgroundPaint(Color.WHITE);
		boolean legend = shown.size() <= GANTT_LEGEND_MAX_THREADS;
		if (legend) {
			LegendItemCollection items = new LegendItemCollection();
			for (int t : shown) {
				items.add(new LegendItem(GanttRenderer.threadName(t, r.threads()), colour(t)));
			}
			plot.setFixedLegendItems(items);
		}
		String window = windowEnd < r.endNs() ? String.format(Locale.ROOT, " (first %.1f ms)", windowEnd / 1e6) : "";
		JFreeChart chart = chart("Which thread runs on each core" + window + " — " + r.policy(), plot, legend);
		if (!legend) {
			chart.addSubtitle(note(shown.size() + " threads, one colour each: in the SVG, hover over a bar for its thread"));
		}
		return chart;
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
		JFreeChart chart = chart(title, plot, false);
		if (java.util.Arrays.stream(values).allMatch(v -> v == 0)) {
			// JFreeChart centres an all-zero range on 0 (−5E−9 .. 5E−9): say what the empty chart means instead
			y.setRange(0, 1);
			chart.addSubtitle(note(names.size() == 1 ? "the value is 0" : "0 for every policy"));
		}
		return chart;
	}

	static JFreeChart latencyCdf(List<String> names, List<SimResult> results) {
		return latencyCdf("Wakeup latency CDF", names, results.stream().map(SimResult::wakeupLatencies).toList(), false);
	}

	/**
	 * The wakeup-latency CDF of each line, on a log time axis (one place for it: {@code compare} and
	 * {@code sweep} draw it the same way).
	 *
	 * @param latencies per line, its latencies in ns, sorted ascending
	 * @param quantiles whether each array holds evenly spaced quantiles rather than every wakeup (a sweep pools
	 *                  seeds that way): the note then gives the share of zero latencies, not a count of wakeups
	 */
	public static JFreeChart latencyCdf(String title, List<String> names, List<long[]> latencies, boolean quantiles) {
		// latencies span orders of magnitude (an idle core picks a thread at once, a busy one after a slice of
		// ms): on a linear axis everything but the tail is squeezed against 0, so the axis is logarithmic, and
		// latencies of 0 (which it cannot show) are drawn at a floor a decade below the smallest other one
		long zeros = 0;
		long samples = 0;
		long minPositive = Long.MAX_VALUE;
		long max = 0;
		for (long[] line : latencies) {
			for (long l : line) {
				zeros += l == 0 ? 1 : 0;
				minPositive = l > 0 ? Math.min(minPositive, l) : minPositive;
				max = Math.max(max, l);
			}
			samples += line.length;
		}
		double floorUs = minPositive == Long.MAX_VALUE ? 1
				: Math.min(1, Math.pow(10, Math.floor(Math.log10(minPositive / 1000.0)) - 1));
		XYSeriesCollection data = new XYSeriesCollection();
		for (int i = 0; i < names.size(); i++) {
			XYSeries s = new XYSeries(names.get(i), true, true);
			long[] lat = latencies.get(i);
			int points = Math.min(lat.length, 1000);
			for (int k = 1; k <= points; k++) {
				int index = (int) ((long) k * lat.length / points) - 1;
				s.add(Math.max(floorUs, lat[index] / 1000.0), 100.0 * (index + 1) / lat.length);
			}
			data.addSeries(s);
		}
		LogAxis x = new LogAxis("wakeup latency (µs, log scale)");
		x.setBase(10);
		x.setSmallestValue(floorUs);
		x.setRange(floorUs, Math.max(10 * floorUs, 2 * max / 1000.0));
		// one tick per decade, written as plain numbers (0.01, 0.1, 1, 10, ...) rather than 10^-2.5
		x.setAutoTickUnitSelection(false);
		x.setTickUnit(new NumberTickUnit(1));
		x.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
		x.setMinorTickMarksVisible(true);
		NumberAxis y = new NumberAxis("wakeups (%)");
		y.setRange(0, 100);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		for (int i = 0; i < names.size(); i++) {
			renderer.setSeriesPaint(i, colour(i));
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		JFreeChart chart = chart(title, new XYPlot(data, x, y, renderer), true);
		String floor = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(floorUs);
		if (samples == 0) {
			chart.addSubtitle(note("no wakeups in these runs: every thread ran without sleeping"));
		} else if (zeros > 0 && quantiles) {
			chart.addSubtitle(note(String.format(Locale.ROOT, "%.1f %% of wakeups had 0 latency (ran at once): drawn at %s µs",
					100.0 * zeros / samples, floor)));
		} else if (zeros > 0) {
			chart.addSubtitle(note(String.format(Locale.ROOT, "%d of %d wakeups had 0 latency (ran at once): drawn at %s µs",
					zeros, samples, floor)));
		}
		return chart;
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

	/** A grey line of text under the title: what a chart shows when its data alone would mislead. */
	public static TextTitle note(String text) {
		TextTitle t = new TextTitle(text, new Font("SansSerif", Font.PLAIN, 12));
		t.setPaint(new Color(0x555555));
		return t;
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
