package org.policy.dsl.semantics;

import org.eclipse.emf.ecore.EObject;

/**
 * A policy that the checker accepted but that does not fit the limits of the JVM class it is compiled
 * to (65535 bytes of code per handler or function, 65535 constants and methods per policy). The
 * loader reports it as an error at {@link #where()}, so that every tool refuses it in the same words.
 */
public final class PolicyTooLargeException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	private final transient EObject where;

	PolicyTooLargeException(EObject where, String message, Throwable cause) {
		super(message, cause);
		this.where = where;
	}

	/** The handler, function, attribute or policy that is too large. */
	public EObject where() {
		return where;
	}
}
