package org.policy.fuzz.targets;

import java.util.ArrayList;
import java.util.List;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * The exceptions the libraries caught and logged while one input ran. Xtext catches what a validation
 * phase throws, logs it at ERROR and carries on with fewer diagnostics; the command then ends as an
 * internal error (the CLI's library log), so for the oracle it is the input's own exception. Without
 * this the in-process policy target would see a clean, shorter diagnostic list and no crash.
 */
final class LoggedErrors extends AppenderSkeleton {
	private final List<Throwable> thrown = new ArrayList<>();

	/** Records from now on what log4j's root logger gets at ERROR and above, in this JVM. */
	static LoggedErrors attach() {
		LoggedErrors errors = new LoggedErrors();
		errors.setThreshold(Level.ERROR);
		Logger.getRootLogger().addAppender(errors);
		return errors;
	}

	/** The first exception logged since the last call, or null; forgets the rest. */
	synchronized Throwable take() {
		Throwable first = thrown.isEmpty() ? null : thrown.get(0);
		thrown.clear();
		return first;
	}

	@Override
	protected synchronized void append(LoggingEvent event) {
		ThrowableInformation info = event.getThrowableInformation();
		Throwable t = info == null ? null : info.getThrowable();
		thrown.add(t != null ? t : new IllegalStateException("logged: " + event.getRenderedMessage()));
	}

	@Override
	public boolean requiresLayout() {
		return false;
	}

	@Override
	public void close() {
	}
}
