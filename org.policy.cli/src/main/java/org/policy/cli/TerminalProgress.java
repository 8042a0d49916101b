package org.policy.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.policy.sim.engine.Simulator;

/**
 * A progress bar in simulated milliseconds, shown on stderr only when stderr is a terminal and the
 * run has already taken a second of wall time; quiet otherwise (pipes, CI, tests).
 */
final class TerminalProgress implements Simulator.ProgressListener, AutoCloseable {
	private final String label;
	private final boolean terminal;
	private final long startedAt = System.nanoTime();
	private ProgressBar bar;

	TerminalProgress(String label) {
		this.label = label;
		this.terminal = onTerminal();
	}

	/** Whether stderr is a terminal that can redraw a bar (not a pipe, CI or TERM=dumb). */
	static boolean onTerminal() {
		return System.console() != null && !"dumb".equals(System.getenv("TERM"));
	}

	@Override
	public void progress(long simulatedNs, long horizonNs, long events) {
		if (!terminal) {
			return;
		}
		if (bar == null) {
			if (System.nanoTime() - startedAt < 1_000_000_000L) {
				return;
			}
			bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(horizonNs / 1_000_000)
					.setUnit(" ms", 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build();
		}
		bar.stepTo(simulatedNs / 1_000_000);
	}

	@Override
	public void close() {
		if (bar != null) {
			bar.close();
		}
	}
}
