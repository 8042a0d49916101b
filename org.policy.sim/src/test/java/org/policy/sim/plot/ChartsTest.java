package org.policy.sim.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.Simulation;
import org.policy.sim.TestPolicies;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.Simulator;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.Workloads;

/** The charts' structure (what a reader gets), not their pixels; and that equal runs give equal files. */
class ChartsTest {
	static final long MS = 1_000_000;

	@TempDir
	Path tmp;

	@AfterEach
	void clearHome() {
		System.clearProperty(Report.HOME_PROPERTY);
	}

	static Simulation.Outcome run(String policy, String workload, int cores, long horizonMs) throws Exception {
		return Simulation.run(new Simulation.Request(TestPolicies.library(policy), policy + ".policy", Map.of(),
				Workloads.load(workload), SimOptions.of(Topology.flat(cores), horizonMs * MS, 1), "flat"),
				Simulator.ProgressListener.NONE);
	}

	static List<String> subtitles(JFreeChart chart) {
		return ((List<?>) chart.getSubtitles()).stream().filter(TextTitle.class::isInstance)
				.map(t -> ((TextTitle) t).getText()).toList();
	}

	@Test
	void sixteenCoresGiveOneMeanLineWithAMinMaxBandNotSixteenLines() throws Exception {
		SimResult r = run("cfs_cwc", "mixed", 16, 200).result();
		XYPlot plot = Charts.utilisation(r).getXYPlot();
		YIntervalSeriesCollection band = assertInstanceOf(YIntervalSeriesCollection.class, plot.getDataset());
		assertEquals(1, band.getSeriesCount());
		assertInstanceOf(DeviationRenderer.class, plot.getRenderer());
		// the band is the least and the most busy core of each bucket, around their mean
		for (int b = 0; b < band.getItemCount(0); b++) {
			double min = 100;
			double max = 0;
			for (int c = 0; c < 16; c++) {
				long width = Math.min(r.bucketNs(), r.endNs() - b * r.bucketNs());
				double u = 100.0 * r.busyBuckets()[c][b] / width;
				min = Math.min(min, u);
				max = Math.max(max, u);
			}
			assertEquals(min, band.getStartYValue(0, b), 1e-9);
			assertEquals(max, band.getEndYValue(0, b), 1e-9);
			assertTrue(band.getYValue(0, b) >= min - 1e-9 && band.getYValue(0, b) <= max + 1e-9);
		}
	}

	@Test
	void fewCoresKeepOneLinePerCore() throws Exception {
		XYPlot plot = Charts.utilisation(run("cfs_cwc", "mixed", Charts.UTILISATION_LINES_MAX_CORES, 100).result())
				.getXYPlot();
		XYSeriesCollection lines = assertInstanceOf(XYSeriesCollection.class, plot.getDataset());
		assertEquals(Charts.UTILISATION_LINES_MAX_CORES, lines.getSeriesCount());
		assertEquals("core 0", lines.getSeriesKey(0));
	}

	@Test
	void heatMapAndGanttTicksNameCoresAtTheirRowsCentres() throws Exception {
		SimResult r = run("cfs_cwc", "mixed", 8, 100).result();
		for (JFreeChart chart : List.of(Charts.heatMap(r), Charts.gantt(r))) {
			NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
			assertEquals(-0.5, y.getLowerBound());
			assertEquals(7.5, y.getUpperBound());
			assertEquals(1.0, y.getTickUnit().getSize());
			assertEquals("core 5", y.getTickUnit().valueToString(5));
		}
		// with 64 cores every 4th core is named: about 16 labels
		assertEquals(4.0, Charts.coreAxis(64).getTickUnit().getSize());
	}

	@Test
	void latencyCdfsHaveALogTimeAxis() throws Exception {
		SimResult r = run("cfs_cwc", "io-bound", 4, 200).result();
		assertTrue(r.wakeupLatencies().length > 0);
		JFreeChart chart = Charts.latencyCdf(List.of("a"), List.of(r));
		LogAxis x = assertInstanceOf(LogAxis.class, chart.getXYPlot().getDomainAxis());
		assertTrue(x.getUpperBound() >= r.wakeupLatencies()[r.wakeupLatencies().length - 1] / 1000.0);
	}

	@Test
	void anAllZeroMetricGetsAReadableAxisAndANote() {
		JFreeChart chart = Charts.bars("Wasted-core time (% of run)", List.of("a", "b"), new double[] { 0, 0 });
		NumberAxis y = (NumberAxis) ((CategoryPlot) chart.getPlot()).getRangeAxis();
		assertEquals(0.0, y.getLowerBound());
		assertEquals(1.0, y.getUpperBound());
		assertEquals(List.of("0 for every policy"), subtitles(chart));
		// a metric that is not all zero has no such note
		assertEquals(List.of(), subtitles(Charts.bars("x", List.of("a", "b"), new double[] { 0, 2 })));
	}

	@Test
	void noWakeupsAtAllIsSaidOnTheCdf() throws Exception {
		SimResult r = run("cfs_cwc", "cpu-bound", 2, 50).result();
		assertEquals(0, r.wakeupLatencies().length);
		assertTrue(subtitles(Charts.latencyCdf(List.of("a"), List.of(r))).get(0).startsWith("no wakeups"));
	}

	@Test
	void theGanttSvgNamesTheThreadOfEveryBarOnHover() throws Exception {
		SimResult r = run("cfs_cwc", "mixed", 4, 100).result();
		Charts.save(tmp, "gantt", Charts.gantt(r));
		String svg = Files.readString(tmp.resolve("gantt.svg"));
		Set<Integer> titled = new TreeSet<>();
		Matcher m = Pattern.compile("<title>thread (\\d+) \\(([^)]*)\\) on core (\\d+), ").matcher(svg);
		while (m.find()) {
			int t = Integer.parseInt(m.group(1));
			titled.add(t);
			assertEquals(r.threads().get(t).task(), m.group(2));
		}
		Set<Integer> ran = new TreeSet<>();
		for (int k = 0; k < r.schedule().size(); k++) {
			ran.add(r.schedule().thread()[k]);
		}
		assertFalse(ran.isEmpty());
		assertEquals(ran, titled);
		// the PNG stays as before: hints are for SVG only
		assertTrue(Files.size(tmp.resolve("gantt.png")) > 0);
	}

	@Test
	void reportLinksTheDocsItMentionsToFilesThatExist() throws Exception {
		System.setProperty(Report.HOME_PROPERTY, Path.of("..").toAbsolutePath().normalize().toString());
		Simulation.write(tmp.resolve("run"), run("cfs_cwc", "mixed", 2, 50), true, false);
		String html = Files.readString(tmp.resolve("run/report.html"));
		Matcher m = Pattern.compile("<a href=\"(file:[^\"]*/docs/([a-z]+\\.md))\">docs/\\2</a>").matcher(html);
		Set<String> linked = new TreeSet<>();
		while (m.find()) {
			assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(m.group(1)))), m.group(1));
			linked.add(m.group(2));
		}
		assertEquals(Set.of("metrics.md", "simulator.md"), linked);
		// every docs/ name the page mentions is one of the links
		Matcher mention = Pattern.compile("docs/[a-z]+\\.md").matcher(html.replaceAll("<a href=\"[^\"]*\">", ""));
		while (mention.find()) {
			assertTrue(linked.contains(mention.group().substring(5)), mention.group());
		}
	}

	@Test
	void equalRunsGiveByteIdenticalPngAndSvg() throws Exception {
		for (String dir : List.of("a", "b")) {
			Path d = Files.createDirectories(tmp.resolve(dir));
			Simulation.Outcome o = run("cfs_cwc", "mixed", 16, 100);
			Charts.writeRunCharts(d, o.result());
			Charts.writeComparisonCharts(d, List.of("x"), List.of(o.result()), List.of(o.summary()));
		}
		try (var files = Files.list(tmp.resolve("a"))) {
			List<Path> all = files.sorted().toList();
			assertEquals(18, all.size()); // 3 run charts and 6 comparison charts, PNG and SVG
			for (Path f : all) {
				assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("b").resolve(f.getFileName())),
						f.getFileName().toString());
			}
		}
	}
}
