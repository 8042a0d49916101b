package org.policy.verifier.explore;

/**
 * What exploring one machine size found. {@code path} is the sequence of {@link Step}s from the
 * initial state, in the explorer's numbering of live threads, ending with the step that violates the
 * property (or that faults); empty when the property holds. {@code ties} has, per step, how its ties
 * between cores went ({@link TieChoices#code()}: 0 when every one went to the lowest id).
 */
public record Outcome(Kind kind, int cores, long states, int depth, long[] path, long[] ties, String fault) {
	/** Every tie of the path went to the lowest core id. */
	public Outcome(Kind kind, int cores, long states, int depth, long[] path, String fault) {
		this(kind, cores, states, depth, path, new long[path.length], fault);
	}

	public enum Kind {
		/** Every reachable state was explored: the property holds for this machine size. */
		HOLDS,
		/** The last step of {@code path} violates the property. */
		VIOLATION,
		/** The last step of {@code path} makes the policy fault (a run-time error of a handler). */
		FAULT,
		/** The state limit was reached first: nothing is proved. */
		INCOMPLETE
	}
}
