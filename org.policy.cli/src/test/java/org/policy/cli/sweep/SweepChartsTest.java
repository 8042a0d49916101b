package org.policy.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's plots through their datasets: which lines, which points, which bands; and which files. */
class SweepChartsTest {
	@TempDir
	Path tmp;

	/**
	 * Policy p with a slice grid of 1ms and 4ms, policy q without a grid; 2 and 4 cores; 3 seeds. p's
	 * migrations are 10·slice index + cores + seed, q's 0; p's latencies are seed ns (seed 0, 1, 2), q's (seed + 1) µs.
	 */
	static List<RunRecord> runs() {
		List<RunRecord> runs = new ArrayList<>();
		for (String policy : List.of("p", "q")) {
			for (String slice : policy.equals("p") ? List.of("1ms", "4ms") : List.of("")) {
				for (int cores : List.of(2, 4)) {
					for (int seed = 0; seed < 3; seed++) {
						Map<String, Number> m = new LinkedHashMap<>();
						RunRecord.METRICS.forEach(name -> m.put(name, 0L));
						m.put("migrations", policy.equals("p") ? 10L * (slice.equals("1ms") ? 0 : 1) + cores + seed : 0L);
						m.put("wakeup_latency_p99_ns", -1L);
						m.put("utilisation_mean", policy.equals("p") ? 0.5 + 0.1 * seed + 0.01 * cores : 0.9);
						long[] latencies = new long[RunRecord.QUANTILES];
						java.util.Arrays.fill(latencies, policy.equals("p") ? seed : 1000 * (seed + 1));
						runs.add(new RunRecord(policy + slice + cores + seed, policy, policy + ".policy",
								slice.isEmpty() ? Map.of() : Map.of("slice", slice), "mixed", cores, "flat", seed, seed, m, latencies));
					}
				}
			}
		}
		return runs;
	}

	@Test
	void aRunKeepsItsLatenciesAtEvenlySpacedQuantiles() {
		long[] q = RunRecord.quantiles(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
		assertEquals(RunRecord.QUANTILES, q.length);
		// quantile k/1000 is the ⌈k·10/1000⌉-th smallest: 1 up to k = 100, then 2 from k = 101, ..., 10 at k = 1000
		assertEquals(List.of(1L, 1L, 2L, 5L, 10L), List.of(q[0], q[99], q[100], q[499], q[999]));
		assertEquals(0, RunRecord.quantiles(new long[0]).length);
	}

	@Test
	void aParameterWithTwoValuesOrMoreGetsPlots() {
		assertEquals(Map.of("slice", List.of("1ms", "4ms")), SweepCharts.gridParameters(runs()));
		List<RunRecord> oneValue = runs().stream().filter(r -> !"4ms".equals(r.params().get("slice"))).toList();
		assertEquals(Map.of(), SweepCharts.gridParameters(oneValue));
	}

	@Test
	void aMetricAgainstAParameterHasOneLinePerPolicyAndCoreCount() {
		List<RunRecord> p = runs().stream().filter(r -> r.policy().equals("p")).toList();
		JFreeChart chart = SweepCharts.parameterChart("migrations", "t", p, "slice", List.of("1ms", "4ms"));
		XYPlot plot = chart.getXYPlot();
		assertArrayEquals(new String[] { "1ms", "4ms" }, ((SymbolAxis) plot.getDomainAxis()).getSymbols());
		YIntervalSeriesCollection data = (YIntervalSeriesCollection) plot.getDataset();
		assertEquals(List.of("p, 2 cores", "p, 4 cores"), keys(data));
		// p, 4 cores at slice 4ms: migrations 14, 15, 16: mean 15, sd 1, half width t(0.975, 2) / sqrt(3) = 2.484138
		assertEquals(2, data.getItemCount(1));
		assertEquals(1.0, data.getXValue(1, 1));
		assertEquals(15.0, data.getYValue(1, 1), 1e-9);
		assertEquals(15 - 2.484138, data.getStartYValue(1, 1), 1e-6);
		assertEquals(15 + 2.484138, data.getEndYValue(1, 1), 1e-6);
		assertEquals(0.0, data.getXValue(0, 0));
		assertEquals(3.0, data.getYValue(0, 0), 1e-9);
	}

	@Test
	void aMetricAgainstCoresHasOneLinePerPolicyAndGridValue() {
		YIntervalSeriesCollection data = (YIntervalSeriesCollection) SweepCharts.coresChart("migrations", "t", runs()).getXYPlot()
				.getDataset();
		assertEquals(List.of("p slice=1ms", "p slice=4ms", "q"), keys(data));
		assertEquals(List.of(2.0, 4.0), List.of(data.getXValue(2, 0), data.getXValue(2, 1)));
	}

	@Test
	void anAllZeroOrEmptyMetricSaysSo() {
		List<RunRecord> q = runs().stream().filter(r -> r.policy().equals("q")).toList();
		JFreeChart zero = SweepCharts.coresChart("migrations", "t", q);
		assertEquals(0.0, zero.getXYPlot().getRangeAxis().getLowerBound());
		assertEquals(1.0, zero.getXYPlot().getRangeAxis().getUpperBound());
		assertEquals("migrations is 0 in every run", ((TextTitle) zero.getSubtitle(1)).getText());
		// -1 is "no sample": no point, and a note that says so rather than that the metric is 0
		JFreeChart none = SweepCharts.coresChart("wakeup_latency_p99_ns", "t", q);
		assertEquals(0, ((XYDataset) none.getXYPlot().getDataset()).getItemCount(0));
		assertEquals("wakeup_latency_p99_ns has no sample in these runs (-1 in runs.csv: docs/metrics.md)",
				((TextTitle) none.getSubtitle(1)).getText());
	}

	@Test
	void theLatencyCdfPoolsTheSeedsOfEachPolicyOnALogAxis() {
		List<RunRecord> twoCores = runs().stream().filter(r -> r.cores() == 2).toList();
		JFreeChart chart = SweepCharts.latencyCdf("t", twoCores);
		XYPlot plot = chart.getXYPlot();
		assertTrue(plot.getDomainAxis() instanceof LogAxis);
		XYDataset data = plot.getDataset();
		assertEquals(List.of("p slice=1ms", "p slice=4ms", "q"), keys(data));
		// q: seeds at 1, 2 and 3 µs, each a third of the wakeups
		int n = data.getItemCount(2);
		assertEquals(1.0, data.getXValue(2, 0));
		assertEquals(100.0 / 3, data.getYValue(2, n / 3 - 1), 0.2);
		assertEquals(2.0, data.getXValue(2, n / 3 + 1));
		assertEquals(3.0, data.getXValue(2, n - 1));
		assertEquals(100.0, data.getYValue(2, n - 1), 1e-9);
	}

	@Test
	void everyPlotIsWrittenAsPngAndSvg() throws IOException {
		List<String> names = SweepCharts.write(tmp, runs()).stream().map(SweepCharts.Plot::name).toList();
		List<String> expected = new ArrayList<>();
		SweepCharts.PLOTTED.forEach(m -> expected.add("plot-w1-t1-" + m));
		SweepCharts.PLOTTED.forEach(m -> expected.add("plot-w1-t1-param-slice-" + m));
		expected.add("plot-w1-t1-c2-latency-cdf");
		expected.add("plot-w1-t1-c4-latency-cdf");
		assertEquals(expected, names);
		for (String name : names) {
			assertTrue(Files.size(tmp.resolve(name + ".png")) > 1000, name);
			assertTrue(Files.readString(tmp.resolve(name + ".svg")).startsWith("<?xml"), name);
		}
	}

	private static List<String> keys(XYDataset data) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < data.getSeriesCount(); i++) {
			keys.add(data.getSeriesKey(i).toString());
		}
		return keys;
	}
}
