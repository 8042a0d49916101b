package org.policy.generator.diff;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A machine shape, parameter values and events: one differential test case. */
record Sequence(int cores, int smt, int llc, int numa, int capacity, Map<String, Long> params, List<Event> events) {
	Sequence withEvents(List<Event> newEvents) {
		return new Sequence(cores, smt, llc, numa, capacity, params, newEvents);
	}

	/** The driver's input for this sequence, ending with X. */
	void appendInput(StringBuilder out) {
		out.append("S ").append(cores).append(' ').append(smt).append(' ').append(llc).append(' ').append(numa)
				.append(' ').append(capacity).append(' ').append(params.size());
		params.forEach((k, v) -> out.append(' ').append(k).append(' ').append(v));
		out.append('\n');
		for (Event e : events) {
			out.append(e.line()).append('\n');
		}
		out.append("X\n");
	}

	@Override
	public String toString() {
		return cores + " cores (smt " + smt + ", llc " + llc + ", numa " + numa + "), " + capacity + " thread slots"
				+ (params.isEmpty() ? "" : ", params " + params) + ", events:\n"
				+ events.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
	}
}
