package org.policy.dsl.output;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outputs being written right now, and one shutdown hook that discards them: SIGTERM and SIGINT end
 * the JVM through its shutdown hooks, without unwinding the command's try-with-resources, so without the
 * hook an interrupted run would leave its {@code .NAME.partial-NNN} behind. (SIGKILL cannot be caught.)
 */
final class PendingOutputs {
	private static final Set<AtomicOutput> PENDING = new LinkedHashSet<>();
	private static boolean hooked;

	private PendingOutputs() {
	}

	/** Installs the shutdown hook, once. */
	static synchronized void hook() {
		if (!hooked) {
			try {
				Runtime.getRuntime().addShutdownHook(new Thread(PendingOutputs::discardAll, "policy-output-cleanup"));
			} catch (IllegalStateException e) {
				// already shutting down: the command will not get far enough to commit anyway
			}
			hooked = true;
		}
	}

	static synchronized void add(AtomicOutput output) {
		hook();
		PENDING.add(output);
	}

	static synchronized void remove(AtomicOutput output) {
		PENDING.remove(output);
	}

	static void discardAll() {
		List<AtomicOutput> outputs;
		synchronized (PendingOutputs.class) {
			outputs = new ArrayList<>(PENDING);
		}
		// an output in the middle of its commit finishes it first: discard waits for its lock
		outputs.forEach(AtomicOutput::discard);
	}
}
