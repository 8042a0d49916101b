package org.policy.sim.engine;

/**
 * A run could not go on: the policy faulted (with its source line), or the workload asked for
 * something impossible (more threads than allowed, a loop that never consumes time). The message
 * says when, where and why, for the user.
 */
public final class SimulationException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public SimulationException(String message, Throwable cause) {
		super(message, cause);
	}

	public SimulationException(String message) {
		super(message);
	}
}
