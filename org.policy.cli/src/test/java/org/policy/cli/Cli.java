package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Runs {@code policy ...} in-process, as {@code main} would, and captures what it prints. */
final class Cli {

	record Result(int status, String out, String err) {
	}

	/** The end of every command's {@code --help}: the one exit-status table ({@link ExitStatus}). */
	static final String EXIT_STATUS_HELP = """

			Exit status:
			  0   success (verify: the property holds within the bounds)
			  1   a problem found: errors in a policy, workload or trace; a property that
			        does not hold; a policy fault; a run that broke a limit
			  2   usage error: bad option or value, missing or unusable file
			  3   internal error of the tool (a bug, or the JVM out of memory)
			  4   inconclusive: verify reached --max-states without an answer, had nothing
			        to check, or (--all-cores) could not prove it for every number of cores
			""";

	private Cli() {
	}

	static Result policy(String... args) {
		return policy(commandLine -> {
		}, args);
	}

	/** Like {@link #policy(String...)}, with a chance to change the command line first (e.g. add a subcommand). */
	static Result policy(Consumer<CommandLine> customize, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		PrintWriter outWriter = new PrintWriter(out);
		PrintWriter errWriter = new PrintWriter(err);
		CommandLine commandLine = PolicyCommand.commandLine(outWriter, errWriter);
		customize.accept(commandLine);
		// Again, so that subcommands added by customize write here too.
		commandLine.setOut(outWriter).setErr(errWriter).setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
		int status = PolicyCommand.execute(commandLine, args);
		Result result = new Result(status, out.toString(), err.toString());
		assertNoStackTrace(result.out());
		assertNoStackTrace(result.err());
		return result;
	}

	static void assertNoStackTrace(String output) {
		assertFalse(output.contains("Exception"), () -> "an exception reached the user:\n" + output);
		assertFalse(output.contains("\tat "), () -> "a stack trace reached the user:\n" + output);
	}
}
