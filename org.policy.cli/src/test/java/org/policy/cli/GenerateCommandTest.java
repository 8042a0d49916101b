package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses and output of {@code policy generate}. */
class GenerateCommandTest {
	private String out = "";
	private String err = "";

	private int run(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "generate";
		System.arraycopy(args, 0, all, 1, args.length);
		Cli.Result r = Cli.policy(all);
		out = r.out();
		err = r.err();
		return r.status();
	}

	@Test
	void writesThePolicyTheRuntimeAndTheBuildFiles(@TempDir Path dir) {
		Path policy = Fixtures.library("fifo");
		String name = policy.getFileName().toString().replace(".policy", "");
		assertEquals(0, run(policy.toString(), "--out", dir.resolve("out").toString()), err);
		for (String f : new String[] { name + ".c", "Kbuild", "Makefile", "prt.h", "prt_threads.h", "prt_kernel.h", "prt_machine.c",
				"prt_kernel.c", "prt_monitor.c", "prt_scx.c", "bridge.bpf.c", "bridge.c" }) {
			assertTrue(Files.isRegularFile(dir.resolve("out").resolve(f)), f);
			assertTrue(out.contains(dir.resolve("out").resolve(f).toString()), out);
		}
	}

	@Test
	void aMissingPolicyIsAUsageError(@TempDir Path dir) {
		assertEquals(2, run(dir.resolve("nope.policy").toString(), "--out", dir.toString()));
		assertTrue(err.contains("nope.policy: no such file"), err);
	}

	@Test
	void withoutOutItIsAUsageError() {
		assertEquals(2, run(Fixtures.library("fifo").toString()));
		assertTrue(err.contains("--out"), err);
	}

	@Test
	void aPolicyWithErrorsExitsOneAndWritesNothing(@TempDir Path dir) throws IOException {
		Path bad = dir.resolve("bad.policy");
		Files.writeString(bad, "policy bad { thread { int n = ; } }\n");
		assertEquals(1, run(bad.toString(), "--out", dir.resolve("out").toString()));
		assertTrue(err.startsWith(bad + ":1:"), err);
		assertFalse(Files.exists(dir.resolve("out")));
	}
}
