package org.policy.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.policy.verifier.VerifyOptions;
import org.policy.verifier.explore.Explorer;

/** One status line on stderr, rewritten in place, only when a terminal is attached; quiet otherwise. */
final class ConsoleProgress implements Explorer.Listener {
	private final PrintWriter err;
	private final long start = System.nanoTime();
	private boolean shown;

	private ConsoleProgress(PrintWriter err) {
		this.err = err;
	}

	static Explorer.Listener forTerminal(PrintWriter err) {
		return System.console() != null ? new ConsoleProgress(err) : VerifyOptions.QUIET;
	}

	/** Ends the status line, if one was shown. */
	static void finish(Explorer.Listener listener) {
		if (listener instanceof ConsoleProgress p && p.shown) {
			p.err.print("\r\033[K");
			p.err.flush();
		}
	}

	@Override
	public void progress(int cores, long states, int depth, long frontier) {
		double seconds = (System.nanoTime() - start) / 1e9;
		err.print(String.format(Locale.ROOT, "\r\033[Kverifying: %d cores, %,d states, depth %d, frontier %,d, %.1f s",
				cores, states, depth, frontier, seconds));
		err.flush();
		shown = true;
	}
}
