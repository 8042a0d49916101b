package org.policy.verifier;

import java.util.Locale;
import java.util.Optional;

/**
 * The verifier's answer.
 *
 * @param provedCores    the largest machine size fully explored without a violation (all smaller ones too)
 * @param states         states explored, over all machine sizes
 * @param nanos          wall-clock time of the exploration
 * @param counterexample present for {@link Verdict#VIOLATED} and {@link Verdict#FAULT}
 */
public record Result(Verdict verdict, Property property, int cores, int threads, int provedCores, long states,
		long nanos, Optional<Counterexample> counterexample) {

	public enum Verdict {
		/** Every reachable state of every machine size within the bounds was explored: the property holds. */
		HOLDS,
		/** A run violates the property. */
		VIOLATED,
		/** A run makes a handler fault at run time. */
		FAULT,
		/** The state limit stopped the exploration: only {@code provedCores} is proved. */
		INCONCLUSIVE
	}

	public double seconds() {
		return nanos / 1e9;
	}

	public long statesPerSecond() {
		return nanos == 0 ? 0 : Math.round(states / seconds());
	}

	/** {@code holds for ≤ N cores, ≤ T threads: S states in X s} (for a result that holds). */
	public String summary() {
		return String.format(Locale.ROOT, "holds for ≤ %d cores, ≤ %d threads: %d states in %.1f s", cores, threads, states,
				seconds());
	}
}
