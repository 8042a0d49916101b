package org.policy.generator;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.policy.Policy;

/**
 * Loads a policy file through the language's {@link PolicyLoader} (the one every tool uses). A policy
 * with errors is refused with every error as {@code file:line:col: error: message}: the generator only
 * ever sees checked models.
 */
public final class PolicyFiles {

	private PolicyFiles() {
	}

	/**
	 * @throws GeneratorException listing the errors, or saying why the file cannot be read
	 */
	public static Policy load(Path file) {
		LoadedPolicy loaded;
		try {
			loaded = new PolicyLoader().load(new PolicyFile(file.toString(), file));
		} catch (PolicyLoadException e) {
			throw new GeneratorException(e.getMessage());
		}
		if (loaded.hasErrors()) {
			throw new GeneratorException(loaded.diagnostics().stream().filter(Diagnostic::isError)
					.map(Diagnostic::format).collect(Collectors.joining("\n")));
		}
		return loaded.policy().orElseThrow(() -> new GeneratorException(file + ": not a policy"));
	}
}
