package org.policy.sim.engine;

/**
 * A run could not go on: the policy faulted (with its source line), the workload asked for something
 * impossible (more threads than allowed, a loop that never consumes time, a deadlock), or the run would
 * exceed a limit of the simulator. The message says when, where and why, for the user.
 */
public final class SimulationException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	/** What to name before the message. */
	private enum Blame {
		/** the policy file */
		POLICY,
		/** the workload's (or trace's) name */
		WORKLOAD,
		/** nothing: the message names its file:line:col or the flags itself */
		SELF
	}

	private final Blame blame;

	public SimulationException(String message, Throwable cause) {
		super(message, cause);
		this.blame = Blame.POLICY;
	}

	private SimulationException(String message, Blame blame) {
		super(message);
		this.blame = blame;
	}

	/** A problem of the workload (or trace), not of the policy: the message goes with its name. */
	public static SimulationException inWorkload(String message) {
		return new SimulationException(message, Blame.WORKLOAD);
	}

	/** A message that already says where (file:line:col) or which flag: nothing is put before it. */
	public static SimulationException located(String message) {
		return new SimulationException(message, Blame.SELF);
	}

	/** Whether the workload, rather than the policy, is to blame: tools name it in the message. */
	public boolean inWorkload() {
		return blame == Blame.WORKLOAD;
	}

	/** The message for a user, after the file to blame: the workload's name or the policy file. */
	public String describe(String workloadName, Object policyFile) {
		return switch (blame) {
			case POLICY -> policyFile + ": " + getMessage();
			case WORKLOAD -> workloadName + ": " + getMessage();
			case SELF -> getMessage();
		};
	}
}
