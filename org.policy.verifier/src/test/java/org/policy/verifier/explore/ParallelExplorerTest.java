package org.policy.verifier.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.TopologySpec;
import org.policy.verifier.TestPolicies;

/**
 * The explorer's outcome does not depend on how many workers expand its levels: the same states, the
 * same counterexample path and ties, the same flags (a thread waited, time approximated), the states told
 * to the visitor in the same order. Each case ends one way (holds, violation, fault, state limit); the
 * property stops searches at arbitrary state limits, which fall anywhere within a level and its chunks.
 */
class ParallelExplorerTest {

	/** What one exploration found, everything a verdict is made of. */
	private record Found(Outcome.Kind kind, long states, int depth, List<Long> path, List<Long> ties, String fault,
			boolean waited, boolean approximated, List<Long> visitedKeys) {
	}

	private static Found explore(CompiledPolicy policy, String topology, int cores, Explorer.Config config) {
		Topology t = TopologySpec.parse(topology, cores);
		Explorer e = new Explorer(policy, policy.newInterpreter(), t, config);
		List<Long> keys = new ArrayList<>();
		StateKeys k = new StateKeys(cores, config.threads(), policy.layout().threadSlots(), policy.layout().coreSlots(),
				false, true, true, TimeFamilies.of(policy.policy()), Long.MAX_VALUE, Long.MAX_VALUE);
		e.setVisitor((m, round) -> {
			k.analyse(m, round);
			keys.add(k.hash1);
		});
		Outcome o = e.run();
		return new Found(o.kind(), o.states(), o.depth(), boxed(o.path()), boxed(o.ties()), o.fault(),
				e.someThreadWaited(), e.timeApproximated(), keys);
	}

	private static List<Long> boxed(long[] values) {
		List<Long> list = new ArrayList<>();
		for (long v : values) {
			list.add(v);
		}
		return list;
	}

	private static Explorer.Config config(int threads, boolean cwc, long step, long horizon, long window,
			boolean symmetry, long maxStates, int pinned) {
		long[] steps = step > 0 ? new long[] { step } : new long[0];
		return new Explorer.Config(threads, cwc, steps, horizon, symmetry, window, 1, maxStates, (c, s, d, f) -> { },
				pinned);
	}

	private static CompiledPolicy policy(String name) {
		return name.startsWith("library:") ? TestPolicies.parse(TestPolicies.libraryText(name.substring(8)),
				name.substring(8) + ".policy") : TestPolicies.load(name);
	}

	@ParameterizedTest(name = "{0} {1} cores={2} threads={3} cwc={4} -> {10}, approximated={11}")
	@CsvSource({
			// holds, with thread inputs explored
			"library:cfs_cwc, flat,  3, 4, true,  0,       0,        1,       true,  0, HOLDS, false",
			"library:cfs_cwc, flat,  3, 4, false, 0,       0,        1,       true,  0, HOLDS, false",
			// a violation that only ties between cores show (no symmetry)
			"least_loaded_thief, flat, 3, 4, false, 0,   0,        1,       false, 0, VIOLATION, false",
			// a violation on a hierarchical machine
			"llc_steal, llc=2, 4, 3, false, 0,           0,        1,       false, 0, VIOLATION, false",
			// a fault: a new thread pinned away from the core that queues it
			"self_placement, flat, 2, 3, false, 0,       0,        1,       true,  1, FAULT, false",
			// time advances, and a window narrower than the steps approximates
			"rr_steal, flat, 2, 2, false, 5000000, 10000000, 1000000, true,  0, HOLDS, true",
			"warmup_steal, flat, 2, 3, true, 5000000, 5000000, 5000000, true,  0, HOLDS, false" })
	void everyNumberOfWorkersFindsWhatOneFinds(String name, String topology, int cores, int threads, boolean cwc,
			long step, long horizon, long window, boolean symmetry, int pinned, Outcome.Kind expected,
			boolean approximated) {
		CompiledPolicy policy = policy(name);
		Explorer.Config config = config(threads, cwc, step, horizon, window, symmetry, 5_000_000, pinned);
		Found one = explore(policy, topology, cores, config);
		assertEquals(expected, one.kind());
		assertEquals(approximated, one.approximated());
		for (int workers = 2; workers <= 4; workers++) {
			assertEquals(one, explore(policy, topology, cores, config.withWorkers(workers)), workers + " workers");
		}
	}

	/** Stopped by the state limit anywhere in a level: the same states, the same flags. */
	@Property(tries = 40)
	void aStateLimitStopsEveryNumberOfWorkersAtTheSameState(@ForAll @IntRange(min = 1, max = 6000) int limit,
			@ForAll @IntRange(min = 2, max = 4) int workers, @ForAll boolean cwc) {
		CompiledPolicy policy = policy("library:cfs_cwc");
		Explorer.Config config = config(4, cwc, 0, 0, 1, true, limit, 0);
		Found one = explore(policy, "flat", 3, config);
		assertEquals(one, explore(policy, "flat", 3, config.withWorkers(workers)));
	}
}
