package org.policy.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.apache.log4j.WriterAppender;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * Keeps the libraries' logging off the user's terminal. Xtext logs through log4j 1.x, and its own
 * configuration would print INFO lines and stack traces to stdout. Here errors that the libraries
 * log (say, a check that threw, which Xtext logs and skips) are recorded instead, and the command
 * reports them as internal errors: its result is then incomplete. With {@code POLICY_DEBUG=1} the
 * log goes to stderr in full.
 */
final class LibraryLog extends AppenderSkeleton {

	private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

	private LibraryLog() {
	}

	/** Replaces whatever log4j configuration there is by this one. */
	static LibraryLog install(PrintWriter err, boolean debug) {
		LogManager.resetConfiguration();
		Logger root = LogManager.getRootLogger();
		LibraryLog log = new LibraryLog();
		if (debug) {
			root.setLevel(Level.INFO);
			root.addAppender(new WriterAppender(new PatternLayout("policy: log: %-5p %c - %m%n"), err));
		} else {
			root.setLevel(Level.ERROR);
			root.addAppender(log);
		}
		return log;
	}

	/** Prints the recorded errors as internal errors; returns the exit status that accounts for them. */
	int report(PrintWriter err, int status) {
		List<String> recorded;
		synchronized (errors) {
			recorded = List.copyOf(errors);
		}
		if (recorded.isEmpty()) {
			return status;
		}
		recorded.forEach(message -> InternalErrorHandler.reportMessage(err, message));
		err.flush();
		return Math.max(status, ExitStatus.INTERNAL);
	}

	@Override
	protected void append(LoggingEvent event) {
		if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			return;
		}
		String message = event.getRenderedMessage();
		ThrowableInformation thrown = event.getThrowableInformation();
		if (thrown != null && thrown.getThrowable() != null) {
			String cause = InternalErrorHandler.describe(thrown.getThrowable());
			message = message == null || message.isBlank() || message.equals(cause) ? cause : message + ": " + cause;
		}
		errors.add(message == null || message.isBlank() ? "an error was logged without a message" : message);
	}

	@Override
	public boolean requiresLayout() {
		return false;
	}

	@Override
	public void close() {
	}
}
