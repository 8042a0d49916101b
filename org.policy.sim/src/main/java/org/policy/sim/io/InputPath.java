package org.policy.sim.io;

import java.nio.file.Path;
import org.policy.dsl.load.InputFile;

/**
 * Checks an input file named on the command line before it is opened, so that every way of being
 * unusable (missing, a directory, a device or pipe, no read permission, an invalid name) gets a message
 * naming the flag and the path, instead of an I/O exception's bare text.
 */
public final class InputPath {
	private InputPath() {
	}

	/**
	 * @param flag what names the file on the command line ({@code --trace}, or {@code POLICY}), for messages
	 * @throws UnreadableInputException saying {@code FLAG PATH: why}
	 */
	public static Path check(String flag, String name) throws UnreadableInputException {
		String problem = problem(name);
		if (problem != null) {
			throw new UnreadableInputException(flag + " " + name + ": " + problem);
		}
		return Path.of(name);
	}

	/** Why {@code name} cannot be read as an input file, or null if it can ({@link InputFile#problem}). */
	public static String problem(String name) {
		return InputFile.problem(name);
	}
}
