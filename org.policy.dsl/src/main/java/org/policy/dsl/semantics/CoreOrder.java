package org.policy.dsl.semantics;

/**
 * How the interpreter breaks ties between cores: whenever the language's semantics picks one core of
 * several by core id (the lowest wins a tie of {@code min}/{@code max} over cores and of the steal's
 * {@code select}, {@code first(c in cores where ...)} is the lowest that passes, idle cores settle and
 * pending preemptions are delivered in increasing id), it asks the interpreter's order which of the
 * candidates comes first.
 *
 * <p>The simulator and the generated kernels use {@link #BY_ID}. The verifier gives the interpreter an
 * order that it enumerates: every tie may then go any way, so the explored model covers every kernel,
 * whatever its tie-break, and a state and its renumbering have the same futures (which makes core
 * symmetry exact: docs/verification.md, "Reductions"). Within one step, the answers must be consistent
 * (those of one total order of the cores), as a renumbered machine's would be.
 */
public interface CoreOrder {
	/**
	 * Of the cores whose bits are set in {@code candidates} (bit c for core c; at least two bits), the one
	 * that comes first.
	 */
	int first(long candidates);

	/** The semantics of docs/semantics.md: the lowest core id comes first. */
	CoreOrder BY_ID = candidates -> Long.numberOfTrailingZeros(candidates);

	/**
	 * An order other than {@link #BY_ID} is asked as bit masks, so it works on machines of at most this
	 * many cores (the verifier explores far fewer).
	 */
	int MAX_CORES = 64;
}
