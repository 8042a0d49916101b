package org.policy.dsl.load;

/** A policy file could not be read at all (as opposed to being read and found wrong). */
public class PolicyLoadException extends Exception {
	private static final long serialVersionUID = 1L;

	public PolicyLoadException(String message, Throwable cause) {
		super(message, cause);
	}
}
