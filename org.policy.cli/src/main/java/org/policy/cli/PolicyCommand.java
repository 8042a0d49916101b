package org.policy.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code policy} command. Each subcommand is one class listed in {@code subcommands}; they
 * inherit {@code --help}, {@code --version} and the exit status list from here.
 */
@Command(name = "policy",
		scope = ScopeType.INHERIT,
		mixinStandardHelpOptions = true,
		versionProvider = VersionProvider.class,
		description = "Tools for scheduling policies written in the policy language.",
		subcommands = {
				CheckCommand.class,
				VerifyCommand.class,
				SimulateCommand.class,
				CompareCommand.class,
				SweepCommand.class,
				BenchCommand.class,
				GenerateCommand.class,
				LspCommand.class,
				HelpCommand.class })
public final class PolicyCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	/** {@code policy} alone names no command: a usage error. */
	@Override
	public Integer call() {
		throw new UsageError(spec.commandLine(), "missing command, e.g. 'policy check FILE...'");
	}

	public static void main(String[] args) {
		// Xtext's jar carries a log4j.properties that logs to stdout; LibraryLog configures log4j instead.
		System.setProperty("log4j.defaultInitOverride", "true");
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		// a thread other than main that fails (a library's worker) would print its stack trace: report it in
		// the same words instead, and end with the status of an internal error
		Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
			InternalErrorHandler.report(err, t, null);
			Runtime.getRuntime().halt(ExitStatus.INTERNAL);
		});
		System.exit(execute(out, err, args));
	}

	/**
	 * Runs {@code policy args...} writing to {@code out} and {@code err}, and returns the exit status.
	 * Never throws: whatever goes wrong becomes a message and a status.
	 */
	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		try {
			return execute(commandLine(out, err), args);
		} catch (Throwable t) {
			return InternalErrorHandler.report(err, t, null);
		} finally {
			out.flush();
			err.flush();
		}
	}

	/** Runs an already configured command line (see {@link #commandLine}); never throws. */
	public static int execute(CommandLine commandLine, String... args) {
		PrintWriter err = commandLine.getErr();
		try {
			LibraryLog log = LibraryLog.install(err, InternalErrorHandler.debug());
			int status = commandLine.execute(args);
			return log.report(err, status);
		} catch (Throwable t) {
			// an Error (OutOfMemoryError, StackOverflowError) passes through picocli's handlers: report it here,
			// with the files the command was given
			return InternalErrorHandler.report(err, t, commandLine.getParseResult());
		} finally {
			commandLine.getOut().flush();
			err.flush();
		}
	}

	/** Every command prints the one exit-status table ({@link ExitStatus}) in its {@code --help}. */
	private static void withExitStatusTable(CommandLine command) {
		command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n")
				.exitCodeList(ExitStatus.helpTable());
		command.getSubcommands().values().forEach(PolicyCommand::withExitStatusTable);
	}

	/** The {@code policy} command line with its error handling, writing to {@code out} and {@code err}. */
	public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(new PolicyCommand());
		for (ExtraCommand extra : ServiceLoader.load(ExtraCommand.class)) {
			commandLine.addSubcommand(extra);
		}
		withExitStatusTable(commandLine);
		return commandLine
				.setOut(out)
				.setErr(err)
				// a flag of one value given twice is a usage error, not "the last one wins" (picocli's default,
				// stated here because the contract depends on it); NAME=VALUE options: RepeatedSettings
				.setOverwrittenOptionsAllowed(false)
				.setExecutionStrategy(parsed -> {
					RepeatedSettings.check(parsed);
					return new CommandLine.RunLast().execute(parsed);
				})
				.setParameterExceptionHandler(new UsageErrorHandler())
				.setExecutionExceptionHandler(new InternalErrorHandler());
	}
}
