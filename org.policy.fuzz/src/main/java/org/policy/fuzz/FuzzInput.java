package org.policy.fuzz;

import java.util.List;
import java.util.Map;

/**
 * One generated input: the files it consists of (name to content) and, for the command-line kinds, the
 * arguments, in which {@code {dir}} stands for the directory the files are written to.
 *
 * @param kind        what it is
 * @param description how it was made (generator and mutation), for reproducers
 * @param files       file name to content; bytes are written as the string's UTF-8 (or ISO-8859-1 for
 *                    {@link #binary} files, which carry raw bytes one per char)
 * @param args        command-line arguments (CLI, workload and trace kinds), else empty
 */
public record FuzzInput(Kind kind, String description, Map<String, String> files, List<String> args, boolean binary) {

	public static FuzzInput text(Kind kind, String description, String fileName, String content) {
		return new FuzzInput(kind, description, Map.of(fileName, content), List.of(), false);
	}

	/** The main file's content (the only file of the policy and LSP kinds). */
	public String content() {
		return files.values().iterator().next();
	}
}
