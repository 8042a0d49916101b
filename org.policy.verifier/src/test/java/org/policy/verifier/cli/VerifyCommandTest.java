package org.policy.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.verifier.TestPolicies;
import picocli.CommandLine;

/** {@code policy verify}: output and exit status for each outcome and each kind of bad input. */
class VerifyCommandTest {
	record Run(int status, String out, String err) {
	}

	static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine cmd = new CommandLine(new VerifyCommand());
		cmd.setOut(new PrintWriter(out));
		cmd.setErr(new PrintWriter(err));
		int status = cmd.execute(args);
		return new Run(status, out.toString(), err.toString());
	}

	static Path policy(Path dir, String name) throws Exception {
		Path file = dir.resolve(name + ".policy");
		Files.writeString(file, TestPolicies.text(name));
		return file;
	}

	@Test
	void holdsPrintsTheSummaryAndExitsZero(@TempDir Path dir) throws Exception {
		Run r = run(policy(dir, "rr_steal").toString(), "--cores", "3", "--threads", "4", "--property", "cwc");
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().matches("(?s)holds for ≤ 3 cores, ≤ 4 threads: \\d+ states in \\d+\\.\\d s\n.*"), r.out());
		assertTrue(r.out().contains("concurrent work conservation"), r.out());
		assertEquals("", r.err(), "no progress output without a terminal");
	}

	@Test
	void counterexampleExitsOneAndWritesTheWorkload(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("cx.json");
		Run r = run(policy(dir, "locality").toString(), "--cores", "2", "--threads", "3", "--counterexample",
				file.toString());
		assertEquals(1, r.status());
		assertTrue(r.out().startsWith("locality: work conservation (WC) does not hold on 2 cores"), r.out());
		assertTrue(r.out().contains("violation: core 1 is idle while core 0 has 2 runnable threads, and the policy never"
				+ " balances periodically"), r.out());
		assertTrue(r.out().contains("counterexample written to " + file), r.out());
		assertTrue(Files.readString(file).contains("\"policy-verifier\""));
		Run again = run(policy(dir, "locality").toString(), "--cores", "2", "--threads", "3");
		assertEquals(r.out().replace("counterexample written to " + file + "\n", ""), again.out(), "deterministic");
	}

	@Test
	void usageErrorsExitTwoNamingTheFlag(@TempDir Path dir) throws Exception {
		String p = policy(dir, "rr_steal").toString();
		Run bad = run(p, "--property", "xyz");
		assertEquals(2, bad.status());
		assertTrue(bad.err().contains("--property: expected wc or cwc, not 'xyz'"), bad.err());
		Run param = run(p, "-P", "slices=2ms");
		assertEquals(2, param.status());
		assertTrue(param.err().contains("has no parameter 'slices'"), param.err());
		Run range = run(p, "-P", "slice=0ms");
		assertEquals(2, range.status());
		assertTrue(range.err().contains("outside its range"), range.err());
		Run cores = run(p, "--cores", "0");
		assertEquals(2, cores.status());
		assertTrue(cores.err().contains("--cores"), cores.err());
		Run step = run(p, "--time-step", "fast");
		assertEquals(2, step.status());
		assertTrue(step.err().contains("--time-step: 'fast' is not a duration"), step.err());
		// the output rule (AtomicOutput): missing parents are created, and removed again when nothing is written
		Run out = run(p, "--cores", "1", "--threads", "1", "--counterexample", dir.resolve("no/such/dir/cx.json").toString());
		assertEquals(0, out.status(), out.err());
		assertFalse(Files.exists(dir.resolve("no")), "it holds: no counterexample, no directory left");
		assertEquals(2, run().status(), "POLICY is required");
	}

	@Test
	void unusablePolicyFilesExitTwoWithFileLineColumn(@TempDir Path dir) throws Exception {
		Run missing = run(dir.resolve("none.policy").toString());
		assertEquals(2, missing.status());
		assertTrue(missing.err().contains("none.policy: no such file"), missing.err());
		Path broken = dir.resolve("broken.policy");
		Files.writeString(broken, "policy broken {\n  thread { int x = ; }\n}\n");
		Run syntax = run(broken.toString());
		assertEquals(2, syntax.status());
		assertTrue(syntax.err().contains(broken + ":2:20: error: no viable alternative at input ';'"), syntax.err());
		Path unknown = dir.resolve("unknown.policy");
		Files.writeString(unknown, TestPolicies.text("locality").replace("t => cpu(t).runq;", "t => nowhere(t).runq;"));
		Run link = run(unknown.toString());
		assertEquals(2, link.status());
		assertTrue(link.err().contains(unknown + ":"), link.err());
		assertFalse(link.err().contains("Exception"), link.err());
		assertFalse(Files.exists(dir.resolve("cx.json")));
	}

	/** As the policy command registers it: a parent with inherited help options. */
	@CommandLine.Command(name = "policy", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true,
			subcommands = VerifyCommand.class)
	static final class Parent {
	}

	@Test
	void worksAsASubcommandThatInheritsHelp(@TempDir Path dir) throws Exception {
		StringWriter out = new StringWriter();
		CommandLine cmd = new CommandLine(new Parent());
		cmd.setOut(new PrintWriter(out));
		assertEquals(0, cmd.execute("verify", "--help"));
		assertTrue(out.toString().contains("--counterexample=FILE"), out.toString());
		assertTrue(out.toString().contains("inconclusive: --max-states reached"), out.toString());
		assertEquals(1, cmd.execute("verify", policy(dir, "locality").toString(), "--cores", "2"));
	}

	@Test
	void stateLimitIsInconclusiveExitThree(@TempDir Path dir) throws Exception {
		Run r = run(policy(dir, "rr_steal").toString(), "--cores", "3", "--threads", "4", "--max-states", "20");
		assertEquals(3, r.status(), r.out());
		assertTrue(r.out().startsWith("inconclusive: --max-states 20 reached"), r.out());
	}
}
