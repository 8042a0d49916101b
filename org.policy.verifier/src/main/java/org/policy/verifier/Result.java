package org.policy.verifier;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.policy.verifier.explore.InputDomain;

/**
 * The verifier's answer.
 *
 * @param provedCores    the largest machine size fully explored without a violation (all smaller ones too)
 * @param unexercised    machine sizes explored without a violation where no thread ever waited for a core
 *                       within the thread bound, so nothing of the policy's balancing was checked there
 * @param states         states explored, over all machine sizes
 * @param nanos          wall-clock time of the exploration
 * @param counterexample present for {@link Verdict#VIOLATED} and {@link Verdict#FAULT}
 * @param inputsRead     the thread inputs the policy reads (nice, weight, ...); the explored threads' inputs
 *                       range over the small domain derived from them ({@link InputDomain}): a bound of the
 *                       claim, named on its first line
 * @param affinity       the affinities the explored threads could have ({@code every thread may run on any
 *                       core (the policy never reads affinity(t))}): also a bound of the claim, on its first
 *                       line
 */
public record Result(Verdict verdict, Property property, int cores, int threads, int provedCores,
		List<Integer> unexercised, long states, long nanos, Optional<Counterexample> counterexample,
		List<String> inputsRead, String affinity) {

	public Result {
		unexercised = List.copyOf(unexercised);
		inputsRead = List.copyOf(inputsRead);
	}

	/**
	 * {@code ≤ 4 cores, ≤ 3 threads}, which thread input values were explored when the policy reads
	 * thread inputs, and which affinities: {@code ≤ 4 cores, ≤ 6 threads, threads of nice 0 and -5 (the
	 * policy reads weight), every thread may run on any core (the policy never reads affinity(t))}.
	 */
	public String bounds(int upToCores) {
		String bounds = "≤ " + upToCores + " cores, ≤ " + threads + " threads";
		if (!inputsRead.isEmpty()) {
			bounds += ", " + InputDomain.ofNames(inputsRead).describe() + " (the policy reads "
					+ String.join(", ", inputsRead) + ")";
		}
		return bounds + ", " + affinity;
	}

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

	/**
	 * {@code holds for ≤ N cores, ≤ T threads: S states in X s} (for a result that holds), and the sizes
	 * where that says nothing: {@code ; not exercised on 16 cores: ...}.
	 */
	public String summary() {
		String holds = String.format(Locale.ROOT, "holds for %s: %d states in %.1f s", bounds(cores), states, seconds());
		if (unexercised.isEmpty()) {
			return holds;
		}
		String sizes = unexercised.stream().map(String::valueOf).collect(Collectors.joining(", "));
		return holds + "; not exercised on " + sizes + " cores: with ≤ " + threads + " threads no thread ever waits for a"
				+ " core there, so no balancing was checked (raise --threads)";
	}
}
