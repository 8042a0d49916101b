package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.WorkConservation;

/** The small Machine/WorkConservation API the verifier needs: copyFrom, keyAt, removeTerminated, per-core WC. */
class ExplorerSupportTest {

	/** Every thread goes to its creator's queue: placement is fully controlled by the test. */
	private static final String LOCAL = InterpreterTest.base("")
			.replace("t => least().ready;", "t.vruntime = now; t => self.ready;");

	@Test
	void copyFromRestoresEveryPartOfTheState() {
		PolicyRun run = new PolicyRun(LOCAL, 2, 4);
		Machine before = run.machine.copy();
		run.machine.setNow(7);
		run.interpreter.create(run.machine, 1, 0);
		run.interpreter.create(run.machine, 1, 1);
		run.endEvent(1);
		run.interpreter.block(run.machine, 1);
		Machine after = run.machine.copy();
		assertNotEquals(before, after);
		run.machine.copyFrom(before);
		assertEquals(before, run.machine);
		run.machine.copyFrom(after);
		assertEquals(after, run.machine);
		Machine other = run.policy.newMachine(Topology.flat(3), 4);
		assertThrows(IllegalArgumentException.class, () -> run.machine.copyFrom(other));
	}

	@Test
	void keyAtIsTheKeyAtInsertionNotTheCurrentAttribute() {
		PolicyRun run = new PolicyRun(LOCAL, 1, 4);
		run.machine.setNow(30);
		run.interpreter.create(run.machine, 0, 0);
		run.machine.setNow(10);
		run.interpreter.create(run.machine, 0, 1);
		int q = run.queue(0, "ready");
		assertEquals("t1 t0", run.queueContents(0, "ready"));
		run.machine.setThreadAttr(1, 0, 99);
		assertEquals(10, run.machine.keyAt(q, 0));
		assertEquals(30, run.machine.keyAt(q, 1));
	}

	@Test
	void removeTerminatedRenumbersSurvivorsInOrderEverywhere() {
		PolicyRun run = new PolicyRun(LOCAL, 2, 4);
		for (int t = 0; t < 4; t++) {
			run.machine.setNow(t);
			run.interpreter.create(run.machine, t < 2 ? 0 : 1, t);
		}
		run.endEvent(1); // core 0 runs t0, t1 waits; core 1 runs t2, t3 waits
		run.interpreter.terminate(run.machine, 0); // t0 terminated
		run.endEvent(0); // core 0 runs t1
		run.interpreter.block(run.machine, 1); // t2 blocked (cpu 1)
		run.endEvent(1); // core 1 runs t3
		assertEquals(1, run.machine.removeTerminated());
		assertEquals(3, run.machine.threads());
		// old t1, t2, t3 are now t0, t1, t2
		assertEquals(0, run.machine.current(0));
		assertEquals(2, run.machine.current(1));
		assertEquals(ThreadState.BLOCKED, run.machine.state(1));
		assertEquals(1, run.machine.cpu(1));
		assertEquals(2, run.threadAttr(1, "vruntime"), "attributes move with their thread");
		assertEquals(ThreadState.NONEXISTENT, run.machine.state(3));
		assertEquals(0, run.machine.removeTerminated(), "nothing left to remove");
		// the freed id is reused by the next creation, and the machine still runs
		run.interpreter.create(run.machine, 0, 3);
		assertEquals("t3", run.queueContents(0, "ready"));
		run.interpreter.unblock(run.machine, 0, 1);
		assertEquals("t1", run.queueContents(1, "ready"));
	}

	@Test
	void removeTerminatedRenumbersQueuedThreads() {
		PolicyRun run = new PolicyRun(LOCAL, 1, 4);
		for (int t = 0; t < 3; t++) {
			run.interpreter.create(run.machine, 0, t);
		}
		run.endEvent(0);
		run.interpreter.terminate(run.machine, 0);
		run.machine.removeTerminated();
		assertEquals("t0 t1", run.queueContents(0, "ready"));
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
	}

	@Test
	void perCoreWorkConservationAgreesWithTheMachineWidePredicate() {
		PolicyRun run = new PolicyRun(LOCAL, 3, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.interpreter.create(run.machine, 0, 1);
		run.endEvent(0);
		assertFalse(WorkConservation.idleWithWaitingWork(run.machine, 0), "core 0 runs t0");
		assertTrue(WorkConservation.idleWithWaitingWork(run.machine, 1));
		assertTrue(WorkConservation.idleWithWaitingWork(run.machine, 2));
		assertEquals(1, WorkConservation.idleCoreWithWaitingWork(run.machine));
		run.interpreter.block(run.machine, 0);
		run.endEvent(0);
		for (int c = 0; c < 3; c++) {
			assertFalse(WorkConservation.idleWithWaitingWork(run.machine, c));
		}
		assertTrue(WorkConservation.holds(run.machine));
	}
}
