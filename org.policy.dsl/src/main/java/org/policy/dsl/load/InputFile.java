package org.policy.dsl.load;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Whether a file named on the command line (a policy, a workload, a trace) can be opened as input, asked
 * before it is opened, so that every way of being unusable (an empty or invalid name, missing, a
 * directory, a device or pipe, no read permission) gets one wording in every command instead of an I/O
 * exception's bare text. The commands put the flag and the path before it.
 */
public final class InputFile {
	private InputFile() {
	}

	/** Why {@code name} cannot be read as an input file, or null if it can. */
	public static String problem(String name) {
		if (name.isEmpty()) {
			return "empty file name";
		}
		Path path;
		try {
			path = Path.of(name);
		} catch (InvalidPathException e) {
			return "invalid file name";
		}
		if (!Files.exists(path)) {
			return "no such file";
		}
		if (Files.isDirectory(path)) {
			return "is a directory";
		}
		if (!Files.isRegularFile(path)) {
			return "not a regular file";
		}
		if (!Files.isReadable(path)) {
			return "permission denied";
		}
		return null;
	}
}
