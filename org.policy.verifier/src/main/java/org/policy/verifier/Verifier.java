package org.policy.verifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.TopologySpec;
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
	 * Verifies the policy for every parameter value its {@link ParamPlan} names (every value of each
	 * declared range, or a representative set), each as its own exploration; the first counterexample
	 * found is returned, with the parameter values it needs.
	 *
	 * @throws IllegalArgumentException for a parameter override the policy does not have or that is out of range
	 */
	public static Result verify(CompiledPolicy policy, VerifyOptions options) {
		return verify(policy, options, (n, explorer) -> { });
	}

	/**
	 * Given each explorer before it runs, with its machine size: for checks made during the exploration
	 * ({@link Explorer#setVisitor}, {@link Explorer#setTransitionVisitor}), as {@code --all-cores}'s invariants.
	 */
	public interface ExplorerHook {
		void before(int cores, Explorer explorer);
	}

	/** {@link #verify(CompiledPolicy, VerifyOptions)}, with every explorer given to {@code hook} first. */
	public static Result verify(CompiledPolicy policy, VerifyOptions options, ExplorerHook hook) {
		policy.newInterpreter(options.params()); // refuses an unknown parameter or a value out of range first
		if (topologySizes(options).isEmpty()) {
			// the topology's own message: why it fits no size (a level it does not know, a size too large)
			TopologySpec.parse(options.topology(), options.cores());
			throw new IllegalArgumentException("topology " + options.topology() + " fits no machine of 1 to "
					+ options.cores() + " cores");
		}
		ParamPlan plan = ParamPlan.of(policy, options.params(), options.varyParams());
		long start = System.nanoTime();
		Result merged = null;
		long states = 0;
		for (Map<String, Long> values : plan.combinations()) {
			Result r = verifyAt(policy, options, nonDefault(policy, values), plan.description(), states, start, hook);
			states = r.states();
			if (r.verdict() == Result.Verdict.VIOLATED || r.verdict() == Result.Verdict.FAULT) {
				return r;
			}
			merged = merged == null ? r : merged.and(r);
		}
		return merged;
	}

	/** The values that differ from the defaults: what a counterexample names and its replay sets. */
	private static Map<String, Long> nonDefault(CompiledPolicy policy, Map<String, Long> values) {
		Map<String, Long> result = new LinkedHashMap<>();
		values.forEach((name, v) -> {
			if (v != policy.params().get(name).defaultValue()) {
				result.put(name, v);
			}
		});
		return result;
	}

	/**
	 * One exploration of every machine size, with the parameters at {@code values} (overrides of the
	 * defaults); {@code statesBefore} and {@code start} carry the totals of the explorations before.
	 */
	private static Result verifyAt(CompiledPolicy policy, VerifyOptions all, Map<String, Long> values,
			String params, long statesBefore, long start, ExplorerHook hook) {
		VerifyOptions options = all.withParams(values);
		Interpreter in = policy.newInterpreter(values);
		long[] steps = options.timeAdvances() ? options.timeSteps().stream().mapToLong(Long::longValue).toArray()
				: new long[0];
		long window = options.timeWindow() > 0 ? options.timeWindow() : defaultTimeWindow(options);
		long virtual = options.virtualWindow() > 0 ? options.virtualWindow() : 1;
		boolean readsAffinity = AffinityDomain.readsAffinity(policy);
		int pinned = pinnedBound(options, readsAffinity);
		String affinity = describeAffinity(pinned, readsAffinity);
		Explorer.Config config = new Explorer.Config(options.threads(), options.property() == Property.CWC, steps,
				options.horizon(), options.coreSymmetry(), window, virtual, options.maxStates(), options.progress(),
				pinned).withWorkers(options.workerCount());
		long states = statesBefore;
		int proved = 0;
		boolean complete = true;
		boolean approximate = false;
		List<Integer> unexercised = new ArrayList<>();
		List<Integer> fits = topologySizes(options);
		List<Integer> skipped = new ArrayList<>();
		for (int n = 1; n <= options.cores(); n++) {
			if (!fits.contains(n)) {
				skipped.add(n);
				continue;
			}
			Topology topology = TopologySpec.parse(options.topology(), n);
			Explorer explorer = new Explorer(policy, in, topology, config);
			hook.before(n, explorer);
			Outcome outcome = explorer.run();
			states += outcome.states();
			approximate |= explorer.timeApproximated();
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
					Counterexample cx = new CounterexampleBuilder(policy, in, options, explorer, affinity).build(outcome,
							states, explorer.compacts());
					if (!cx.tieSteps().isEmpty()) {
						// a run the simulator can replay is worth more than a shorter one it cannot
						Explorer byId = new Explorer(policy, in, topology, config.withLowestIdTies());
						Outcome replayable = byId.run();
						states += replayable.states();
						if (replayable.kind() == Outcome.Kind.VIOLATION || replayable.kind() == Outcome.Kind.FAULT) {
							int shortest = cx.steps().size();
							cx = new CounterexampleBuilder(policy, in, options, byId, affinity).build(replayable, states,
									byId.compacts());
							if (cx.steps().size() > shortest) {
								cx = cx.insteadOfOtherTies(shortest);
							}
						}
					}
					return new Result(cx.isFault() ? Result.Verdict.FAULT : Result.Verdict.VIOLATED, options.property(),
							options.cores(), options.threads(), proved, unexercised, states, System.nanoTime() - start,
							Optional.of(cx), inputsRead(policy), affinity, model(options, params, approximate, window,
									virtual), skipped);
			}
		}
		return new Result(complete ? Result.Verdict.HOLDS : Result.Verdict.INCONCLUSIVE, options.property(),
				options.cores(), options.threads(), proved, unexercised, states, System.nanoTime() - start,
				Optional.empty(), inputsRead(policy), affinity, model(options, params, approximate, window, virtual),
				skipped);
	}

	/**
	 * The rest of what a verdict's first line must say it covers: the topology, the parameter values, the
	 * time model, and, when the time windows merged states whose differences the policy reads, that the
	 * exploration is approximate: {@code flat topology; parameters at their defaults; time frozen at 0}.
	 */
	static String model(VerifyOptions o, String params, boolean approximate, long window, long virtual) {
		String time = o.timeAdvances()
				? "time advances by " + String.join(" or ", o.timeSteps().stream().map(Durations::format).toList())
						+ " up to " + Durations.format(o.horizon())
				: "time frozen at 0";
		String topology = VerifyOptions.FLAT.equals(o.topology()) ? "flat topology"
				: "topology " + o.topology() + " (on machines of " + String.join(", ", topologySizes(o).stream()
						.map(String::valueOf).toList()) + " cores: the sizes it divides)";
		String model = topology + "; " + params + "; " + time;
		if (approximate) {
			model += "; approximate: time differences beyond " + Durations.format(window) + " (now) and "
					+ Durations.format(virtual) + " (other clocks) not distinguished";
		}
		return model;
	}

	/** The machine sizes from 1 to the bound that the topology fits (every size for a flat one). */
	static List<Integer> topologySizes(VerifyOptions options) {
		List<Integer> sizes = new ArrayList<>();
		for (int n = 1; n <= options.cores(); n++) {
			try {
				TopologySpec.parse(options.topology(), n);
				sizes.add(n);
			} catch (IllegalArgumentException e) {
				// not a machine of this topology: a level's groups do not divide n cores
			}
		}
		return sizes;
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
