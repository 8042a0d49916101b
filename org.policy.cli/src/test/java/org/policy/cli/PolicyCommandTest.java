package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.cli.Cli.policy;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.policy.cli.Cli.Result;
import picocli.CommandLine.Command;

class PolicyCommandTest {

	private static final String HELP = """
			Usage: policy [-hV] [COMMAND]
			Tools for scheduling policies written in the policy language.
			  -h, --help      Show this help message and exit.
			  -V, --version   Print version information and exit.
			Commands:
			  check           Check policy files: syntax, names, and the language's static
			                    checks.
			  verify          Check that a policy is work-conserving on every machine of 1
			                    to N cores with at most T live threads, by exhaustive
			                    exploration of the reference semantics.
			  simulate        Simulate a policy on a multicore workload and write metrics,
			                    plots and a report.
			  compare         Simulate several policies on the same workload and compare
			                    them side by side.
			  sweep           Run many simulations from one SPEC, in parallel and
			                    resumable: runs.csv and summary.csv (mean and 95% interval
			                    across seeds).
			  simulate-bench  Measure simulator speed: events/s and simulated seconds per
			                    wall second.
			  generate        Generate Linux kernel C for a policy: DIR/<policy>.c,
			                    kernel-runtime and a Kbuild/Makefile.
			  lsp             Run the policy language server on stdin/stdout (Language
			                    Server Protocol).
			  help            Display help information about the specified command.
			""" + Cli.EXIT_STATUS_HELP;

	@Test
	void versionIsTheProjectVersion() {
		String expected = System.getProperty("policy.expectedVersion");
		assertNotNull(expected, "surefire passes the project version");

		assertEquals(new Result(0, "policy " + expected + "\n", ""), policy("--version"));
		assertEquals(new Result(0, "policy " + expected + "\n", ""), policy("-V"));
	}

	@Test
	void helpListsTheCommands() {
		assertEquals(new Result(0, HELP, ""), policy("--help"));
		assertEquals(new Result(0, HELP, ""), policy("-h"));
		assertEquals(new Result(0, HELP, ""), policy("help"));
	}

	/** One table, in every command's help: none declares its own. */
	@Test
	void everyCommandsHelpEndsWithTheOneExitTable() {
		for (String command : List.of("check", "verify", "simulate", "compare", "sweep", "simulate-bench", "generate", "lsp")) {
			Result help = policy(command, "--help");
			assertEquals(0, help.status(), command + ": " + help.err());
			assertTrue(help.out().endsWith(Cli.EXIT_STATUS_HELP), command + ":\n" + help.out());
		}
	}

	@Test
	void noArgumentsIsAUsageError() {
		assertEquals(new Result(2, "", ""
				+ "policy: missing command, e.g. 'policy check FILE...'\n"
				+ "Try 'policy --help' for more information.\n"), policy());
	}

	@Test
	void anUnknownOptionIsAUsageError() {
		assertEquals(new Result(2, "", ""
				+ "policy: unknown option: '--frobnicate'\n"
				+ "Try 'policy --help' for more information.\n"), policy("--frobnicate"));
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		assertEquals(new Result(2, "", ""
				+ "policy: unknown command: 'frobnicate'\n"
				+ "Try 'policy --help' for more information.\n"), policy("frobnicate"));
	}

	@Command(name = "explode")
	static final class Explode implements Callable<Integer> {
		@Override
		public Integer call() {
			throw new IllegalStateException("boom");
		}
	}

	@Command(name = "overflow")
	static final class Overflow implements Callable<Integer> {
		@Override
		public Integer call() {
			throw new StackOverflowError();
		}
	}

	/** What Xtext does when a validator throws: it logs the exception and carries on. */
	@Command(name = "log-error")
	static final class LogError implements Callable<Integer> {
		@Override
		public Integer call() {
			Logger.getLogger("org.eclipse.xtext.validation.CompositeEValidator")
					.error("Error executing EValidator", new IllegalStateException("the check broke"));
			Logger.getLogger(LogError.class).info("not an error: not reported");
			return ExitStatus.OK;
		}
	}

	@Test
	void anExceptionInACommandIsAnInternalErrorWithoutStackTrace() {
		assertEquals(new Result(3, "", "policy: internal error: boom\n"),
				policy(cl -> cl.addSubcommand(new Explode()), "explode"));
	}

	@Test
	void anErrorInACommandIsAnInternalErrorWithoutStackTrace() {
		assertEquals(new Result(3, "", "policy: the Java stack overflowed; nest less deeply, or give the stack more "
				+ "room, e.g. POLICY_JAVA_OPTS=-Xss64m\n"),
				policy(cl -> cl.addSubcommand(new Overflow()), "overflow"));
	}

	@Test
	void anErrorLoggedByALibraryIsAnInternalError() {
		assertEquals(new Result(3, "", "policy: internal error: Error executing EValidator: the check broke\n"),
				policy(cl -> cl.addSubcommand(new LogError()), "log-error"));
	}
}
