package org.policy.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a reader sees it: rendered by headless Chromium, every plot loads and the page shows
 * them. Skipped where Chromium is absent; CI installs it (.ci/install-tools).
 */
class SweepReportBrowserTest {
	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@TempDir
	Path tmp;

	@Test
	void everyPlotLoadsInABrowser() throws IOException, InterruptedException {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
		Path dir = Files.createDirectories(tmp.resolve("sweep"));
		List<RunRecord> runs = SweepChartsTest.runs();
		List<SweepCharts.Plot> plots = SweepCharts.write(dir, runs);
		SweepReport.write(dir, runs, plots);
		String report = Files.readString(dir.resolve("report.html"));

		// the page as it is plus a script that, once the page and every image have loaded, counts the images
		// decoded (non-zero natural width); the report itself has no script. Its DOM then holds one image per
		// plot, in order, each loaded.
		Path probe = dir.resolve("probe.html");
		Files.writeString(probe, report.replace("</body>", "<script>window.addEventListener('load', () => document.body"
				+ ".setAttribute('data-loaded', Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"
				+ " + '/' + document.images.length));</script>\n</body>"), StandardCharsets.UTF_8);
		String dom = chromium("--dump-dom", probe.toUri().toString());
		List<String> images = new ArrayList<>();
		Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(dom);
		while (m.find()) {
			images.add(m.group(1));
		}
		assertEquals(plots.stream().map(p -> p.name() + ".svg").toList(), images);
		assertTrue(dom.contains("data-loaded=\"" + plots.size() + "/" + plots.size() + "\""),
				() -> "not every image loaded: " + dom.substring(0, Math.min(300, dom.length())));

		// and drawn: the first plots' coloured lines and bands are on screen. The page's own text is black and grey,
		// its links pure blue (not counted); without the images, their alt texts and the broken-image icons give
		// about 3,500 coloured pixels (anti-aliasing); a real sweep's report about 78,000
		Path png = tmp.resolve("report.png");
		chromium("--window-size=1200,2400", "--screenshot=" + png, dir.resolve("report.html").toUri().toString());
		BufferedImage shot = ImageIO.read(png.toFile());
		int coloured = 0;
		for (int y = 0; y < shot.getHeight(); y++) {
			for (int x = 0; x < shot.getWidth(); x++) {
				int rgb = shot.getRGB(x, y);
				int r = rgb >> 16 & 0xFF;
				int g = rgb >> 8 & 0xFF;
				int b = rgb & 0xFF;
				boolean link = r < 60 && g < 60 && b > 180;
				coloured += !link && Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 20 ? 1 : 0;
			}
		}
		assertTrue(coloured > 20000, "the screenshot shows no plot (" + coloured + " coloured pixels)");
	}

	/** Runs headless Chromium with its own profile in the test's folder; its stdout. */
	private String chromium(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--disable-gpu", "--no-sandbox",
				"--hide-scrollbars", "--no-first-run", "--user-data-dir=" + tmp.resolve("profile")));
		command.addAll(List.of(args));
		Path out = tmp.resolve("chromium.out");
		Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(tmp.resolve("chromium.err").toFile())
				.start();
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("chromium did not finish within 60 s: " + command);
		}
		assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(tmp.resolve("chromium.err")));
		return Files.readString(out);
	}

	private static String readQuietly(Path p) {
		try {
			return Files.readString(p);
		} catch (IOException e) {
			return e.getMessage();
		}
	}
}
