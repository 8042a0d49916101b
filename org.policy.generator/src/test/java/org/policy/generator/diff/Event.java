package org.policy.generator.diff;

import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.ThreadInputs;

/**
 * One environment event of a test sequence: the time it happens and what happens; a {@code new} event
 * also carries the new thread's inputs (the same for the reference and the C), an {@code affinity} event
 * (thread's affinity changed by a thread running on core) its new set, as {@code inputs.affinity()}.
 */
record Event(long now, String op, int core, int thread, ThreadInputs inputs) {
	Event(long now, String op, int core, int thread) {
		this(now, op, core, thread, ThreadInputs.DEFAULT);
	}

	/** Thread {@code thread}'s affinity becomes {@code allowed}, set by a thread running on {@code core}. */
	static Event affinity(long now, int core, int thread, Affinity allowed) {
		return new Event(now, "affinity", core, thread, ThreadInputs.DEFAULT.withAffinity(allowed));
	}

	/** The line the C driver reads (kernel-runtime/user/prt_driver.c); an affinity as a cpulist, or "all". */
	String line() {
		if (op.equals("new")) {
			return "E " + now + " new " + core + " " + inputs.nice() + " " + inputs.runtime() + " " + inputs.deadline()
					+ " " + inputs.period() + " " + inputs.group() + " " + inputs.groupWeight() + " " + inputs.affinity();
		}
		if (op.equals("affinity")) {
			return "E " + now + " affinity " + core + " " + thread + " " + inputs.affinity();
		}
		return "E " + now + " " + op + " " + core + " " + thread;
	}

	@Override
	public String toString() {
		return "@" + now + " " + op + switch (op) {
			case "unblock" -> " core " + core + " t" + thread;
			case "new" -> " core " + core + " nice " + inputs.nice() + (inputs.runtime() == 0 ? ""
					: " runtime " + inputs.runtime() + " deadline " + inputs.deadline() + " period " + inputs.period())
					+ (inputs.group() == 0 ? "" : " group " + inputs.group() + " weight " + inputs.groupWeight())
					+ (inputs.affinity().isAll() ? "" : " cpus " + inputs.affinity());
			case "affinity" -> " core " + core + " t" + thread + " cpus " + inputs.affinity();
			default -> " core " + core;
		};
	}
}
