package org.policy.verifier.explore;

import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;

/**
 * Applies one environment step to a machine through the reference interpreter, then ends it on the core
 * it ran on ({@link Interpreter#complete}: that core settles, other cores it changed get pending
 * reschedules), as the simulator does after every event (docs/semantics.md, "Concurrency"). A
 * {@code reschedule} step delivers one pending reschedule. The explorer, the replay that builds
 * counterexamples and any simulator replaying a counterexample file do exactly this.
 */
public final class Transitions {
	private Transitions() {
	}

	/** {@link #apply(Interpreter, Machine, int, int, int, long, ThreadInputs)} with a default thread for new. */
	public static void apply(Interpreter in, Machine m, int kind, int core, int thread, long delta) {
		apply(in, m, kind, core, thread, delta, ThreadInputs.DEFAULT);
	}

	/**
	 * @param thread the blocked thread to wake (unblock only)
	 * @param delta  how far time advances (advance only)
	 * @param inputs the created thread's inputs (new only)
	 */
	public static void apply(Interpreter in, Machine m, int kind, int core, int thread, long delta,
			ThreadInputs inputs) {
		switch (kind) {
			case Step.NEW -> in.create(m, core, m.threads(), inputs);
			case Step.BLOCK -> in.block(m, core);
			case Step.UNBLOCK -> in.unblock(m, core, thread);
			case Step.TERMINATE -> in.terminate(m, core);
			case Step.TICK -> in.tick(m, core);
			case Step.YIELD -> in.yield(m, core);
			case Step.BALANCE -> in.balance(m, core);
			case Step.RESCHEDULE -> {
				in.reschedule(m, core);
				return;
			}
			case Step.ADVANCE -> {
				m.setNow(m.now() + delta);
				return; // nothing ran on any core
			}
			default -> throw new IllegalArgumentException("step kind " + kind);
		}
		in.complete(m, core);
	}
}
