package org.policy.verifier;

import java.util.List;
import java.util.Map;

/**
 * A run of the policy, from the initial machine, whose last step violates the property (or makes a
 * handler fault): replayed through the reference interpreter before it is reported, with threads named
 * by creation order.
 *
 * @param idleCore      the core left idle beside waiting work (-1 for a fault)
 * @param fault         the fault message when the last step made a handler fail, else null
 * @param faultLine     the policy source line of the fault (0 when it is not a construct's or there is none)
 * @param statesExplored states explored (all machine sizes) before it was found
 * @param affinity      the affinities the explored threads could have, as on the verdict's first line
 *                      ({@code every thread may run on any core (the policy never reads affinity(t))})
 * @param tieSteps      the numbers of the steps in which a tie between cores went to a core other than the
 *                      lowest-numbered one (each step's description says which); empty when the run is one of
 *                      the simulator, which breaks every tie by lowest id
 * @param otherTiesSteps when this run breaks every tie by lowest id but a shorter counterexample on the same
 *                      machine needs a tie broken otherwise: that one's length; else 0
 * @param paramValues   the parameter values other than the defaults that the run needs, in their units
 *                      ({@code steal_thresh = 3}); empty when every parameter is at its default
 * @param topology      the machine's topology in the simulator's syntax ({@code llc=2}), or {@code flat}
 */
public record Counterexample(String policy, Property property, int cores, int threadBound, Map<String, Long> params,
		List<Long> timeSteps, long horizon, List<String> initialState, List<TraceStep> steps, int idleCore,
		String verdict, String fault, int faultLine, long statesExplored, String affinity,
		List<Integer> tieSteps, int otherTiesSteps, String paramValues, String topology) {

	public Counterexample {
		tieSteps = List.copyOf(tieSteps);
	}

	/** This run, reported instead of a shorter one of {@code steps} steps that needs a tie broken otherwise. */
	public Counterexample insteadOfOtherTies(int steps) {
		return new Counterexample(policy, property, cores, threadBound, params, timeSteps, horizon, initialState,
				this.steps, idleCore, verdict, fault, faultLine, statesExplored, affinity, tieSteps, steps,
				paramValues, topology);
	}

	public boolean isFault() {
		return fault != null;
	}

	/** How many threads the run creates. */
	public int threadsCreated() {
		return (int) steps.stream().filter(s -> s.event().equals("new")).count();
	}
}
