package org.policy.verifier;

import java.util.List;
import org.policy.dsl.semantics.ThreadInputs;

/**
 * One step of a counterexample, with threads named by creation order ({@code t0} is the first thread
 * created, ids are never reused).
 *
 * @param event  new, block, unblock, terminate, tick, yield, balance or advance
 * @param core   the core the event happens on (for unblock: the waking core); -1 for advance
 * @param thread the thread created (new), woken (unblock), or running on the core (block, terminate,
 *               tick, yield); -1 otherwise
 * @param now    the time at which the event happens, in ns (after the advance, for advance)
 * @param delta  for advance: by how much time advanced, in ns
 * @param state  the machine after the step, one line per core (then shared queues, blocked threads)
 * @param inputs for new: the created thread's inputs (nice, real-time parameters, group, affinity); null
 *               otherwise
 */
public record TraceStep(int number, String event, int core, int thread, long now, long delta, String description,
		List<String> state, ThreadInputs inputs) {
}
