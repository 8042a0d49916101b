package org.policy.verifier.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Machine;
import org.policy.verifier.TestPolicies;

/** The explorer on machines small enough to enumerate every state by hand. */
class TinyMachineTest {
	private static final CompiledPolicy LOCALITY = TestPolicies.load("locality");
	/** Locality with a periodic balance that never moves anything: it has balancing rounds, all empty. */
	private static final CompiledPolicy LOCALITY_ROUNDS = TestPolicies.parse(TestPolicies.text("locality")
			.replaceFirst("\\}\\s*$", """
					on balance every 4ms {
						filter c: runnable(c) >= 2;
						select max by runnable(c);
						migrate t from c.runq;
						stop: true;
					}
				}
				"""), "locality.policy");

	private static Explorer explorer(CompiledPolicy policy, int cores, int threads, boolean cwc, boolean symmetry) {
		return new Explorer(policy, policy.newInterpreter(), cores,
				new Explorer.Config(threads, cwc, new long[0], 0, symmetry, 1, 1, 1_000_000, (c, s, d, f) -> { }));
	}

	/**
	 * One core, one thread: I (no thread), A (t0 runs), B (t0 blocked). new: I→A; block: A→B; unblock: B→A;
	 * terminate: A→I (the thread is forgotten); tick, yield and the one-core balancing round lead back to the
	 * same state. Exactly three states.
	 */
	@Test
	void oneCoreOneThreadHasThreeStates() {
		Outcome o = explorer(LOCALITY, 1, 1, false, true).run();
		assertEquals(Outcome.Kind.HOLDS, o.kind());
		assertEquals(3, o.states());
		assertEquals(3, o.depth(), "three breadth-first layers: {I}, {A}, {B}");
	}

	/**
	 * Two cores, one thread, WC rounds (of a locality that balances periodically but never steals). Free states: I (nothing), A (t0 runs on core 0: least loaded, lowest
	 * id), B (t0 blocked, remembers core 0), and A' (t0 created by core 1 waits in idle core 0's queue, core
	 * 0's reschedule pending; its delivery gives A). Round states (machine, cores done), which start only in
	 * a quiescent state (not A'): in I both cores are alike, so one state (I,{0}); in A and B the cores
	 * differ: (A,{0}), (A,{1}), (B,{0}), (B,{1}). Nine in all. Without core symmetry, seventeen: the least
	 * loaded of two empty cores is a tie, which the verifier lets go either way, so t0 may start on core 1
	 * too (A, A' and B are two states each, A and B with their two round states each), and (I,{0}) differs
	 * from (I,{1}).
	 */
	@Test
	void twoCoresOneThreadWithAndWithoutSymmetry() {
		assertEquals(9, explorer(LOCALITY_ROUNDS, 2, 1, false, true).run().states());
		assertEquals(17, explorer(LOCALITY_ROUNDS, 2, 1, false, false).run().states());
	}

	/** CWC has no round states: the steals are ordinary steps, so I, A, A' and B only (see above). */
	@Test
	void cwcExploresMachineStatesOnly() {
		Outcome o = explorer(LOCALITY, 2, 1, true, true).run();
		assertEquals(Outcome.Kind.HOLDS, o.kind());
		assertEquals(4, o.states());
	}

	/**
	 * Two cores, two threads, locality: a violation needs both threads on core 0 with core 1 idle. A second
	 * new thread goes to the less loaded core, so the shortest way is: new t0 (core 0), block t0, new t1 (core
	 * 0 again: both cores are empty, lowest id wins), unblock t0 (back to its core 0): core 1 is idle beside
	 * two threads on core 0, and locality has no periodic balancing, so that state is already a violation.
	 */
	@Test
	void shortestLocalityCounterexampleOnTwoCoresTwoThreads() {
		Outcome o = explorer(LOCALITY, 2, 2, false, true).run();
		assertEquals(Outcome.Kind.VIOLATION, o.kind());
		List<String> steps = new ArrayList<>();
		for (long s : o.path()) {
			steps.add(Step.name(Step.kind(s)) + "@" + Step.core(s));
		}
		assertEquals(List.of("new@0", "block@0", "new@0", "unblock@0"), steps);
	}

	/**
	 * fifo_affinity on two cores with one thread that may be pinned: I (nothing), A (t0 runs on core 0,
	 * the first idle core to look at the shared queue), B (t0 blocked); and pinned: P (t0 runs on the core
	 * it is pinned to, whichever created it), Q (t0 blocked, pinned), and P' (t0 waits in the shared queue
	 * for the core it is pinned to, whose reschedule is pending: created or woken by the other core, which
	 * may not run it). With core symmetry P, Q and P' are one state each whatever the core: 6 states.
	 * Without, P, Q and P' are two each (pinned to core 0 or to core 1), and so is A: which idle core looks
	 * at the shared queue first is a tie the verifier lets go either way: 10 states.
	 */
	@Test
	void twoCoresOnePinnableThread() {
		CompiledPolicy fifo = TestPolicies.load("fifo_affinity");
		assertEquals(3, pinnable(fifo, true, 0).run().states(), "no thread pinned: I, A, B");
		assertEquals(6, pinnable(fifo, true, 1).run().states());
		assertEquals(10, pinnable(fifo, false, 1).run().states());
	}

	private static Explorer pinnable(CompiledPolicy policy, boolean symmetry, int pinned) {
		return new Explorer(policy, policy.newInterpreter(), 2,
				new Explorer.Config(1, true, new long[0], 0, symmetry, 1, 1, 1_000_000, (c, s, d, f) -> { }, pinned));
	}

	@Test
	void everyNewStateIsReportedOnceAndIsReallyReachable() {
		List<Machine> seen = new ArrayList<>();
		Explorer e = explorer(LOCALITY, 1, 1, false, true);
		e.setVisitor((m, round) -> seen.add(m.copy()));
		e.run();
		assertEquals(3, seen.size());
		int[] threads = seen.stream().mapToInt(Machine::threads).toArray();
		assertArrayEquals(new int[] { 0, 1, 1 }, threads);
	}
}
