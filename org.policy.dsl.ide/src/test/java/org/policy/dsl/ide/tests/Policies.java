package org.policy.dsl.ide.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared fixtures: the policy library and a small policy. */
final class Policies {
	private Policies() {
	}

	/**
	 * A small complete policy; tests cut pieces out of it. A file, because the Eclipse workbench test
	 * (org.policy.dsl.ui/tests) opens the same one in a real editor.
	 */
	static final String FIFO = resource("/fifo-per-core.policy");

	private static String resource(String name) {
		try (var in = Policies.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Path library() {
		return Path.of(System.getProperty("policy.library", "../policies"));
	}

	static List<Path> libraryPolicies() {
		try (Stream<Path> files = Files.list(library())) {
			return files.filter(p -> p.toString().endsWith(".policy")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static int offsetOf(String text, String marker) {
		int offset = text.indexOf(marker);
		if (offset < 0 || text.indexOf(marker, offset + 1) >= 0) {
			throw new IllegalArgumentException("marker must occur exactly once: " + marker);
		}
		return offset;
	}
}
