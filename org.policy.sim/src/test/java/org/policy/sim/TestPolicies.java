package org.policy.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.sim.workload.RtAppFlattener;
import org.policy.sim.workload.Workload;
import org.policy.workload.WorkloadException;

/** Test fixture: the small policies of src/test/resources/policies, compiled once each. */
public final class TestPolicies {
	private static final Map<String, CompiledPolicy> CACHE = new HashMap<>();

	private TestPolicies() {
	}

	public static synchronized CompiledPolicy get(String name) {
		return CACHE.computeIfAbsent(name, n -> {
			try (InputStream in = TestPolicies.class.getResourceAsStream("/policies/" + n + ".policy")) {
				if (in == null) {
					throw new IllegalArgumentException("no test policy " + n);
				}
				return new PolicyLoader().loadText(n + ".policy", new String(in.readAllBytes(), StandardCharsets.UTF_8))
						.requireNoErrors().compile();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (InvalidPolicyException e) {
				throw new AssertionError(e.getMessage(), e);
			}
		});
	}

	/** A policy of the library (the repository's policies/ folder), compiled once. */
	public static synchronized CompiledPolicy library(String name) {
		return CACHE.computeIfAbsent("library:" + name, n -> {
			try {
				String text = java.nio.file.Files.readString(java.nio.file.Path.of("../policies", name + ".policy"));
				return new PolicyLoader().loadText(name + ".policy", text).requireNoErrors().compile();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (InvalidPolicyException e) {
				throw new AssertionError(e.getMessage(), e);
			}
		});
	}

	/** An rt-app workload from text (single quotes stand for double quotes, for readability). */
	public static Workload rtapp(String json) {
		try {
			return RtAppFlattener.read("test.json", new StringReader(json.replace('\'', '"')));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (WorkloadException e) {
			throw new AssertionError(e.getMessage(), e);
		}
	}
}
