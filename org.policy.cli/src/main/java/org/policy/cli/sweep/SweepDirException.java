package org.policy.cli.sweep;

/** A sweep directory cannot be used as asked (another SPEC's runs, a shard missing, unreadable); exit 2. */
public final class SweepDirException extends Exception {
	private static final long serialVersionUID = 1L;

	public SweepDirException(String message) {
		super(message);
	}
}
