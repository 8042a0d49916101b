package org.policy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulator's and the verifier's test policies and traces, which the command tests run through
 * {@code policy}: the build puts those modules' test resources under {@code /sim} and {@code /verifier}
 * (this module's pom, {@code testResources}), so that each file exists once.
 */
final class Fixtures {
	private Fixtures() {
	}

	/** A policy of the library (policies/ at the repository's root; the tests run in this module's folder). */
	static Path library(String name) {
		return Path.of("..", "policies", name + ".policy");
	}

	/** Copies the simulator's test policy {@code name} into {@code dir}. */
	static Path simPolicy(Path dir, String name) {
		return copy("/sim/policies/" + name + ".policy", dir.resolve(name + ".policy"));
	}

	/** Copies the verifier's test policy {@code name} into {@code dir}. */
	static Path verifierPolicy(Path dir, String name) {
		return copy("/verifier/policies/" + name + ".policy", dir.resolve(name + ".policy"));
	}

	/** The text of the verifier's test policy {@code name}. */
	static String verifierPolicyText(String name) {
		return new String(bytes("/verifier/policies/" + name + ".policy"), java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Copies the simulator's test trace {@code name} (e.g. fork-sleep.perf.txt) to {@code file}. */
	static Path simTrace(String name, Path file) {
		return copy("/sim/traces/" + name, file);
	}

	private static Path copy(String resource, Path file) {
		try {
			return Files.write(file, bytes(resource));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] bytes(String resource) {
		try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no test resource " + resource);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
