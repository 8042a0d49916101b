package org.policy.fuzz;

/** Runs one input of its kind against the code under test and reports what happened. */
public interface Target {
	Kind kind();

	/**
	 * Runs {@code input}; may block (the caller enforces the time limit) and may throw (the caller
	 * reports it as an escaped exception).
	 */
	Observation run(FuzzInput input) throws Exception;
}
