package org.policy.workload;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The exact run of a verifier counterexample: the {@code "policy-verifier"} extension of the rt-app
 * file that {@code policy verify --counterexample} writes (format {@value #FORMAT}, docs/verification.md,
 * "Replaying exactly"). The simulator replays it event by event under the policy it was found for.
 *
 * @param policy   the policy's name
 * @param property what was verified ({@code wc}, {@code cwc}), or null in a file that does not say
 * @param cores    the machine's core count
 * @param threads  how many threads the run creates
 * @param params   parameter overrides, in the parameters' units (ns for time); written in name order
 * @param stepUs   how far apart the steps are drawn on the rt-app timeline (the file's {@code step_us})
 * @param events   the steps, in order
 * @param outcome  how the run ends (a violation or a fault), or null in a file that does not say
 * @param topology the machine's topology in the simulator's syntax ({@code llc=2}), {@value #FLAT} for a flat
 *                 machine (the file's {@code topology}, written only when it is not flat)
 */
public record VerifierRun(String policy, String property, int cores, int threads, Map<String, Long> params,
		long stepUs, List<Event> events, Outcome outcome, String topology) {

	/** The topology of a flat machine, and of a file without the key. */
	public static final String FLAT = "flat";

	/**
	 * The version of the extension this reader reads and this writer writes. Format 2 lists the deliveries of
	 * pending reschedules ({@code reschedule}), which the per-core semantics made events of their own; a
	 * format 1 file was recorded when every core settled after every event, and does not replay now.
	 */
	public static final int FORMAT = 2;

	/**
	 * The events a run may list: the interpreter's, {@code reschedule} (a core's pending reschedule is
	 * delivered) and {@code advance} (time moves).
	 */
	public static final List<String> EVENTS = List.of("advance", "balance", "block", "new", "reschedule", "terminate",
			"tick", "unblock", "yield");

	public VerifierRun {
		Objects.requireNonNull(policy);
		Objects.requireNonNull(topology);
		params = Collections.unmodifiableMap(new TreeMap<>(params));
		events = List.copyOf(events);
	}

	/** A run on a flat machine. */
	public VerifierRun(String policy, String property, int cores, int threads, Map<String, Long> params, long stepUs,
			List<Event> events, Outcome outcome) {
		this(policy, property, cores, threads, params, stepUs, events, outcome, FLAT);
	}

	public long stepNs() {
		return stepUs * 1000;
	}

	/**
	 * One step.
	 *
	 * @param step   its 1-based number
	 * @param kind   one of {@link VerifierRun#EVENTS}
	 * @param now    the machine's time for it (ns)
	 * @param core   the core it happens on (-1 for {@code advance})
	 * @param thread the created or woken thread, or the one running on {@code core} (-1: none)
	 * @param by     how far an {@code advance} moves time (ns; 0 for other events)
	 */
	public record Event(int step, String kind, long now, int core, int thread, long by) {
		public Event {
			if (!EVENTS.contains(kind)) {
				throw new IllegalArgumentException("unknown event " + kind);
			}
		}

		public boolean isAdvance() {
			return kind.equals("advance");
		}
	}

	/**
	 * How the run ends.
	 *
	 * @param fault     true for a policy fault, false for a violation of the property
	 * @param afterStep the last step
	 * @param idleCore  the core left idle beside waiting work (-1 for a fault)
	 * @param message   what went wrong
	 * @param state     the machine after the last step, one {@code Machine.toString()} line per entry
	 */
	public record Outcome(boolean fault, int afterStep, int idleCore, String message, List<String> state) {
		public Outcome {
			Objects.requireNonNull(message);
			state = List.copyOf(state);
		}
	}
}
