package org.policy.sim.io;

/**
 * An input file named on the command line does not exist or cannot be read — a usage error (exit 2),
 * as opposed to a file that was read and found wrong (exit 1). The message starts with the file's name.
 */
public final class UnreadableInputException extends Exception {
	private static final long serialVersionUID = 1L;

	public UnreadableInputException(String message) {
		super(message);
	}
}
