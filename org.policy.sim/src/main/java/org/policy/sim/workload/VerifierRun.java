package org.policy.sim.workload;

import java.util.List;
import java.util.Map;

/**
 * The exact run of a verifier counterexample: the {@code "policy-verifier"} extension of the rt-app
 * file that {@code policy verify --counterexample} writes (format 1, docs/verification.md, "Replaying
 * exactly"). The simulator replays it event by event under the policy it was found for.
 *
 * @param policy  the policy's name
 * @param cores   the flat machine's core count
 * @param threads how many threads the run creates
 * @param params  parameter overrides, in the parameters' units (ns for time)
 * @param stepNs  how far apart the steps are drawn (the file's {@code step_us})
 * @param events  the steps, in order
 */
public record VerifierRun(String policy, int cores, int threads, Map<String, Long> params, long stepNs,
		List<Event> events) {

	public VerifierRun {
		params = Map.copyOf(params);
		events = List.copyOf(events);
	}

	/**
	 * One step: {@code kind} is an interpreter event ({@code new}, {@code tick}, {@code yield},
	 * {@code block}, {@code unblock}, {@code terminate}, {@code balance}) or {@code advance}; {@code now}
	 * is the machine's time for it (ns); {@code thread} is the created or woken thread (-1 otherwise).
	 */
	public record Event(String kind, long now, int core, int thread) {
	}
}
