package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.cli.TestPolicies.CLEAN;
import static org.policy.cli.TestPolicies.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/policy and the AppCDS archive `mvn package` builds (target/policy.jsa, pom.xml): the launcher uses
 * it, and starts quietly without it when it is missing, damaged, or made for another jar. Each damaged
 * case runs a copy of the launcher in a copy of the repository's layout, never the build's own files.
 */
class CdsArchiveIT {
	private static final Path JAR = Path.of(System.getProperty("policy.jar", "target/policy.jar")).toAbsolutePath();
	private static final Path JSA = JAR.resolveSibling("policy.jsa");
	private static final Path LAUNCHER = Path.of("../bin/policy").toAbsolutePath().normalize();
	private static final String VERSION = "policy " + System.getProperty("policy.expectedVersion") + "\n";

	@TempDir
	Path dir;

	record Result(int status, String out, String err) {
	}

	private Result run(Path launcher, String javaOpts, String... args) throws Exception {
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
		command.addAll(Arrays.asList(args));
		ProcessBuilder b = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		b.environment().remove("POLICY_DEBUG");
		b.environment().put("POLICY_JAVA_OPTS", javaOpts);
		b.directory(dir.toFile());
		Process p = b.start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
		return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
	}

	/** A copy of the repository's layout (bin/policy, the jar, docs/) holding ARCHIVE and CKSUM as the archive. */
	private Path layout(byte[] archive, byte[] cksum) throws Exception {
		Path repo = dir.resolve("repo" + System.nanoTime());
		Path launcher = Files.copy(LAUNCHER, Files.createDirectories(repo.resolve("bin")).resolve("policy"));
		Path target = Files.createDirectories(repo.resolve("org.policy.cli/target"));
		Files.copy(JAR, target.resolve("policy.jar"));
		if (archive != null) {
			Files.write(target.resolve("policy.jsa"), archive);
		}
		if (cksum != null) {
			Files.write(target.resolve("policy.jsa.cksum"), cksum);
		}
		return launcher;
	}

	private void worksQuietly(Path launcher) throws Exception {
		assertEquals(new Result(0, VERSION, ""), run(launcher, "", "--version"));
		Path clean = write(dir, "clean.policy", CLEAN);
		assertEquals(new Result(0, "", ""), run(launcher, "", "check", clean.toString()));
	}

	@Test
	void thePackagedArchiveIsUsed() throws Exception {
		assertTrue(Files.isRegularFile(JSA), "mvn package builds " + JSA);
		Path log = dir.resolve("classes.log");
		Result r = run(LAUNCHER, "-Xlog:class+load=info:file=" + log, "--version");
		assertEquals(new Result(0, VERSION, ""), r);
		// the command's own classes come from the archive on top of the JDK's, not from the jar
		String loaded = Files.readString(log);
		assertTrue(loaded.contains("org.policy.cli.PolicyCommand source: shared objects file (top)"),
				loaded.lines().filter(l -> l.contains("org.policy.cli.PolicyCommand")).findFirst().orElse("not loaded"));
	}

	@Test
	void aMissingArchiveIsNoProblem() throws Exception {
		worksQuietly(layout(null, null));
	}

	@Test
	void anArchiveOfAnotherJarIsRefusedQuietly() throws Exception {
		// the real archive and its record, next to a copy of the jar: another path and mtime than it was built for
		Path launcher = layout(Files.readAllBytes(JSA), Files.readAllBytes(JSA.resolveSibling("policy.jsa.cksum")));
		Files.setLastModifiedTime(launcher.getParent().getParent().resolve("org.policy.cli/target/policy.jar"),
				FileTime.fromMillis(System.currentTimeMillis() + 60_000));
		worksQuietly(launcher);
	}

	@Test
	void aTruncatedArchiveIsNotGivenToTheJvm() throws Exception {
		// the JVM maps a truncated archive and dies of SIGBUS (JDK 17.0.15): the launcher's cksum check keeps it out
		byte[] full = Files.readAllBytes(JSA);
		worksQuietly(layout(Arrays.copyOf(full, full.length / 2), Files.readAllBytes(JSA.resolveSibling("policy.jsa.cksum"))));
	}

	@Test
	void aCorruptArchiveIsNotGivenToTheJvm() throws Exception {
		byte[] bytes = Files.readAllBytes(JSA);
		for (int i = bytes.length / 4; i < bytes.length / 4 + 4096; i++) {
			bytes[i] ^= 0x5A;
		}
		worksQuietly(layout(bytes, Files.readAllBytes(JSA.resolveSibling("policy.jsa.cksum"))));
		// garbage with no record at all
		worksQuietly(layout("not an archive".getBytes(), null));
	}
}
