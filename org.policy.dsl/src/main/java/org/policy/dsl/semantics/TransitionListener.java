package org.policy.dsl.semantics;

/**
 * Told of every thread transition the machine makes, in order, with primitives only so that listening
 * costs no allocation. {@code fromCore}/{@code toCore} are {@code cpu(t)} before and after.
 */
@FunctionalInterface
public interface TransitionListener {
	TransitionListener NONE = (thread, fromState, fromCore, toState, toCore, queue) -> { };

	/** {@code queue} is the queue instance entered when {@code toState} is READY, else -1. */
	void moved(int thread, int fromState, int fromCore, int toState, int toCore, int queue);
}
