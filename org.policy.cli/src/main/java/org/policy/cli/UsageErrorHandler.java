package org.policy.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a wrong command line: {@code policy: <message>} (one line per problem), then where to
 * get help, on stderr; exit status {@link ExitStatus#USAGE}.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		String message = message(ex);
		for (String line : message.split("\\R")) {
			err.println("policy: " + (ex instanceof UsageError ? line : lowercaseFirst(line)));
		}
		err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
		err.flush();
		return ExitStatus.USAGE;
	}

	private static String message(ParameterException ex) {
		CommandLine command = ex.getCommandLine();
		if (ex instanceof UnmatchedArgumentException unmatched && !command.getSubcommands().isEmpty()
				&& !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
			return "unknown command: '" + unmatched.getUnmatched().get(0) + "'";
		}
		return ex.getMessage() == null ? "invalid command line" : ex.getMessage();
	}

	/** picocli says "Unknown option"; Unix tools say "unknown option". Leaves "FILE ..." alone. */
	static String lowercaseFirst(String s) {
		if (s.length() >= 2 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
			return Character.toLowerCase(s.charAt(0)) + s.substring(1);
		}
		return s;
	}
}
