package org.policy.cli.sweep;

/**
 * A sweep SPEC is wrong. The message reads {@code file:line:col: what is wrong}, as for workloads and
 * policies, so that editors jump to the place; line and column are 1-based.
 */
public final class SpecException extends Exception {
	private static final long serialVersionUID = 1L;

	public SpecException(SpecNode.Position at, String message) {
		super(at + ": " + message);
	}
}
