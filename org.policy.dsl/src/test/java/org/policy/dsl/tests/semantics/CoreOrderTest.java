package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CoreOrder;
import org.policy.dsl.semantics.Machine;

/**
 * Every choice of one core among several by id asks the interpreter's {@link CoreOrder}: by default the
 * lowest id (docs/semantics.md), and whatever another order says (the verifier's tie choices). Here the
 * other order puts the highest id first.
 */
class CoreOrderTest {
	private static final CoreOrder HIGHEST = candidates -> 63 - Long.numberOfLeadingZeros(candidates);

	private static final String POLICY = """
			policy ties {
				core { queue runq ordered by fifo; }
				function core least() = min(c in cores by runnable(c));
				function core busiest() = max(c in cores by runnable(c));
				function core firstIdle() = first(c in cores where runnable(c) == 0);
				on new(t) { t => least().runq; }
				on tick(t) { }
				on yield(t) { t => firstIdle().runq; }
				on block(t) { t => blocked; }
				on unblock(t) { t => busiest().runq; }
				on terminate(t) { t => terminated; }
				on schedule {
					if (!empty(self.runq)) {
						first(self.runq) => self.current;
					}
				}
			}
			""";

	@Test
	void aMinimumOverCoresGoesToTheLowestIdByDefault() {
		PolicyRun run = new PolicyRun(POLICY, 3, 4);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		assertEquals(0, run.machine.current(0));
	}

	@Test
	void aMinimumOverCoresGoesWhereTheOrderSays() {
		PolicyRun run = new PolicyRun(POLICY, 3, 4);
		run.interpreter.setCoreOrder(HIGHEST);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		assertEquals(0, run.machine.current(2));
		assertEquals(Machine.NONE, run.machine.current(0));
	}

	@Test
	void aMaximumOverCoresGoesWhereTheOrderSays() {
		PolicyRun run = new PolicyRun(POLICY, 3, 4);
		run.interpreter.setCoreOrder(HIGHEST);
		Machine m = run.machine;
		run.interpreter.create(m, 0, 0); // on core 2 (least, highest first)
		run.endEvent(0);
		run.interpreter.create(m, 0, 1); // on core 1: cores 0 and 1 tie at 0, the highest first
		run.endEvent(0);
		run.interpreter.block(m, 1);
		run.endEvent(1);
		// core 2 is the only busiest now (1 runnable thread): t1 wakes into its queue
		run.interpreter.unblock(m, 0, 1);
		run.endEvent(0);
		assertEquals("t1", run.queueContents(2, "runq"));
	}

	@Test
	void firstOverCoresIsTheFirstMatchInTheOrdersSequence() {
		PolicyRun run = new PolicyRun(POLICY, 3, 4);
		run.interpreter.setCoreOrder(HIGHEST);
		Machine m = run.machine;
		run.interpreter.create(m, 0, 0); // on core 2
		run.endEvent(0);
		run.interpreter.yield(m, 2); // cores 0 and 1 are idle: the highest first
		run.endEvent(2);
		assertEquals(0, m.current(1));
	}

	/**
	 * The idle kick has no order to follow: every idle core that may run a waiting shared-queue thread gets a
	 * pending reschedule, so no tie between idle cores is broken (docs/semantics.md, "Concurrency").
	 */
	@Test
	void theIdleKickWakesEveryIdleCoreWhateverTheOrder() {
		String shared = """
				policy shared {
					shared queue ready ordered by fifo;
					on new(t) { t => ready; }
					on tick(t) { }
					on yield(t) { t => ready; }
					on block(t) { t => blocked; }
					on unblock(t) { t => ready; }
					on terminate(t) { t => terminated; }
					on schedule {
						if (!empty(ready)) {
							first(ready) => self.current;
						}
					}
				}
				""";
		for (CoreOrder order : new CoreOrder[] { CoreOrder.BY_ID, HIGHEST }) {
			PolicyRun run = new PolicyRun(shared, 3, 2);
			run.interpreter.setCoreOrder(order);
			run.interpreter.create(run.machine, 0, 0);
			run.interpreter.complete(run.machine, 0); // core 0 takes t0 itself
			run.interpreter.create(run.machine, 0, 1);
			run.interpreter.complete(run.machine, 0); // t1 waits: both idle cores are kicked
			assertEquals(0, run.machine.current(0));
			assertEquals(2, run.machine.pendingReschedules());
			assertEquals(true, run.machine.reschedulePending(1) && run.machine.reschedulePending(2));
		}
	}
}
