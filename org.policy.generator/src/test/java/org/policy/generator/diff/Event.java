package org.policy.generator.diff;

import org.policy.dsl.semantics.ThreadInputs;

/**
 * One environment event of a test sequence: the time it happens and what happens; a {@code new} event
 * also carries the new thread's inputs (the same for the reference and the C).
 */
record Event(long now, String op, int core, int thread, ThreadInputs inputs) {
	Event(long now, String op, int core, int thread) {
		this(now, op, core, thread, ThreadInputs.DEFAULT);
	}

	/** The line the C driver reads (kernel-runtime/user/prt_driver.c). */
	String line() {
		if (op.equals("new")) {
			return "E " + now + " new " + core + " " + inputs.nice() + " " + inputs.runtime() + " " + inputs.deadline()
					+ " " + inputs.period() + " " + inputs.group() + " " + inputs.groupWeight();
		}
		return "E " + now + " " + op + " " + core + " " + thread;
	}

	@Override
	public String toString() {
		return "@" + now + " " + op + switch (op) {
			case "settle" -> "";
			case "unblock" -> " core " + core + " t" + thread;
			case "new" -> " core " + core + " nice " + inputs.nice() + (inputs.runtime() == 0 ? ""
					: " runtime " + inputs.runtime() + " deadline " + inputs.deadline() + " period " + inputs.period())
					+ (inputs.group() == 0 ? "" : " group " + inputs.group() + " weight " + inputs.groupWeight());
			default -> " core " + core;
		};
	}
}
