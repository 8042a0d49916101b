package org.policy.workload;

/** Sizes the simulator refuses to exceed, known to readers so their messages can name the field. */
public final class Limits {
	/**
	 * The most threads one run simulates: 2^22, Linux's own PID_MAX_LIMIT. Thread slots are memory the
	 * engine allocates up front (docs/simulator.md, "Limits").
	 */
	public static final int MAX_THREADS = 1 << 22;
	/** The most arrivals per second a Poisson process may have: one per ns, the clock's resolution. */
	public static final double MAX_RATE = 1e9;
	/**
	 * The longest timer period (µs): the simulator keeps a period in ns below bit 62, which marks a timer
	 * in absolute mode.
	 */
	public static final long MAX_TIMER_PERIOD_US = ((1L << 62) - 1) / 1000;

	private Limits() {
	}
}
