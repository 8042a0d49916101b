package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted by SIGTERM or SIGINT leaves the previous complete output, and no
 * {@code .out.partial-NNN} beside it. A real {@code bin/policy simulate} is started on a run far too long
 * to finish, and signalled once its temporary directory exists: no sleeps, so no race with the run.
 */
class SignalCleanupIT {

	private static final Path LAUNCHER = Path.of("../bin/policy").toAbsolutePath().normalize();
	private static final Path CFS = Path.of("../policies/cfs.policy").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void sigtermLeavesThePreviousOutputAndNoTemporary() throws Exception {
		assertEquals(143, interrupt("TERM"), "killed by SIGTERM: 128 + 15");
	}

	@Test
	void sigintLeavesThePreviousOutputAndNoTemporary() throws Exception {
		// a process started in the background by a non-interactive shell ignores SIGINT, and so do its
		// children: then there is no SIGINT to test (the JVM installs no handler for an ignored signal)
		assumeFalse(ignoresSigint(), "SIGINT is ignored in this test's process (started in the background)");
		assertEquals(130, interrupt("INT"), "killed by SIGINT: 128 + 2");
	}

	/** Runs a long simulation into an existing output, signals it mid-run; returns its exit status. */
	private int interrupt(String signal) throws Exception {
		Path out = Files.createDirectory(dir.resolve("out"));
		Files.writeString(out.resolve("metrics.json"), "previous");
		ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "simulate", CFS.toString(), "--cores", "64",
				"-d", "1000s", "--no-plots", "--out", out.toString())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(dir.resolve("stdout").toFile())
				.redirectError(dir.resolve("stderr").toFile());
		builder.environment().remove("POLICY_DEBUG");
		builder.environment().remove("POLICY_JAVA_OPTS");
		Process process = builder.start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (names(dir).stream().noneMatch(n -> n.startsWith(".out.partial-"))) {
				if (!process.isAlive()) {
					throw new AssertionError("ended before its run: " + read("stderr"));
				}
				assertTrue(System.nanoTime() < deadline, "no temporary output after 120 s");
				Thread.sleep(20);
			}
			// bin/policy execs java, so the launcher's pid is the JVM's
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
			assertEquals(0, kill.waitFor());
			assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIG" + signal);
		} finally {
			process.destroyForcibly();
		}
		assertEquals(List.of("out", "stderr", "stdout"), names(dir), "no .out.partial-NNN left");
		assertEquals(List.of("metrics.json"), names(out));
		assertEquals("previous", Files.readString(out.resolve("metrics.json")));
		assertEquals("", read("stdout"));
		Cli.assertNoStackTrace(read("stderr"));
		return process.exitValue();
	}

	private String read(String name) throws IOException {
		return Files.readString(dir.resolve(name));
	}

	/** Bit 1 of SigIgn in /proc/self/status is SIGINT (signal 2). */
	private static boolean ignoresSigint() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("SigIgn:")) {
				return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2) != 0;
			}
		}
		return false;
	}
}
