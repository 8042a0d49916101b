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
 */
public record Counterexample(String policy, Property property, int cores, int threadBound, Map<String, Long> params,
		List<Long> timeSteps, long horizon, List<String> initialState, List<TraceStep> steps, int idleCore,
		String verdict, String fault, int faultLine, long statesExplored, String affinity,
		List<Integer> tieSteps) {

	public Counterexample {
		tieSteps = List.copyOf(tieSteps);
	}

	public boolean isFault() {
		return fault != null;
	}

	/** How many threads the run creates. */
	public int threadsCreated() {
		return (int) steps.stream().filter(s -> s.event().equals("new")).count();
	}
}
