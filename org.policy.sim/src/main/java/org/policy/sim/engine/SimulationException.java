package org.policy.sim.engine;

/**
 * A run could not go on: the policy faulted (with its source line), or the workload asked for
 * something impossible (more threads than allowed, a loop that never consumes time). The message
 * says when, where and why, for the user.
 */
public final class SimulationException extends RuntimeException {
	private static final long serialVersionUID = 1L;
	private final boolean workload;

	public SimulationException(String message, Throwable cause) {
		super(message, cause);
		this.workload = false;
	}

	private SimulationException(String message, boolean workload) {
		super(message);
		this.workload = workload;
	}

	/** A problem of the workload (or trace), not of the policy: the message goes with its name. */
	public static SimulationException inWorkload(String message) {
		return new SimulationException(message, true);
	}

	/** Whether the workload, rather than the policy, is to blame: tools name it in the message. */
	public boolean inWorkload() {
		return workload;
	}

	/** The message for a user, after the file to blame: the workload's name or the policy file. */
	public String describe(String workloadName, Object policyFile) {
		return (workload ? workloadName : policyFile) + ": " + getMessage();
	}
}
