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
 * Core symmetry is exact because every tie between cores may go any way (TieChoices): nothing else in the
 * model depends on core ids. This checks, on small machines, that the reduced exploration reaches exactly
 * the same classes of states (up to renumbering cores) as the full one, and the same verdict: nothing was
 * lost. (TieBreakTest checks a policy that only ties tell apart: least_loaded_thief.)
 * The full one has no core symmetry and wakes every blocked thread, so it makes no representative
 * choice (of cores, of blocked threads, of pinned cores) at all.
 */
class SymmetryCrossCheckTest {

	private static Explorer explorer(CompiledPolicy policy, int cores, int threads, boolean cwc, boolean symmetry,
			int pinned) {
		return new Explorer(policy, policy.newInterpreter(), cores, new Explorer.Config(threads, cwc, new long[0], 0,
				symmetry, 1, 1, 5_000_000, (c, s, d, f) -> { }, pinned));
	}

	@ParameterizedTest(name = "{0} cwc={1}")
	@CsvSource({ "global_fifo, false", "global_fifo, true", "rr_steal, false", "rr_steal, true", "cfs_load, true",
			"locality, true", "warmup_steal, false" })
	void reducedExplorationReachesEveryClassTheFullOneReaches(String name, boolean cwc) {
		CompiledPolicy policy = TestPolicies.load(name);
		int cores = 3;
		int threads = 3;
		Set<String> full = classes(policy, cores, threads, cwc, false, 0);
		Set<String> reduced = classes(policy, cores, threads, cwc, true, 0);
		assertEquals(full, reduced);
		assertTrue(full.size() > 10);
	}

	/**
	 * The same with pinned threads (up to two alive at once): a renumbering of cores must carry each pinned
	 * thread's affinity along with its core, and the representative choices of the creating core, the core
	 * a new thread is pinned to and the waking core must lose nothing. fifo_affinity never calls cpu (its
	 * pinned threads are described at their core all the same), rr_affinity does.
	 */
	@ParameterizedTest(name = "{0} cwc={1}")
	@CsvSource({ "fifo_affinity, false", "fifo_affinity, true", "rr_affinity, false", "rr_affinity, true" })
	void theSameWithPinnedThreads(String name, boolean cwc) {
		CompiledPolicy policy = TestPolicies.load(name);
		Set<String> full = classes(policy, 3, 4, cwc, false, 2);
		Set<String> reduced = classes(policy, 3, 4, cwc, true, 2);
		assertEquals(full, reduced);
		assertTrue(full.size() > classes(policy, 3, 4, cwc, true, 0).size(), "pinned threads add states");
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
		Set<String> full = classes(policy, 3, 3, cwc, false, 0);
		Set<String> reduced = classes(policy, 3, 3, cwc, true, 0);
		assertEquals(full, reduced);
		assertTrue(full.size() > 10);
	}

	/** The symmetric keys of every state an exploration visits (stopping at the first violation if any). */
	private static Set<String> classes(CompiledPolicy policy, int cores, int threads, boolean cwc, boolean symmetry,
			int pinned) {
		StateKeys keys = new StateKeys(cores, threads, policy.layout().threadSlots(), policy.layout().coreSlots(), true,
				false, ModelFeatures.of(policy).readsCpu(), TimeFamilies.of(policy.policy()), 1, 1);
		Set<String> seen = new HashSet<>();
		Explorer e = explorer(policy, cores, threads, cwc, symmetry, pinned);
		if (!symmetry) {
			e.tryEveryBlockedThread(); // the full exploration makes no representative choice at all
		}
		e.setVisitor((m, round) -> {
			keys.analyse(m, round);
			seen.add(keys.hash1 + ":" + keys.hash2);
		});
		Outcome o = e.run();
		seen.add("outcome " + o.kind()); // depths differ: the full run meets renumbered states later
		return seen;
	}
}
