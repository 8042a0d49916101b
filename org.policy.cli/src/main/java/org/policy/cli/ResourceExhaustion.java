package org.policy.cli;

import java.util.List;
import java.util.Locale;

/**
 * What to tell the user when the JVM runs out of a resource: what ran out, for which input, and how to
 * raise it. bin/policy passes POLICY_JAVA_OPTS to the JVM, so that is the knob to name. "Java heap
 * space" alone says neither.
 */
final class ResourceExhaustion {
	private ResourceExhaustion() {
	}

	/** The message for {@code error}; {@code inputs} are the files the command was given (may be empty). */
	static String describe(VirtualMachineError error, List<String> inputs) {
		String on = inputs.isEmpty() ? "" : " on " + String.join(", ", inputs);
		if (error instanceof StackOverflowError) {
			// the input is the likely cause (a construct nested thousands deep), but which one is not known here
			return (inputs.isEmpty() ? "" : String.join(", ", inputs) + ": too deeply nested to process: ")
					+ "the Java stack overflowed; nest less deeply, or give the stack more room, e.g. "
					+ "POLICY_JAVA_OPTS=-Xss64m";
		}
		if (error instanceof OutOfMemoryError) {
			String message = error.getMessage() == null ? "" : error.getMessage();
			if (message.contains("Metaspace")) {
				return "out of memory: the JVM's class space (Metaspace) is full" + on
						+ ". Raise it, e.g. POLICY_JAVA_OPTS=-XX:MaxMetaspaceSize=1g";
			}
			if (message.contains("Direct buffer")) {
				return "out of memory: the JVM's direct buffer memory is full" + on
						+ ". Raise it, e.g. POLICY_JAVA_OPTS=-XX:MaxDirectMemorySize=1g";
			}
			if (message.contains("native thread")) {
				return "out of memory: the system refused the JVM another thread" + on + " (" + message
						+ "); check the process and memory limits (ulimit -u, the container's memory)";
			}
			long max = Runtime.getRuntime().maxMemory();
			return "out of memory: the Java heap" + (max == Long.MAX_VALUE ? "" : " (at most " + mebibytes(max) + ")")
					+ " is full" + on + ". Give it more, e.g. POLICY_JAVA_OPTS=-Xmx" + suggestion(max)
					+ ", or ask for a smaller run (fewer cores, threads, states or a shorter duration)";
		}
		return "the JVM failed" + on + ": " + (error.getMessage() == null ? error.getClass().getSimpleName()
				: error.getMessage());
	}

	private static String mebibytes(long bytes) {
		return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
	}

	/** Twice the current maximum, in whole gibibytes: a step that is worth trying. */
	static String suggestion(long max) {
		if (max == Long.MAX_VALUE) {
			return "8g";
		}
		long gib = Math.max(1, (2 * max + (1L << 30) - 1) >> 30);
		return gib + "g";
	}
}
