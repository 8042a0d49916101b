package org.policy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.policy.dsl.load.InputFile;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import picocli.CommandLine;

/**
 * Checks the FILE arguments of a command before any work starts: each must be a readable regular
 * file named {@code *.policy}. Anything else is a usage error listing every bad argument. The commands that
 * run a policy (simulate, compare, verify, generate) load it with {@link #policy}.
 */
final class InputFiles {

	static final String EXTENSION = ".policy";

	private InputFiles() {
	}

	static List<PolicyFile> resolve(CommandLine command, List<String> names) {
		List<PolicyFile> files = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (String name : names) {
			String problem = problemWith(name);
			if (problem == null) {
				files.add(PolicyFile.of(name));
			} else {
				problems.add(name + ": " + problem);
			}
		}
		if (!problems.isEmpty()) {
			throw new UsageError(command, String.join("\n", problems));
		}
		return files;
	}

	/**
	 * The policy file {@code name}, loaded and refused by the one rule ({@link LoadedPolicy#requireNoErrors()}).
	 *
	 * @throws UsageError             if it cannot be read (missing, a directory, not {@code *.policy}, ...)
	 * @throws InvalidPolicyException if it has errors: the command's status is then {@link ExitStatus#PROBLEM}
	 */
	static LoadedPolicy policy(CommandLine command, Path name) throws InvalidPolicyException {
		PolicyFile file = resolve(command, List.of(name.toString())).get(0);
		try {
			return new PolicyLoader().load(file).requireNoErrors();
		} catch (PolicyLoadException e) {
			throw new UsageError(command, e.getMessage(), e);
		}
	}

	/** Why {@code name} cannot be read as a policy, or null if it can. */
	private static String problemWith(String name) {
		String problem = InputFile.problem(name);
		if (problem == null && !name.endsWith(EXTENSION)) {
			return "not a " + EXTENSION + " file";
		}
		return problem;
	}
}
