package org.policy.dsl.load;

/**
 * A policy was read but cannot be used: it has errors (syntax, names, the language's checks), or it is
 * not a policy at all. The message lists every error as {@code file:line:col: error: message}, one per
 * line, in the order {@code policy check} prints them. Thrown by {@link LoadedPolicy#requireNoErrors()},
 * the one place where every tool refuses a policy; a file that cannot be read at all is a
 * {@link PolicyLoadException} instead.
 */
public class InvalidPolicyException extends Exception {
	private static final long serialVersionUID = 1L;

	public InvalidPolicyException(String message) {
		super(message);
	}
}
