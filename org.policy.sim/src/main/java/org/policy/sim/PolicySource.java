package org.policy.sim;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.sim.io.UnreadableInputException;

/**
 * A policy file (or text) as the simulator needs it: loaded and checked by the language's
 * {@link PolicyLoader} (the one every tool uses), then compiled. The simulator only ever runs a
 * policy without errors; errors come back as {@code file:line:col: error: message} lines.
 */
public final class PolicySource {

	/** A policy has errors; the message lists them, one per line. */
	public static final class PolicyException extends Exception {
		private static final long serialVersionUID = 1L;

		public PolicyException(String message) {
			super(message);
		}
	}

	private PolicySource() {
	}

	/**
	 * @throws UnreadableInputException when the file does not exist or cannot be read
	 * @throws PolicyException          when it has errors
	 */
	public static CompiledPolicy load(Path file) throws PolicyException, UnreadableInputException {
		String problem = org.policy.sim.io.InputPath.problem(file.toString());
		if (problem != null) {
			throw new UnreadableInputException(file + ": " + problem);
		}
		try {
			return compiled(new PolicyLoader().load(new PolicyFile(file.toString(), file)));
		} catch (PolicyLoadException e) {
			throw new UnreadableInputException(e.getMessage());
		}
	}

	/** Compiles policy text; {@code name} labels it in messages. */
	public static CompiledPolicy compile(String name, String text) throws PolicyException {
		return compiled(new PolicyLoader().loadText(name.endsWith(".policy") ? name : name + ".policy", text));
	}

	private static CompiledPolicy compiled(LoadedPolicy loaded) throws PolicyException {
		if (loaded.hasErrors()) {
			throw new PolicyException(loaded.diagnostics().stream().filter(Diagnostic::isError)
					.map(Diagnostic::format).collect(Collectors.joining("\n")));
		}
		// after the diagnostics: text refused before parsing (too deep, not UTF-8) has those and no model
		if (loaded.policy().isEmpty()) {
			throw new PolicyException(loaded.name() + ": not a policy");
		}
		return loaded.compile();
	}
}
