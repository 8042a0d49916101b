package org.policy.dsl.ide.server;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;
import org.apache.log4j.Layout;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.apache.log4j.WriterAppender;
import org.apache.log4j.spi.LoggingEvent;

/**
 * Points both logging systems of the server's libraries at the log stream, one line per event: Xtext logs
 * through log4j 1.x, lsp4j through java.util.logging, and both print whole stack traces by default (a
 * StackOverflowError in a check was 225 KB of them). With {@code --trace} the traces are kept, for debugging.
 */
final class OneLineLogging {
	private OneLineLogging() {
	}

	static void install(PrintStream log, boolean traces) {
		LogManager.resetConfiguration();
		Logger root = LogManager.getRootLogger();
		root.setLevel(Level.WARN);
		Layout layout = traces ? new PatternLayout("policy-lsp: %-5p %c{1} - %m%n") : new OneLineLayout();
		root.addAppender(new WriterAppender(layout, log));

		java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
		for (Handler handler : jul.getHandlers()) {
			jul.removeHandler(handler);
		}
		jul.setLevel(java.util.logging.Level.WARNING);
		StreamHandler handler = new StreamHandler(log, new OneLineFormatter(traces)) {
			@Override
			public synchronized void publish(LogRecord record) {
				super.publish(record);
				flush();
			}
		};
		handler.setLevel(java.util.logging.Level.WARNING);
		jul.addHandler(handler);
	}

	/** log4j: the message and, instead of the trace, the innermost cause. */
	private static final class OneLineLayout extends PatternLayout {
		OneLineLayout() {
			super("policy-lsp: %-5p %c{1} - %m");
		}

		@Override
		public String format(LoggingEvent event) {
			String line = super.format(event).strip().replaceAll("\\s*\\R\\s*", " ");
			Throwable thrown = event.getThrowableInformation() == null ? null
					: event.getThrowableInformation().getThrowable();
			return (thrown == null ? line : line + " (" + ServerLog.summary(thrown) + ")") + System.lineSeparator();
		}

		@Override
		public boolean ignoresThrowable() {
			return false; // this layout has handled it: the appender must not print the trace
		}
	}

	/** java.util.logging: one line per record, like the log4j layout. */
	private static final class OneLineFormatter extends Formatter {
		private final boolean traces;

		OneLineFormatter(boolean traces) {
			this.traces = traces;
		}

		@Override
		public String format(LogRecord record) {
			String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
			String name = logger.substring(logger.lastIndexOf('.') + 1);
			String message = ErrorResponses.oneLine(formatMessage(record));
			StringBuilder line = new StringBuilder("policy-lsp: ").append(record.getLevel()).append(' ').append(name)
					.append(" - ").append(message);
			Throwable thrown = record.getThrown();
			if (thrown != null) {
				line.append(" (").append(ServerLog.summary(thrown)).append(')');
			}
			line.append(System.lineSeparator());
			if (traces && thrown != null) {
				java.io.StringWriter trace = new java.io.StringWriter();
				thrown.printStackTrace(new java.io.PrintWriter(trace));
				line.append(trace);
			}
			return line.toString();
		}
	}
}
