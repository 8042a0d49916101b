package org.policy.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A usage error found by a command itself (not by picocli's parser); its message is printed as is. A bad
 * flag value: {@link Flags#error}.
 */
final class UsageError extends ParameterException {
	private static final long serialVersionUID = 1L;

	UsageError(CommandLine command, String message) {
		super(command, message);
	}

	UsageError(CommandLine command, String message, Throwable cause) {
		super(command, message, cause);
	}
}
