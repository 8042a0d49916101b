package org.policy.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.policy.Policy;

/** The policies the tests run on: the library (policies/*.policy) and the construct-coverage ones. */
public final class TestPolicies {
	private TestPolicies() {
	}

	/** The library, from the policies.dir system property (set by the build to ../policies). */
	public static List<Path> library() {
		String dir = System.getProperty("policies.dir", "../policies");
		return list(Path.of(dir));
	}

	/** Small policies in the test resources that together use every construct of the language. */
	public static List<Path> coverage() {
		try {
			return list(Path.of(TestPolicies.class.getResource("/policies").toURI()));
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The checked model of a policy file; a policy with errors fails the test. */
	public static Policy model(Path file) {
		try {
			return new PolicyLoader().load(PolicyFile.of(file.toString())).requireNoErrors().model();
		} catch (PolicyLoadException | InvalidPolicyException e) {
			throw new AssertionError(e.getMessage(), e);
		}
	}

	public static List<Path> all() {
		List<Path> all = new ArrayList<>(library());
		all.addAll(coverage());
		return all;
	}

	private static List<Path> list(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(p -> p.toString().endsWith(".policy")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
