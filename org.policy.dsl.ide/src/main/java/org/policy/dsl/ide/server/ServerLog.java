package org.policy.dsl.ide.server;

import java.io.PrintStream;

/**
 * The server's own messages on stderr: one line each, prefixed, so that an editor's server log stays
 * readable. A client can make the server fail in many ways; none of them is worth a stack trace there.
 */
final class ServerLog {
	private final PrintStream out;

	ServerLog(PrintStream out) {
		this.out = out;
	}

	void line(String message) {
		out.println("policy-lsp: " + message);
	}

	/** {@code Class: message} of the innermost cause, on one line, cut to a readable length. */
	static String summary(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : ": " + root.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
		if (message.length() > 200) {
			message = message.substring(0, 200) + "...";
		}
		return root.getClass().getSimpleName() + message;
	}
}
