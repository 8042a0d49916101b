package org.policy.dsl.output;

/**
 * An output path given on the command line cannot be written. The message is for the user and has one
 * shape for every command: {@code --flag PATH: cannot ACTION: REASON}, naming the flag and the path as
 * the user typed them, never a temporary path. The {@code policy} command reports it as a usage error.
 */
public final class OutputException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	OutputException(String message, Throwable cause) {
		super(message, cause);
	}
}
