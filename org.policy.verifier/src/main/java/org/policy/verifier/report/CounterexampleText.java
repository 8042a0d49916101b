package org.policy.verifier.report;

import java.util.List;
import org.policy.dsl.Durations;
import org.policy.verifier.Counterexample;
import org.policy.verifier.TraceStep;

/**
 * A counterexample as readable text: each step, the machine after it, and what went wrong. The first line
 * ends with the affinities the explored threads could have; a {@code new} step that pins its thread says
 * so ({@code t1 may run only on core 0}), and the machine after each step lists every restricted thread
 * ({@code t1 may run on 0}). Deterministic.
 */
public final class CounterexampleText {
	private CounterexampleText() {
	}

	public static String render(Counterexample cx) {
		StringBuilder out = new StringBuilder();
		String property = cx.property().title() + " (" + cx.property().id().toUpperCase(java.util.Locale.ROOT) + ")";
		if (cx.isFault()) {
			out.append(cx.policy()).append(": a handler faults on ").append(cx.cores()).append(cx.cores() == 1 ? " core" : " cores")
					.append(" (at most ").append(cx.threadBound()).append(" live threads) while checking ").append(property);
		} else {
			out.append(cx.policy()).append(": ").append(property).append(" does not hold on ").append(cx.cores())
					.append(cx.cores() == 1 ? " core" : " cores").append(" (at most ").append(cx.threadBound())
					.append(" live threads)");
		}
		if (!"flat".equals(cx.topology())) {
			out.append("; topology ").append(cx.topology());
		}
		out.append("; ").append(cx.affinity());
		if (!cx.paramValues().isEmpty()) {
			// the values the run needs: its replay (and the counterexample file) sets them
			out.append("; with ").append(cx.paramValues());
		}
		out.append('\n');
		if (cx.steps().isEmpty()) {
			out.append("counterexample: no step: the idle cores' first schedule on the empty machine faults\n");
		} else {
			out.append("counterexample: ").append(cx.steps().size()).append(cx.steps().size() == 1 ? " step" : " steps");
			if (cx.otherTiesSteps() > 0) {
				out.append(", a shortest one that breaks ties between cores by lowest id, as the simulator does, on the"
						+ " smallest machine that has one (breadth-first search, ").append(cx.statesExplored())
						.append(" states explored); one of ").append(cx.otherTiesSteps())
						.append(" steps needs a tie broken otherwise\n");
			} else {
				out.append(", a shortest one on the smallest machine that has one (breadth-first search, ")
						.append(cx.statesExplored()).append(" states explored)\n");
			}
		}
		out.append(timeModel(cx)).append('\n');
		if (!cx.tieSteps().isEmpty()) {
			out.append(ties(cx)).append('\n');
		}
		out.append('\n');
		out.append("initial state:\n");
		state(out, cx.initialState());
		for (TraceStep step : cx.steps()) {
			out.append("step ").append(step.number()).append(": ").append(step.description()).append('\n');
			state(out, step.state());
		}
		out.append(cx.isFault() ? "fault: " + cx.fault() : "violation: " + cx.verdict()).append('\n');
		return out.toString();
	}

	/**
	 * The verifier lets every tie between cores go any way (a kernel may break them otherwise than by
	 * lowest id); a run that needs one to go otherwise is not a run of the simulator, and this says so.
	 */
	static String ties(Counterexample cx) {
		List<Integer> at = cx.tieSteps();
		return "ties: at step" + (at.size() == 1 ? " " : "s ") + String.join(", ", at.stream().map(String::valueOf).toList())
				+ " a tie between cores goes to a core other than the lowest-numbered (the step says which): a kernel"
				+ " that breaks ties otherwise runs this, but the simulator and the generated kernels break ties by"
				+ " lowest id and may not reproduce it";
	}

	static String timeModel(Counterexample cx) {
		if (cx.timeSteps().isEmpty() || cx.horizon() <= 0) {
			return "time: frozen at 0 (every event happens at time 0)";
		}
		return "time: advances between events by " + String.join(" or ",
				cx.timeSteps().stream().map(Durations::format).toList()) + ", up to " + Durations.format(cx.horizon());
	}

	private static void state(StringBuilder out, List<String> lines) {
		for (String line : lines) {
			out.append("  ").append(line).append('\n');
		}
	}
}
