package org.policy.generator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.dsl.output.OutputException;
import org.policy.generator.Generator;
import org.policy.generator.PolicyFiles;
import org.policy.generator.TestPolicies;
import picocli.CommandLine;

/** Exit statuses and output of {@code policy generate}. */
class GenerateCommandTest {
	private final StringWriter out = new StringWriter();
	private final StringWriter err = new StringWriter();

	private int run(String... args) {
		return new CommandLine(new GenerateCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
				.execute(args);
	}

	@Test
	void writesThePolicyTheRuntimeAndTheBuildFiles(@TempDir Path dir) {
		Path policy = TestPolicies.coverage().get(0);
		String name = policy.getFileName().toString().replace(".policy", "");
		assertEquals(0, run(policy.toString(), "--out", dir.resolve("out").toString()), err.toString());
		for (String f : new String[] { name + ".c", "Kbuild", "Makefile", "prt.h", "prt_threads.h", "prt_kernel.h", "prt_machine.c",
				"prt_kernel.c", "prt_monitor.c", "prt_scx.c", "bridge.bpf.c", "bridge.c" }) {
			assertTrue(Files.isRegularFile(dir.resolve("out").resolve(f)), f);
			assertTrue(out.toString().contains(dir.resolve("out").resolve(f).toString()), out.toString());
		}
	}

	@Test
	void aMissingPolicyIsAUsageError(@TempDir Path dir) {
		assertEquals(2, run(dir.resolve("nope.policy").toString(), "--out", dir.toString()));
		assertTrue(err.toString().contains("nope.policy: no such policy file"), err.toString());
	}

	@Test
	void withoutOutItIsAUsageError() {
		assertEquals(2, run(TestPolicies.coverage().get(0).toString()));
		assertTrue(err.toString().contains("--out"), err.toString());
	}

	@Test
	void aPolicyWithErrorsExitsOneAndWritesNothing(@TempDir Path dir) throws IOException {
		Path bad = dir.resolve("bad.policy");
		Files.writeString(bad, "policy bad { thread { int n = ; } }\n");
		assertEquals(1, run(bad.toString(), "--out", dir.resolve("out").toString()));
		assertTrue(err.toString().startsWith(bad + ":1:"), err.toString());
		assertFalse(Files.exists(dir.resolve("out")));
	}

	@Test
	void anOutputThatIsNotAFolderIsAnOutputExceptionNamingTheFlag(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("file");
		Files.writeString(file, "x");
		// the policy command's handler turns it into "policy: <message>", exit 2 (see org.policy.cli's tests)
		OutputException e = assertThrows(OutputException.class, () -> Generator.generate(
				PolicyFiles.load(TestPolicies.coverage().get(0)), "--out", file));
		assertEquals("--out " + file + ": exists and is not a directory", e.getMessage());
		assertEquals("x", Files.readString(file));
		try (var left = Files.list(dir)) {
			assertEquals(List.of(file), left.toList());
		}
	}
}
