package org.policy.verifier;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;

/**
 * Reads a policy file through the language's {@link PolicyLoader} (the one every tool uses) and
 * compiles it for the interpreter, refusing a file with errors of any kind (syntax, names, the static
 * checks): {@code file:line:col: error: message} for each. The verifier only explores checked policies.
 */
public final class PolicySource {

	private PolicySource() {
	}

	/** A policy file could not be used; the message lists every problem, one per line. */
	public static final class LoadException extends Exception {
		private static final long serialVersionUID = 1L;

		public LoadException(String message) {
			super(message);
		}
	}

	public static CompiledPolicy load(Path file) throws LoadException {
		try {
			return compiled(new PolicyLoader().load(new PolicyFile(file.toString(), file)));
		} catch (PolicyLoadException e) {
			throw new LoadException(e.getMessage());
		}
	}

	/** Parses policy text; {@code name} is used in messages. */
	public static CompiledPolicy parse(String text, String name) throws LoadException {
		return compiled(new PolicyLoader().loadText(name, text));
	}

	private static CompiledPolicy compiled(LoadedPolicy loaded) throws LoadException {
		if (loaded.hasErrors()) {
			throw new LoadException(loaded.diagnostics().stream().filter(Diagnostic::isError)
					.map(Diagnostic::format).collect(Collectors.joining("\n")));
		}
		// after the diagnostics: text refused before parsing (too deep, not UTF-8) has those and no model
		if (loaded.policy().isEmpty()) {
			throw new LoadException(loaded.name() + ":1:1: error: not a policy");
		}
		return loaded.compile();
	}
}
