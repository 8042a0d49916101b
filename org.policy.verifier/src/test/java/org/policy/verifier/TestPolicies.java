package org.policy.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;

/** The policies the tests verify: small ones in src/test/resources/policies, the library in ../policies. */
public final class TestPolicies {
	/** The policy library of the repository (tests run in the module folder; -Dpolicy.library=DIR overrides). */
	public static final Path LIBRARY = Path.of(System.getProperty("policy.library", "../policies"));

	private TestPolicies() {
	}

	/** The text of a test policy, by name (without .policy). */
	public static String text(String name) {
		try (var in = TestPolicies.class.getResourceAsStream("/policies/" + name + ".policy")) {
			if (in == null) {
				throw new IllegalArgumentException("no test policy " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static CompiledPolicy load(String name) {
		return parse(text(name), name + ".policy");
	}

	public static String libraryText(String name) {
		try {
			return Files.readString(LIBRARY.resolve(name + ".policy"));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static CompiledPolicy parse(String text, String name) {
		try {
			return new PolicyLoader().loadText(name, text).requireNoErrors().compile();
		} catch (InvalidPolicyException e) {
			throw new AssertionError(e.getMessage());
		}
	}

	/** Replaces {@code from} by {@code to} in {@code text}, failing if it does not occur exactly once. */
	public static String mutate(String text, String from, String to) {
		int at = text.indexOf(from);
		if (at < 0 || text.indexOf(from, at + 1) >= 0) {
			throw new AssertionError("mutation site must occur exactly once: " + from);
		}
		return text.replace(from, to);
	}
}
