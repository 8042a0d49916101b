package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real heap exhaustion through bin/policy: what ran out and how to raise it, no output, no trace. */
class ResourceExhaustionIT {

	private static final Path LAUNCHER = Path.of("../bin/policy").toAbsolutePath().normalize();
	private static final Path CFS_CWC = Path.of("../policies/cfs_cwc.policy").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	@Test
	void aVerificationTooBigForTheHeapSaysToRaisePolicyJavaOpts() throws Exception {
		// 8 cores x 16 threads explores millions of states: far more than 40 MiB hold
		ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "verify", CFS_CWC.toString(), "--cores", "8",
				"--threads", "16", "--counterexample", dir.resolve("cx.json").toString())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(dir.resolve("stdout").toFile())
				.redirectError(dir.resolve("stderr").toFile());
		builder.environment().remove("POLICY_DEBUG");
		builder.environment().put("POLICY_JAVA_OPTS", "-Xmx40m");
		Process process = builder.start();
		assertTrue(process.waitFor(300, TimeUnit.SECONDS), "timed out");

		String err = Files.readString(dir.resolve("stderr"));
		assertEquals(3, process.exitValue(), err);
		assertTrue(err.matches("policy: out of memory: the Java heap \\(at most \\d+ MiB\\) is full on \\Q" + CFS_CWC
				+ "\\E\\. Give it more, e\\.g\\. POLICY_JAVA_OPTS=-Xmx1g, or ask for a smaller run \\(fewer cores, threads, "
				+ "states or a shorter duration\\)\n"), err);
		assertEquals("", Files.readString(dir.resolve("stdout")));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of("stderr", "stdout"), files.map(p -> p.getFileName().toString()).sorted().toList(),
					"no counterexample file, no temporary");
		}
	}
}
