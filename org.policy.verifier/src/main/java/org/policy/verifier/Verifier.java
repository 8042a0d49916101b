package org.policy.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.semantics.Interpreter;
import org.policy.verifier.explore.AffinityDomain;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Outcome;

/**
 * Push-button checking of work conservation: explores every machine of 1 to {@code cores} cores with at
 * most {@code threads} live threads, through the policy's own handlers run by the reference
 * {@link Interpreter}, and either proves the property within those bounds or returns the shortest
 * counterexample of the smallest machine that has one. docs/verification.md says what is proved.
 *
 * <pre>{@code
 * CompiledPolicy policy = new PolicyLoader().load(PolicyFile.of("policies/cfs_cwc.policy")).requireNoErrors().compile();
 * Result r = Verifier.verify(policy, VerifyOptions.of(Property.CWC, 8, 16));
 * }</pre>
 */
public final class Verifier {
	private Verifier() {
	}

	/**
	 * The default time window: with frozen time, 1 ns, so that time points are compared by order only
	 * (Ipanema's view: work conservation depends on counts and on the relative order of keys); when time
	 * advances, the horizon, so that no difference that can arise within it is lost.
	 */
	public static long defaultTimeWindow(VerifyOptions options) {
		return options.timeAdvances() ? Math.max(1, options.horizon()) : 1;
	}

	/**
	 * @throws IllegalArgumentException for a parameter override the policy does not have or that is out of range
	 */
	public static Result verify(CompiledPolicy policy, VerifyOptions options) {
		Interpreter in = policy.newInterpreter(options.params());
		long[] steps = options.timeAdvances() ? options.timeSteps().stream().mapToLong(Long::longValue).toArray()
				: new long[0];
		long window = options.timeWindow() > 0 ? options.timeWindow() : defaultTimeWindow(options);
		long virtual = options.virtualWindow() > 0 ? options.virtualWindow() : 1;
		boolean readsAffinity = AffinityDomain.readsAffinity(policy);
		int pinned = pinnedBound(options, readsAffinity);
		String affinity = describeAffinity(pinned, readsAffinity);
		Explorer.Config config = new Explorer.Config(options.threads(), options.property() == Property.CWC, steps,
				options.horizon(), options.coreSymmetry(), window, virtual, options.maxStates(), options.progress(),
				pinned);
		long start = System.nanoTime();
		long states = 0;
		int proved = 0;
		boolean complete = true;
		List<Integer> unexercised = new ArrayList<>();
		for (int n = 1; n <= options.cores(); n++) {
			Explorer explorer = new Explorer(policy, in, n, config);
			Outcome outcome = explorer.run();
			states += outcome.states();
			switch (outcome.kind()) {
				case HOLDS:
					proved = complete ? n : proved;
					// one core has no other core to be idle: nothing to exercise there
					if (n > 1 && !explorer.someThreadWaited()) {
						unexercised.add(n);
					}
					continue;
				case INCOMPLETE:
					// nothing is proved from here on, but a larger machine may still show a counterexample
					complete = false;
					continue;
				default:
					long nanos = System.nanoTime() - start;
					Counterexample cx = new CounterexampleBuilder(policy, in, options, explorer, affinity).build(outcome,
							states, explorer.compacts());
					return new Result(cx.isFault() ? Result.Verdict.FAULT : Result.Verdict.VIOLATED, options.property(),
							options.cores(), options.threads(), proved, unexercised, states, nanos, Optional.of(cx),
							inputsRead(policy), affinity);
			}
		}
		return new Result(complete ? Result.Verdict.HOLDS : Result.Verdict.INCONCLUSIVE, options.property(),
				options.cores(), options.threads(), proved, unexercised, states, System.nanoTime() - start,
				Optional.empty(), inputsRead(policy), affinity);
	}

	/**
	 * How many live threads may be pinned at once: 0 (every thread may run anywhere) unless the mode asks
	 * for pinned threads, or is auto and the policy reads affinity; never more than the threads.
	 */
	static int pinnedBound(VerifyOptions options, boolean readsAffinity) {
		boolean pinned = switch (options.affinity()) {
			case AUTO -> readsAffinity;
			case ALL -> false;
			case PINNED -> true;
		};
		return pinned ? Math.min(options.restrictedThreads(), options.threads()) : 0;
	}

	/**
	 * The affinity domain explored, for the verdict's first line: {@code every thread may run on any core
	 * (the policy never reads affinity(t))}, or {@code threads may run on any core or be pinned to one, at
	 * most 1 pinned at a time (the policy reads affinity(t))}.
	 */
	static String describeAffinity(int pinned, boolean readsAffinity) {
		String why = readsAffinity ? "the policy reads affinity(t)" : "the policy never reads affinity(t)";
		if (pinned == 0) {
			return "every thread may run on any core (" + (readsAffinity ? "pinned threads not explored, though " + why
					: why) + ")";
		}
		return "threads may run on any core or be pinned to one, at most " + pinned + " pinned at a time (" + why + ")";
	}

	/** The thread inputs the policy declares, by name, in the order of the inputs table. */
	static List<String> inputsRead(CompiledPolicy policy) {
		return Input.threadInputsOf(policy.policy()).stream().map(Input::inputName).toList();
	}
}
