package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.WorkConservation;

/**
 * Affinity (docs/semantics.md, "Affinity"): what {@code affinity(t)} reads, the fault of a move to a core
 * the thread may not use, the steal that skips such threads, work conservation that counts only the
 * cores a waiting thread may use, and an affinity change.
 */
class AffinityTest {
	private static final ThreadInputs PINNED_TO_2 = ThreadInputs.DEFAULT.withAffinity(Affinity.of(2));

	/** Places a new thread on the least loaded core it may use, takes from a shared queue what self may run. */
	private static final String AWARE = """
			policy aware {
				shared queue overflow ordered by fifo;
				core { queue ready ordered by fifo; }
				on new(t) {
					if (size(affinity(t)) == 1) { t => overflow; } else { t => min(c in affinity(t) by runnable(c)).ready; }
				}
				on tick(t) { }
				on yield(t) { t => self.ready; }
				on block(t) { t => blocked; }
				on unblock(t) { t => cpu(t).ready; }
				on terminate(t) { t => terminated; }
				on schedule {
					var w = first(t in overflow where self in affinity(t));
					if (w != none) { w => self.current; } else if (!empty(self.ready)) { first(self.ready) => self.current; }
				}
				on balance on enter_idle {
					filter c: runnable(c) >= 2;
					select max by runnable(c);
					migrate t from c.ready;
					stop: runnable(self) >= 1;
				}
			}
			""";

	@Test
	void cpulistsParseAndPrintAsTheKernelWritesThem() {
		assertEquals("0-3,8", Affinity.parse("0-3, 8").toString());
		assertEquals("2", Affinity.of(2).toString());
		assertEquals(Affinity.of(0, 1, 2, 3), Affinity.parse("0-3"));
		assertTrue(Affinity.parse("1,3").allows(3));
		assertFalse(Affinity.parse("1,3").allows(2));
		assertEquals("'3-1' in '3-1' is a range that ends before it starts",
				assertThrows(IllegalArgumentException.class, () -> Affinity.parse("3-1")).getMessage());
		assertThrows(IllegalArgumentException.class, () -> Affinity.parse("a"));
		assertThrows(IllegalArgumentException.class, () -> Affinity.parse(""));
		assertThrows(IllegalArgumentException.class, () -> Affinity.parse("1,,2"));
	}

	@Test
	void aNewThreadPlacedAmongItsAllowedCoresAndTheSharedQueueServedOnlyWhereAllowed() {
		PolicyRun run = new PolicyRun(AWARE, 4, 8);
		run.interpreter.create(run.machine, 0, 0, PINNED_TO_2);
		run.interpreter.create(run.machine, 0, 1, PINNED_TO_2);
		run.endEvent(0);
		assertEquals(0, run.machine.current(2));
		assertEquals("t1", run.contents(run.machine.sharedQueue(0)), "cores 0, 1 and 3 may not take t1");
		run.interpreter.create(run.machine, 0, 2, ThreadInputs.DEFAULT.withAffinity(Affinity.parse("2-3")));
		assertEquals(3, run.machine.cpu(2), "the least loaded of cores 2 and 3");
		assertTrue(WorkConservation.holds(run.machine), "t1 may run only on core 2, which is busy");
		assertNull(run.machine.invariantViolation());
	}

	@Test
	void aMoveToACoreOutsideTheAffinityIsAFaultAtItsLine() {
		PolicyRun run = new PolicyRun(AWARE.replace("t => min(c in affinity(t) by runnable(c)).ready;",
				"t => self.ready;"), 4, 8);
		PolicyFault fault = assertThrows(PolicyFault.class, () -> run.interpreter.create(run.machine, 0, 0,
				ThreadInputs.DEFAULT.withAffinity(Affinity.parse("1-3"))));
		assertEquals("line 5: t0 may not run on core 0: its affinity is 1-3", fault.getMessage());
	}

	@Test
	void makingADisallowedThreadCurrentIsAFault() {
		PolicyRun run = new PolicyRun(AWARE.replace("var w = first(t in overflow where self in affinity(t));",
				"var w = first(overflow);"), 4, 8);
		run.interpreter.create(run.machine, 0, 0, PINNED_TO_2);
		PolicyFault fault = assertThrows(PolicyFault.class, () -> run.endEvent(0));
		assertTrue(fault.getMessage().endsWith("t0 may not run on core 0: its affinity is 2"), fault.getMessage());
	}

	@Test
	void theStealSkipsThreadsTheThiefMayNotRun() {
		PolicyRun run = new PolicyRun(AWARE.replace("if (size(affinity(t)) == 1) { t => overflow; } else {",
				"if (true) {").replace("by runnable(c)", "by 0"), 2, 8);
		Affinity core0 = Affinity.of(0);
		for (int t = 0; t < 3; t++) {
			run.interpreter.create(run.machine, 0, t, ThreadInputs.DEFAULT.withAffinity(t == 2 ? Affinity.ALL : core0));
		}
		assertEquals("t0 t1 t2", run.queueContents(0, "ready"));
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
		// core 1 runs a thread of its own, which blocks: core 1 goes idle and steals on the way
		run.interpreter.create(run.machine, 1, 3, ThreadInputs.DEFAULT.withAffinity(Affinity.of(1)));
		run.endEvent(1);
		run.interpreter.block(run.machine, 1);
		run.endEvent(1);
		assertEquals(2, run.machine.current(1), "core 1 passed over t1, pinned to core 0, and stole t2");
		assertEquals("t1", run.queueContents(0, "ready"));
		assertTrue(WorkConservation.holds(run.machine), "t1 waits, but only core 0 may run it");
		assertNull(run.machine.invariantViolation());
	}

	@Test
	void aCoreIsWastedOnlyWhenAWaitingThreadMayRunOnIt() {
		PolicyRun run = new PolicyRun(InterpreterTest.base("").replace("t => least().ready;", "t => self.ready;"), 3, 8);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1, ThreadInputs.DEFAULT.withAffinity(Affinity.parse("0,2")));
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
		assertFalse(WorkConservation.idleWithWaitingWork(run.machine, 1), "t1 may not run on core 1");
		assertTrue(WorkConservation.idleWithWaitingWork(run.machine, 2));
		assertEquals(2, WorkConservation.idleCoreWithWaitingWork(run.machine));
		assertEquals(1, WorkConservation.waitingThreadFor(run.machine, 2));
	}

	@Test
	void anAffinityChangeMovesAThreadOffACoreItMayNoLongerUseThroughUnblock() {
		PolicyRun run = new PolicyRun(AWARE, 4, 8);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
		run.interpreter.changeAffinity(run.machine, 1, 0, Affinity.parse("0-1"));
		assertEquals(0, run.machine.current(0), "core 0 is still allowed: nothing moves");
		run.interpreter.changeAffinity(run.machine, 1, 0, Affinity.of(3));
		assertEquals(ThreadState.READY, run.machine.state(0));
		assertEquals(3, run.machine.cpu(0), "taken off core 0; cpu(t) is now core 3, where unblock queued it");
		assertEquals("t0", run.queueContents(3, "ready"));
		run.endEvent(1);
		assertEquals(0, run.machine.current(3));
		assertNull(run.machine.invariantViolation());
	}

	@Test
	void anAffinityWithNoCoreOfTheMachineIsTheEnvironmentsError() {
		PolicyRun run = new PolicyRun(AWARE, 2, 8);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> run.interpreter.create(run.machine, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(5))));
		assertEquals("affinity 5 allows none of the 2 cores (0-1)", e.getMessage());
		assertEquals(0, run.machine.threads(), "nothing was created");
		assertFalse(run.machine.hasRestrictedAffinity());
	}

	@Test
	void cpuOfAThreadIsAlwaysACoreItMayUse() {
		PolicyRun run = new PolicyRun(AWARE, 4, 8);
		run.interpreter.create(run.machine, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.parse("1-2")));
		assertEquals(1, run.machine.cpu(0));
		run.endEvent(0);
		run.interpreter.block(run.machine, 1);
		run.interpreter.changeAffinity(run.machine, 0, 0, Affinity.of(3));
		assertEquals(ThreadState.BLOCKED, run.machine.state(0), "a blocked thread stays blocked");
		assertEquals(3, run.machine.cpu(0), "its last core moved into the new set: unblock's cpu(t) is legal");
		run.interpreter.unblock(run.machine, 0, 0);
		assertEquals("t0", run.queueContents(3, "ready"));
		assertNull(run.machine.invariantViolation());
	}

	@Test
	void restrictedAffinityIsPartOfTheStateAndSurvivesCopies() {
		PolicyRun run = new PolicyRun(AWARE, 4, 8);
		run.interpreter.create(run.machine, 0, 0, PINNED_TO_2);
		Machine copy = run.machine.copy();
		assertEquals(run.machine, copy);
		assertEquals("2", copy.affinity(0).toString());
		assertTrue(copy.hasRestrictedAffinity());
		PolicyRun other = new PolicyRun(AWARE, 4, 8);
		other.interpreter.create(other.machine, 0, 0);
		assertFalse(run.machine.equals(other.machine), "the same but for t0's affinity");
		assertEquals(Topology.flat(4), run.machine.topology());
	}
}
