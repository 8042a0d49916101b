package org.policy.generator.diff;

/** One environment event of a test sequence: the time it happens and what happens. */
record Event(long now, String op, int core, int thread) {
	/** The line the C driver reads (kernel-runtime/user/prt_driver.c). */
	String line() {
		return "E " + now + " " + op + " " + core + " " + thread;
	}

	@Override
	public String toString() {
		return "@" + now + " " + op + switch (op) {
			case "settle" -> "";
			case "unblock" -> " core " + core + " t" + thread;
			default -> " core " + core;
		};
	}
}
