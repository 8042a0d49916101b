package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.policy.cli.Cli.policy;
import static org.policy.cli.TestPolicies.CLEAN;
import static org.policy.cli.TestPolicies.MISSING_BRACE;
import static org.policy.cli.TestPolicies.UNKNOWN_QUEUE;
import static org.policy.cli.TestPolicies.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.Cli.Result;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.Severity;

class CheckCommandTest {

	@TempDir
	Path dir;

	@Test
	void aCleanPolicyPrintsNothingAndExitsZero() {
		Path file = write(dir, "tiny.policy", CLEAN);

		assertEquals(new Result(0, "", ""), policy("check", file.toString()));
	}

	@Test
	void aMissingBraceIsAnErrorAtItsLineAndColumn() {
		Path file = write(dir, "brace.policy", MISSING_BRACE);

		assertEquals(new Result(1, file + ":10:2: error: missing '}' at 'on'\n", ""),
				policy("check", file.toString()));
	}

	@Test
	void anUnknownNameIsAnError() {
		Path file = write(dir, "name.policy", UNKNOWN_QUEUE);

		assertEquals(new Result(1, file + ":6:24: error: unknown core attribute or queue 'redy'\n", ""),
				policy("check", file.toString()));
	}

	@Test
	void anEmptyFileIsAnError() {
		Path file = write(dir, "empty.policy", "");

		assertEquals(new Result(1, file + ":1:1: error: mismatched input '<EOF>' expecting 'policy'\n", ""),
				policy("check", file.toString()));
	}

	@Test
	void severalFilesAreReportedSortedByFileThenPosition() {
		Path clean = write(dir, "a_clean.policy", CLEAN);
		Path brace = write(dir, "b_brace.policy", MISSING_BRACE);
		Path twoErrors = write(dir, "c_two.policy",
				UNKNOWN_QUEUE.replace("on yield(t) { t => self.ready; }", "on yield(t) { t => self.rdy; }"));

		Result result = policy("check", twoErrors.toString(), clean.toString(), brace.toString());

		assertEquals(new Result(1, ""
				+ brace + ":10:2: error: missing '}' at 'on'\n"
				+ twoErrors + ":6:24: error: unknown core attribute or queue 'redy'\n"
				+ twoErrors + ":8:26: error: unknown core attribute or queue 'rdy'\n", ""), result);
	}

	@Test
	void severalCleanFilesExitZero() {
		Path one = write(dir, "one.policy", CLEAN);
		Path two = write(dir, "two.policy", CLEAN);

		assertEquals(new Result(0, "", ""), policy("check", one.toString(), two.toString()));
	}

	@Test
	void theFileIsNamedAsTheUserTypedIt() {
		write(dir, "sub/name.policy", UNKNOWN_QUEUE);
		String typed = dir + "/sub/../sub/./name.policy";

		assertEquals(new Result(1, typed + ":6:24: error: unknown core attribute or queue 'redy'\n", ""),
				policy("check", typed));
	}

	@Test
	void aFileGivenTwiceIsReportedOnce() {
		Path file = write(dir, "brace.policy", MISSING_BRACE);
		String otherSpelling = dir + "/./brace.policy";

		assertEquals(new Result(1, file + ":10:2: error: missing '}' at 'on'\n", ""),
				policy("check", file.toString(), otherSpelling));
	}

	@Test
	void aMissingFileIsAUsageError() {
		Path clean = write(dir, "tiny.policy", CLEAN);
		Path missing = dir.resolve("missing.policy");

		assertEquals(new Result(2, "", ""
				+ "policy: " + missing + ": no such file\n"
				+ "Try 'policy check --help' for more information.\n"),
				policy("check", clean.toString(), missing.toString()));
	}

	@Test
	void everyUnusableFileIsReported() throws IOException {
		Path directory = Files.createDirectory(dir.resolve("dir.policy"));
		Path text = write(dir, "notes.txt", CLEAN);
		Path missing = dir.resolve("missing.policy");

		assertEquals(new Result(2, "", ""
				+ "policy: " + directory + ": is a directory\n"
				+ "policy: " + text + ": not a .policy file\n"
				+ "policy: " + missing + ": no such file\n"
				+ "Try 'policy check --help' for more information.\n"),
				policy("check", directory.toString(), text.toString(), missing.toString()));
	}

	@Test
	void anUnreadableFileIsAUsageError() throws IOException {
		Path file = write(dir, "secret.policy", CLEAN);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
		assumeFalse(Files.isReadable(file), "root reads every file");

		assertEquals(new Result(2, "", ""
				+ "policy: " + file + ": permission denied\n"
				+ "Try 'policy check --help' for more information.\n"),
				policy("check", file.toString()));
	}

	@Test
	void noFilesIsAUsageError() {
		assertEquals(new Result(2, "", ""
				+ "policy: missing required parameter: 'FILE'\n"
				+ "Try 'policy check --help' for more information.\n"),
				policy("check"));
	}

	@Test
	void anUnknownOptionIsAUsageError() {
		Path file = write(dir, "tiny.policy", CLEAN);

		assertEquals(new Result(2, "", ""
				+ "policy: unknown option: '--frobnicate'\n"
				+ "Try 'policy check --help' for more information.\n"),
				policy("check", "--frobnicate", file.toString()));
	}

	@Test
	void werrorAcceptsACleanFile() {
		Path file = write(dir, "tiny.policy", CLEAN);

		assertEquals(new Result(0, "", ""), policy("check", "--werror", file.toString()));
	}

	@Test
	void warningsFailOnlyWithWerror() {
		List<Diagnostic> warning = List.of(new Diagnostic("a.policy", 1, 1, Severity.WARNING, "w"));
		List<Diagnostic> info = List.of(new Diagnostic("a.policy", 1, 1, Severity.INFO, "i"));
		List<Diagnostic> error = List.of(new Diagnostic("a.policy", 1, 1, Severity.ERROR, "e"));

		assertEquals(ExitStatus.OK, CheckCommand.status(List.of(), false));
		assertEquals(ExitStatus.OK, CheckCommand.status(warning, false));
		assertEquals(ExitStatus.PROBLEM, CheckCommand.status(warning, true));
		assertEquals(ExitStatus.OK, CheckCommand.status(info, true));
		assertEquals(ExitStatus.PROBLEM, CheckCommand.status(error, false));
	}

	@Test
	void helpDescribesTheCommand() {
		Result result = policy("check", "--help");

		assertEquals(0, result.status());
		assertEquals("", result.err());
		assertEquals("""
				Usage: policy check [-hV] [--werror] FILE...
				Check policy files: syntax, names, and the language's static checks.
				Prints each issue as 'file:line:col: severity: message' on stdout, sorted by
				file name, then position. Prints nothing when there is nothing to report.
				      FILE...     Policy files (*.policy) to check.
				  -h, --help      Show this help message and exit.
				  -V, --version   Print version information and exit.
				      --werror    Treat warnings as errors: exit 1 when any file has a warning.
				""" + Cli.EXIT_STATUS_HELP, result.out());
	}
}
