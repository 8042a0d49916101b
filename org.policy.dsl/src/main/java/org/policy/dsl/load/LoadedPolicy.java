package org.policy.dsl.load;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.resource.Resource;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;

/**
 * A policy file after loading and validation: its EMF resource and every diagnostic the language
 * reported for it (syntax, linking and validation), sorted by position.
 *
 * @param name        the name diagnostics use for the file (as the user typed it)
 * @param resource    the loaded EMF resource
 * @param diagnostics what the language reported, in {@link Diagnostic#ORDER}
 * @param compiled    the policy compiled by the loader's size check (which compiles every policy without
 *                    errors), so that the tools that run it do not compile it again; null otherwise
 */
public record LoadedPolicy(String name, Resource resource, List<Diagnostic> diagnostics, CompiledPolicy compiled) {

	public LoadedPolicy {
		diagnostics = List.copyOf(diagnostics);
	}

	/** A loaded policy that was not compiled (it has errors). */
	public LoadedPolicy(String name, Resource resource, List<Diagnostic> diagnostics) {
		this(name, resource, diagnostics, null);
	}

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(Diagnostic::isError);
	}

	/**
	 * The policy's model root. Present whenever the parser recovered a {@code policy} at all, even
	 * with errors: callers that need a correct model check {@link #hasErrors()} first.
	 */
	public Optional<Policy> policy() {
		return resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Policy root)
				? Optional.empty()
				: Optional.of(root);
	}

	/**
	 * This policy, if it can be used: the one rule by which every tool (simulate, verify, generate, the
	 * fuzzer and the tests) refuses a policy. Then {@link #model()} and {@link #compile()} can be called.
	 *
	 * @throws InvalidPolicyException listing every error, or {@code NAME:1:1: error: not a policy} when the
	 *                                text has no errors the parser could name but no policy either
	 */
	public LoadedPolicy requireNoErrors() throws InvalidPolicyException {
		if (hasErrors()) {
			throw new InvalidPolicyException(diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::format)
					.collect(Collectors.joining("\n")));
		}
		// after the diagnostics: text refused before parsing (too deep, not UTF-8) has those and no model
		if (policy().isEmpty()) {
			throw new InvalidPolicyException(name + ":1:1: error: not a policy");
		}
		return this;
	}

	/** The checked model. Only for a policy without errors: call {@link #requireNoErrors()} first. */
	public Policy model() {
		if (hasErrors()) {
			throw new IllegalStateException(name + " has errors; call requireNoErrors() first");
		}
		return policy().orElseThrow(() -> new IllegalStateException(name + " is not a policy"));
	}

	/** The policy ready to run. Only for a policy without errors: call {@link #requireNoErrors()} first. */
	public CompiledPolicy compile() {
		if (hasErrors()) {
			throw new IllegalStateException(name + " has errors; call requireNoErrors() first");
		}
		return compiled != null ? compiled : CompiledPolicy.of(model());
	}
}
