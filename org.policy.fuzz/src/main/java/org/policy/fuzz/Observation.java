package org.policy.fuzz;

import java.util.List;

/**
 * What running one input did, as the oracle needs it.
 *
 * @param status      exit status (command-line kinds and the language server), or -1 where none applies
 * @param out         what it printed on stdout (for the language server: its responses)
 * @param err         what it printed on stderr
 * @param diagnostics error lines the input produced that must be positioned (see {@link Oracle})
 * @param sources     the input files by the name messages give them, for the position check
 * @param thrown      an exception that escaped the code under test, else null
 * @param timedOut    it did not finish within the time limit
 * @param leftovers   output files or directories left behind that should not be there
 * @param extra       further findings the target itself detected (e.g. an unanswered request)
 */
public record Observation(int status, String out, String err, List<String> diagnostics,
		java.util.Map<String, String> sources, Throwable thrown,
		boolean timedOut, List<String> leftovers, List<String> extra) {

	public static Observation hang() {
		return new Observation(-1, "", "", List.of(), java.util.Map.of(), null, true, List.of(), List.of());
	}

	public static Observation escaped(Throwable t) {
		return new Observation(-1, "", "", List.of(), java.util.Map.of(), t, false, List.of(), List.of());
	}
}
