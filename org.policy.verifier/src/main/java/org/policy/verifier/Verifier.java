package org.policy.verifier;

import java.util.Optional;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Outcome;

/**
 * Push-button checking of work conservation: explores every machine of 1 to {@code cores} cores with at
 * most {@code threads} live threads, through the policy's own handlers run by the reference
 * {@link Interpreter}, and either proves the property within those bounds or returns the shortest
 * counterexample of the smallest machine that has one. docs/verification.md says what is proved.
 *
 * <pre>{@code
 * CompiledPolicy policy = PolicySource.load(Path.of("policies/cfs_cwc.policy"));
 * Result r = Verifier.verify(policy, VerifyOptions.of(Property.CWC, 8, 16));
 * }</pre>
 */
public final class Verifier {
	private Verifier() {
	}

	/**
	 * @throws IllegalArgumentException for a parameter override the policy does not have or that is out of range
	 */
	public static Result verify(CompiledPolicy policy, VerifyOptions options) {
		Interpreter in = policy.newInterpreter(options.params());
		long[] steps = options.timeAdvances() ? options.timeSteps().stream().mapToLong(Long::longValue).toArray()
				: new long[0];
		Explorer.Config config = new Explorer.Config(options.threads(), options.property() == Property.CWC, steps,
				options.horizon(), options.coreSymmetry(), options.maxStates(), options.progress());
		long start = System.nanoTime();
		long states = 0;
		for (int n = 1; n <= options.cores(); n++) {
			Explorer explorer = new Explorer(policy, in, n, config);
			Outcome outcome = explorer.run();
			states += outcome.states();
			switch (outcome.kind()) {
				case HOLDS:
					continue;
				case INCOMPLETE:
					return new Result(Result.Verdict.INCONCLUSIVE, options.property(), options.cores(), options.threads(),
							n - 1, states, System.nanoTime() - start, Optional.empty());
				default:
					long nanos = System.nanoTime() - start;
					Counterexample cx = new CounterexampleBuilder(policy, in, options).build(outcome, states,
							explorer.compacts());
					return new Result(cx.isFault() ? Result.Verdict.FAULT : Result.Verdict.VIOLATED, options.property(),
							options.cores(), options.threads(), n - 1, states, nanos, Optional.of(cx));
			}
		}
		return new Result(Result.Verdict.HOLDS, options.property(), options.cores(), options.threads(), options.cores(),
				states, System.nanoTime() - start, Optional.empty());
	}
}
