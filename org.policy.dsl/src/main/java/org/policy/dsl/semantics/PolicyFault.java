package org.policy.dsl.semantics;

/**
 * A policy did something its meaning does not allow at run time: read an attribute of {@code none},
 * moved a thread where its event type forbids, ran out of thread slots. Carries the source line.
 */
public final class PolicyFault extends RuntimeException {
	private static final long serialVersionUID = 1L;
	private final int line;

	public PolicyFault(int line, String message) {
		super(line > 0 ? "line " + line + ": " + message : message);
		this.line = line;
	}

	/** The 1-based source line of the construct at fault, or 0 when it is not a construct's. */
	public int line() {
		return line;
	}
}
