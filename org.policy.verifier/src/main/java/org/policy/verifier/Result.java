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
 * @param model          the rest of what was explored, also on the first line: the topology, the parameter
 *                       values, the time model and whether the time windows made the exploration approximate
 *                       ({@code flat topology; parameters at their defaults; time frozen at 0})
 * @param skipped        machine sizes within the bound that the topology does not fit (a level's groups do
 *                       not divide them): not explored, not claimed
 */
public record Result(Verdict verdict, Property property, int cores, int threads, int provedCores,
		List<Integer> unexercised, long states, long nanos, Optional<Counterexample> counterexample,
		List<String> inputsRead, String affinity, String model, List<Integer> skipped) {

	public Result {
		unexercised = List.copyOf(unexercised);
		skipped = List.copyOf(skipped);
		inputsRead = List.copyOf(inputsRead);
	}

	/**
	 * {@code ≤ 4 cores, ≤ 3 threads}, which thread input values were explored when the policy reads
	 * thread inputs, which affinities, and the model: {@code ≤ 4 cores, ≤ 6 threads, threads of nice 0 and
	 * -5 (the policy reads weight), every thread may run on any core (the policy never reads
	 * affinity(t)); flat topology; parameters at their defaults; time frozen at 0}.
	 */
	public String bounds(int upToCores) {
		return sizes(upToCores) + ", " + claim();
	}

	/** Everything {@link #bounds} says but the machine sizes: {@code ≤ 6 threads, ...; flat topology; ...}. */
	public String claim() {
		String claim = "≤ " + threads + " threads";
		if (!inputsRead.isEmpty()) {
			claim += ", " + InputDomain.ofNames(inputsRead).describe() + " (the policy reads "
					+ String.join(", ", inputsRead) + ")";
		}
		return claim + ", " + affinity + "; " + model;
	}

	/**
	 * The machine sizes checked up to {@code upToCores}: {@code ≤ 4 cores}, or, when some sizes exercised
	 * nothing (see {@link #unexercised}), only the others: {@code ≤ 2 cores}, {@code 1, 3 cores}.
	 */
	private String sizes(int upToCores) {
		List<Integer> checked = new java.util.ArrayList<>();
		for (int n = 1; n <= upToCores; n++) {
			if (!unexercised.contains(n) && !skipped.contains(n)) {
				checked.add(n);
			}
		}
		if (checked.isEmpty()) {
			return "no machine size";
		}
		if (checked.size() == checked.get(checked.size() - 1)) {
			return "≤ " + checked.size() + (checked.size() == 1 ? " core" : " cores");
		}
		return checked.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " cores";
	}

	/**
	 * This result and another exploration's of the same bounds (other parameter values): what both prove.
	 * A size is unexercised only if neither exploration exercised it.
	 */
	Result and(Result other) {
		Verdict v = verdict == Verdict.INCONCLUSIVE || other.verdict == Verdict.INCONCLUSIVE ? Verdict.INCONCLUSIVE
				: Verdict.HOLDS;
		List<Integer> both = unexercised.stream().filter(other.unexercised::contains).toList();
		return new Result(v, property, cores, threads, Math.min(provedCores, other.provedCores), both, other.states,
				other.nanos, Optional.empty(), inputsRead, affinity, model, skipped);
	}

	/** Whether every machine size but one core was explored without a thread ever waiting: nothing was checked. */
	public boolean vacuous() {
		return cores > 1 && java.util.stream.IntStream.rangeClosed(2, cores)
				.allMatch(n -> unexercised.contains(n) || skipped.contains(n));
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
	 * The first line of a verdict that holds: {@code holds for ≤ N cores, ≤ T threads, ...: S states in X
	 * s}, and the sizes where that would say nothing, named as not checked: {@code holds for ≤ 15 cores,
	 * ...; not checked on 16 cores: ...}. When no size of two cores or more exercised anything, it does not
	 * say "holds" at all: {@code not checked: ...}.
	 */
	public String summary() {
		String stats = String.format(Locale.ROOT, ": %d states in %.1f s", states, seconds());
		if (unexercised.isEmpty()) {
			return "holds for " + bounds(cores) + stats;
		}
		String sizes = unexercised.stream().map(String::valueOf).collect(Collectors.joining(", "));
		String why = "with ≤ " + threads + " threads no thread ever waits for a core on " + sizes + " cores, so"
				+ " nothing of the balancing is checked there (raise --threads)";
		if (vacuous()) {
			return "not checked: " + why + "; explored: ≤ " + cores + " cores, " + claim() + stats;
		}
		return "holds for " + bounds(cores) + stats + "; not checked on " + sizes + " cores: " + why;
	}
}
