package org.policy.verifier.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.TestPolicies;

/**
 * Core symmetry is exact only for policies that treat cores alike, and the language breaks ties by the
 * lowest core id. This checks, on small machines, that the reduced exploration reaches exactly the same
 * classes of states (up to renumbering cores) as the full one, and the same verdict: nothing was lost.
 */
class SymmetryCrossCheckTest {

	private static Explorer explorer(CompiledPolicy policy, int cores, int threads, boolean cwc, boolean symmetry) {
		return new Explorer(policy, policy.newInterpreter(), cores,
				new Explorer.Config(threads, cwc, new long[0], 0, symmetry, 1, 1, 5_000_000, (c, s, d, f) -> { }));
	}

	@ParameterizedTest(name = "{0} cwc={1}")
	@CsvSource({ "global_fifo, false", "global_fifo, true", "rr_steal, false", "rr_steal, true", "cfs_load, true",
			"locality, true", "warmup_steal, false" })
	void reducedExplorationReachesEveryClassTheFullOneReaches(String name, boolean cwc) {
		CompiledPolicy policy = TestPolicies.load(name);
		int cores = 3;
		int threads = 3;
		Set<String> full = classes(policy, cores, threads, cwc, false);
		Set<String> reduced = classes(policy, cores, threads, cwc, true);
		assertEquals(full, reduced);
		assertTrue(full.size() > 10);
	}

	/**
	 * The same for policies that read thread inputs: new threads of different nice values or deadlines
	 * are explored, and the reductions (thread renaming, representative blocked threads and cores) must
	 * keep them apart. The library's cfs_cwc reads weight, global_edf deadline.
	 */
	@ParameterizedTest(name = "{0} cwc={1}")
	@CsvSource({ "cfs_cwc, true", "cfs_cwc, false", "global_edf, true" })
	void theSameWithThreadInputs(String name, boolean cwc) {
		CompiledPolicy policy = TestPolicies.parse(TestPolicies.libraryText(name), name + ".policy");
		assertTrue(InputDomain.of(ModelFeatures.of(policy).threadInputs()).size() > 1);
		Set<String> full = classes(policy, 3, 3, cwc, false);
		Set<String> reduced = classes(policy, 3, 3, cwc, true);
		assertEquals(full, reduced);
		assertTrue(full.size() > 10);
	}

	/** The symmetric keys of every state an exploration visits (stopping at the first violation if any). */
	private static Set<String> classes(CompiledPolicy policy, int cores, int threads, boolean cwc, boolean symmetry) {
		StateKeys keys = new StateKeys(cores, threads, policy.layout().threadSlots(), policy.layout().coreSlots(), true,
				false, ModelFeatures.of(policy).readsCpu(), TimeFamilies.of(policy.policy()), 1, 1);
		Set<String> seen = new HashSet<>();
		Explorer e = explorer(policy, cores, threads, cwc, symmetry);
		e.setVisitor((m, round) -> {
			keys.analyse(m, round);
			seen.add(keys.hash1 + ":" + keys.hash2);
		});
		Outcome o = e.run();
		seen.add("outcome " + o.kind()); // depths differ: the full run meets renumbered states later
		return seen;
	}
}
