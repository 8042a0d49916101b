package org.policy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.policy.dsl.load.InputFile;
import org.policy.dsl.load.PolicyFile;
import picocli.CommandLine;

/**
 * Checks the FILE arguments of a command before any work starts: each must be a readable regular
 * file named {@code *.policy}. Anything else is a usage error listing every bad argument.
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

	/** Why {@code name} cannot be read as a policy, or null if it can. */
	private static String problemWith(String name) {
		String problem = InputFile.problem(name);
		if (problem == null && !name.endsWith(EXTENSION)) {
			return "not a " + EXTENSION + " file";
		}
		return problem;
	}
}
