package org.policy.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel hosts' table of threads ({@code include/prt_threads.h}, shipped with every module) in
 * userspace: kernel-runtime's {@code user/prt_threads_test.c} drives it with seeded random adds and
 * removes and compares it with a plain model after each; here it runs under the address and
 * undefined-behaviour sanitizers.
 */
class ThreadsTableTest {
	private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		// bounds and use-after-free checks; no leak check (LeakSanitizer needs ptrace, which containers may refuse)
		pb.environment().put("ASAN_OPTIONS", "detect_leaks=0");
		Process p = pb.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish in 120 s:\n" + out);
		}
		return "status " + p.exitValue() + "\n" + out;
	}

	private static boolean gccAvailable() {
		try {
			return run(Path.of("."), List.of("gcc", "--version")).startsWith("status 0\n");
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(ints = { 1, 2, 3 })
	void theTableAgreesWithAPlainModel(int seed, @TempDir Path dir) throws IOException, InterruptedException {
		assumeTrue(gccAvailable(), "gcc is not installed: the table's C cannot be compiled");
		for (String f : List.of("include/prt.h", "include/prt_host.h", "include/prt_threads.h", "include/prt_bitmap.h",
				"user/prt_user.h", "user/prt_threads_test.c")) {
			Files.writeString(dir.resolve(f.substring(f.indexOf('/') + 1)), Generator.runtimeFile(f));
		}
		String build = run(dir, List.of("gcc", "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Wno-unused-parameter",
				"-Werror", "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-I.", "-o", "threads_test",
				"prt_threads_test.c"));
		assertEquals("status 0\n", build, "gcc failed");
		assertEquals("status 0\nok 220000\n", run(dir, List.of("./threads_test", Integer.toString(seed))));
	}
}
