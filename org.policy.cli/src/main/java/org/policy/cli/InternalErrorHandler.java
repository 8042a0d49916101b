package org.policy.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failure of the tool itself as {@code policy: internal error: <message>} on stderr, exit
 * status {@link ExitStatus#INTERNAL}. Never a stack trace, unless the user asks for one with the
 * environment variable {@code POLICY_DEBUG=1} (or the system property {@code policy.debug=true}).
 */
final class InternalErrorHandler implements IExecutionExceptionHandler {

	@Override
	public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
		report(command.getErr(), ex);
		return ExitStatus.INTERNAL;
	}

	static void report(PrintWriter err, Throwable t) {
		reportMessage(err, describe(t));
		if (debug()) {
			t.printStackTrace(err);
		}
		err.flush();
	}

	static void reportMessage(PrintWriter err, String message) {
		err.println("policy: internal error: " + oneLine(message));
	}

	/**
	 * The exception's own message (its first line: some libraries write pages), or its kind when it
	 * has none, and what caused it, if something else did; never a stack trace.
	 */
	static String describe(Throwable t) {
		while ((t instanceof CommandLine.ExecutionException || t instanceof java.lang.reflect.InvocationTargetException)
				&& t.getCause() != null) {
			t = t.getCause();
		}
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String description = firstLine(t);
		return root == t ? description : description + " (caused by " + root.getClass().getSimpleName()
				+ (root.getMessage() == null || root.getMessage().isBlank() ? "" : ": " + firstLine(root)) + ")";
	}

	private static String firstLine(Throwable t) {
		String message = t.getMessage();
		if (message == null || message.isBlank()) {
			return t.getClass().getSimpleName();
		}
		return message.strip().lines().findFirst().orElse("").strip();
	}

	private static String oneLine(String message) {
		return message.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	static boolean debug() {
		String env = System.getenv("POLICY_DEBUG");
		return Boolean.getBoolean("policy.debug") || (env != null && !env.isEmpty() && !env.equals("0"));
	}
}
