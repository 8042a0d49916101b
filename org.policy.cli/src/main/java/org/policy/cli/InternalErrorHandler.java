package org.policy.cli;

import java.io.PrintWriter;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.output.OutputException;
import org.policy.workload.WorkloadException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a command's failure becomes a message and an exit status; every command's
 * exceptions end here, through picocli or through {@link PolicyCommand#execute}:
 * <ul>
 * <li>a policy with errors ({@link InvalidPolicyException}, from {@link InputFiles#policy}): its errors as
 * {@code file:line:col: error: message} lines, exit status {@link ExitStatus#PROBLEM};</li>
 * <li>a workload or trace with errors ({@link WorkloadException}, from {@link RunOptions#loadWorkload}):
 * its {@code file:line:col: path: message} line, exit status {@link ExitStatus#PROBLEM};</li>
 * <li>an output path that cannot be written ({@link OutputException}): {@code policy: --out X: cannot
 * ...: reason}, exit status {@link ExitStatus#USAGE} (an unusable file, like a missing input);</li>
 * <li>the JVM out of memory or stack ({@link VirtualMachineError}): what ran out and how to raise it
 * ({@link ResourceExhaustion}), exit status {@link ExitStatus#INTERNAL};</li>
 * <li>anything else is a failure of the tool itself: {@code policy: internal error: <message>}, exit
 * status {@link ExitStatus#INTERNAL}.</li>
 * </ul>
 * Never a stack trace, unless the user asks for one with the environment variable
 * {@code POLICY_DEBUG=1} (or the system property {@code policy.debug=true}).
 */
final class InternalErrorHandler implements IExecutionExceptionHandler {

	@Override
	public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
		return report(command.getErr(), ex, parseResult);
	}

	/** Reports {@code t}; {@code parsed} (may be null) tells which files the command was given. */
	static int report(PrintWriter err, Throwable t, ParseResult parsed) {
		Throwable cause = unwrap(t);
		int status;
		if (cause instanceof InvalidPolicyException || cause instanceof WorkloadException) {
			err.println(cause.getMessage());
			status = ExitStatus.PROBLEM;
		} else if (cause instanceof OutputException) {
			err.println("policy: " + oneLine(cause.getMessage()));
			status = ExitStatus.USAGE;
		} else if (exhausted(cause) != null) {
			err.println("policy: " + ResourceExhaustion.describe(exhausted(cause), CommandInputs.of(parsed)));
			status = ExitStatus.INTERNAL;
		} else {
			reportMessage(err, describe(t));
			status = ExitStatus.INTERNAL;
		}
		if (debug()) {
			t.printStackTrace(err);
		}
		err.flush();
		return status;
	}

	/**
	 * The OutOfMemoryError or StackOverflowError behind {@code t}, or null: libraries wrap them (Xtext's
	 * parser throws a ParseException caused by a RuntimeException caused by the StackOverflowError).
	 */
	private static VirtualMachineError exhausted(Throwable t) {
		for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
			if (t instanceof VirtualMachineError vm) {
				return vm;
			}
		}
		return null;
	}

	private static Throwable unwrap(Throwable t) {
		while ((t instanceof CommandLine.ExecutionException || t instanceof java.lang.reflect.InvocationTargetException)
				&& t.getCause() != null) {
			t = t.getCause();
		}
		return t;
	}

	static void reportMessage(PrintWriter err, String message) {
		err.println("policy: internal error: " + oneLine(message));
	}

	/**
	 * The exception's own message (its first line: some libraries write pages), or its kind when it
	 * has none, and what caused it, if something else did; never a stack trace.
	 */
	static String describe(Throwable t) {
		t = unwrap(t);
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
		String line = message.strip().lines().findFirst().orElse("").strip();
		// "-1094967296" (a NegativeArraySizeException's message) says nothing without its kind
		return line.chars().anyMatch(Character::isLetter) ? line : t.getClass().getSimpleName() + ": " + line;
	}

	private static String oneLine(String message) {
		return message.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	static boolean debug() {
		String env = System.getenv("POLICY_DEBUG");
		return Boolean.getBoolean("policy.debug") || (env != null && !env.isEmpty() && !env.equals("0"));
	}
}
