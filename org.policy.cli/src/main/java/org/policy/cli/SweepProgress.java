package org.policy.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a whole sweep in runs: one progress bar (runs done, ETA) when stderr is a terminal, as
 * {@link TerminalProgress} shows one run; otherwise a plain line at most every 10 seconds and one at the
 * end, which logs of CI and batch jobs keep readable. Called from the worker threads.
 */
final class SweepProgress implements AutoCloseable {
	private static final long LINE_EVERY_NS = 10_000_000_000L;
	private final PrintWriter err;
	private final int total;
	private final int before;
	private final long start = System.nanoTime();
	private final ProgressBar bar;
	private int done;
	private long lastLine = System.nanoTime();

	SweepProgress(PrintWriter err, String label, int total, int before) {
		this.err = err;
		this.total = total;
		this.before = before;
		this.done = before;
		this.bar = TerminalProgress.onTerminal() && total > before
				? new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setUnit(" runs", 1)
						.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).startsFrom(before, java.time.Duration.ZERO)
						.build()
				: null;
	}

	synchronized void runDone() {
		done++;
		if (bar != null) {
			bar.stepTo(done);
			return;
		}
		long now = System.nanoTime();
		if (now - lastLine >= LINE_EVERY_NS && done < total) {
			lastLine = now;
			double elapsed = (now - start) / 1e9;
			double eta = elapsed / (done - before) * (total - done);
			err.println(String.format(Locale.ROOT, "sweep: %d/%d runs, %.0f s elapsed, ETA %.0f s", done, total, elapsed, eta));
			err.flush();
		}
	}

	@Override
	public synchronized void close() {
		if (bar != null) {
			bar.close();
		}
	}
}
