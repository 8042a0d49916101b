package org.policy.dsl.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/** Waiting for the workbench (on its UI thread, which the tests run in) and taking screenshots. */
final class Ui {
	private Ui() {
	}

	/** Runs the event loop until {@code condition} holds; fails after {@code seconds}. */
	static void waitUntil(String what, int seconds, BooleanSupplier condition) {
		Display display = Display.getCurrent();
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited " + seconds + " s for " + what);
			}
			if (!display.readAndDispatch()) {
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new AssertionError(e);
				}
			}
		}
	}

	/** Runs the event loop for a while (lets the workbench lay out and paint). */
	static void settle(int millis) {
		long end = System.nanoTime() + millis * 1_000_000L;
		waitUntil("the workbench to settle", millis / 1000 + 5, () -> System.nanoTime() > end);
	}

	/** Saves what the screen shows as a PNG. */
	static Path screenshot(String name) throws Exception {
		Display display = Display.getCurrent();
		Path dir = Path.of(System.getProperty("screenshots", "target/screenshots"));
		Files.createDirectories(dir);
		Path file = dir.resolve(name);
		Rectangle bounds = display.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, 0, 0);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			loader.save(file.toString(), SWT.IMAGE_PNG);
		} finally {
			gc.dispose();
			image.dispose();
		}
		return file;
	}
}
