package org.policy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses a {@code NAME=VALUE} option that sets the same name twice ({@code -p slice=2ms -p slice=4ms}):
 * the option itself is meant to repeat, for different names, so picocli's "specified only once" rule
 * does not apply to it, and the commands would silently keep the last value. A flag of one value given
 * twice ({@code --cores 4 --cores 8}) picocli refuses itself: {@link PolicyCommand#commandLine} keeps its
 * overwritten-options rule off.
 */
final class RepeatedSettings {
	private RepeatedSettings() {
	}

	/** @throws ParameterException naming the option and the name given twice */
	static void check(ParseResult parsed) {
		for (ParseResult r = parsed; r != null; r = r.subcommand()) {
			for (OptionSpec option : r.matchedOptions()) {
				if (option.isMultiValue() && option.paramLabel().contains("=")) {
					check(r, option);
				}
			}
		}
	}

	private static void check(ParseResult r, OptionSpec option) {
		Map<String, String> seen = new LinkedHashMap<>();
		for (String value : option.originalStringValues()) {
			int eq = value.indexOf('=');
			if (eq <= 0) {
				continue; // not NAME=VALUE: the command reports that, in its own words
			}
			String name = value.substring(0, eq).trim();
			String before = seen.putIfAbsent(name, value);
			if (before != null) {
				throw new UsageError(r.commandSpec().commandLine(), option.longestName() + ": '" + name
						+ "' is given twice (" + before + ", then " + value + "); give each name once");
			}
		}
	}
}
