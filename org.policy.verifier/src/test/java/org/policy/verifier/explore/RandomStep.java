package org.policy.verifier.explore;

import java.util.stream.IntStream;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;

/**
 * One step of a random run in the key property tests: applies an environment event on a core, or skips it
 * when it makes no sense in the state (a new thread beyond the bound, an unblock with no blocked thread,
 * an event of a running thread on a core that runs none), then forgets terminated threads, as the
 * explorer does.
 */
final class RandomStep {
	private RandomStep() {
	}

	/** {@code pick} chooses among the blocked threads; {@code inputs} are a created thread's. */
	static void apply(Interpreter in, Machine m, int kind, int core, int pick, ThreadInputs inputs, int maxThreads) {
		switch (kind) {
			case Step.NEW -> {
				if (m.threads() < maxThreads) {
					Transitions.apply(in, m, Step.NEW, core, 0, 0, inputs);
				}
			}
			case Step.UNBLOCK -> {
				int[] blocked = IntStream.range(0, m.threads()).filter(t -> m.state(t) == ThreadState.BLOCKED).toArray();
				if (blocked.length > 0) {
					Transitions.apply(in, m, Step.UNBLOCK, core, blocked[pick % blocked.length], 0);
				}
			}
			default -> {
				if (m.current(core) != Machine.NONE) {
					Transitions.apply(in, m, kind, core, 0, 0);
				}
			}
		}
		m.removeTerminated();
	}
}
