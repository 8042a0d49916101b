package org.policy.cli;

import org.policy.dsl.Durations;
import picocli.CommandLine;

/**
 * The one way a command refuses a flag's value: {@code policy: --flag: what is wrong}, then where to get
 * help, exit status {@link ExitStatus#USAGE} ({@link UsageErrorHandler} prints it). Durations have one
 * syntax everywhere, {@link Durations#parse}: a number and a unit ({@code 250ms}); a bare number is
 * refused, since nanoseconds and milliseconds are both plausible readings of it.
 */
final class Flags {
	private Flags() {
	}

	/** The usage error for {@code flag}; {@code problem} says what is wrong with its value. */
	static UsageError error(CommandLine command, String flag, String problem) {
		return new UsageError(command, flag + ": " + problem);
	}

	/** {@code text} as nanoseconds. */
	static long duration(CommandLine command, String flag, String text) {
		try {
			return Durations.parse(text);
		} catch (IllegalArgumentException e) {
			throw error(command, flag, e.getMessage());
		}
	}

	/** {@code value}, if it is in [{@code min}, {@code max}]. */
	static long between(CommandLine command, String flag, long value, long min, long max) {
		if (value < min || value > max) {
			throw error(command, flag, "must be between " + min + " and " + max + ", not " + value);
		}
		return value;
	}
}
