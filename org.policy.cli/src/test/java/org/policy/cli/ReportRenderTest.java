package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html renders in headless Chromium with its SVG charts. Needs the Debian package
 * {@code chromium}; without it the test is skipped and says so.
 */
class ReportRenderTest {
	@TempDir
	Path tmp;

	static String chromium() {
		for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
			if (new File(c).canExecute()) {
				return c;
			}
		}
		return null;
	}

	@Test
	void theReportRendersWithItsChartsInHeadlessChromium() throws Exception {
		String chromium = chromium();
		assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium): report rendering not tested");
		Path out = tmp.resolve("run");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "cfs_cwc").toString(), "--duration", "100ms",
				"--cores", "4", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		Path shot = tmp.resolve("shot.png");
		Path profile = Files.createTempDirectory(tmp, "profile");
		Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1100,2000", "--screenshot=" + shot,
				out.resolve("report.html").toUri().toString()).redirectErrorStream(true)
				.redirectOutput(tmp.resolve("chromium.log").toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
		assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.log")));
		BufferedImage img = ImageIO.read(shot.toFile());
		assertEquals(1100, img.getWidth());
		// the charts are drawn: many distinct colours far down the page, where only the SVG figures are
		java.util.Set<Integer> colours = new java.util.HashSet<>();
		for (int y = 700; y < 1900; y += 3) {
			for (int x = 0; x < img.getWidth(); x += 3) {
				colours.add(img.getRGB(x, y));
			}
		}
		assertTrue(colours.size() > 50, "only " + colours.size() + " colours: the SVG charts did not render");
	}
}
