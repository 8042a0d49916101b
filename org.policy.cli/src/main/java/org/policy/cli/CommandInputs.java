package org.policy.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The input files a command line names: its positional arguments (policies) and the values of options
 * that take a file ({@code --workload FILE|NAME}, {@code --trace FILE}), as typed. A last-resort message
 * (the stack overflowed) names them, since it cannot know which construct of which file was the cause.
 */
final class CommandInputs {
	private CommandInputs() {
	}

	static List<String> of(ParseResult parsed) {
		List<String> inputs = new ArrayList<>();
		for (ParseResult r = parsed; r != null; r = r.subcommand()) {
			for (PositionalParamSpec p : r.matchedPositionals()) {
				inputs.addAll(p.originalStringValues());
			}
			for (OptionSpec o : r.matchedOptions()) {
				if (o.paramLabel().contains("FILE") && !isOutput(o)) {
					inputs.addAll(o.originalStringValues());
				}
			}
		}
		return inputs;
	}

	private static boolean isOutput(OptionSpec o) {
		return List.of(o.names()).contains("--counterexample");
	}
}
