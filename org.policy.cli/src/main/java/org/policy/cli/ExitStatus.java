package org.policy.cli;

/** The exit statuses of every {@code policy} command. */
public final class ExitStatus {
	/** Success: nothing failed. */
	public static final int OK = 0;
	/** The input has errors (or warnings, with {@code --werror}). */
	public static final int ERRORS = 1;
	/** The command line is wrong: unknown option, missing or unusable file. */
	public static final int USAGE = 2;
	/** A bug or an environment failure in the tool itself. */
	public static final int INTERNAL = 3;

	private ExitStatus() {
	}
}
