package org.policy.sim.workload;

/**
 * The instructions of a thread program (see {@link TaskProgram}). Each instruction is an op code and
 * two long arguments {@code a} and {@code b}; their meaning per op is given here. Durations are in ns.
 */
public final class Op {
	/** Consume {@code a} ns of CPU; {@code b} is a distribution index (-1: exactly {@code a}). */
	public static final int RUN = 0;
	/** Block for {@code a} ns (from now); {@code b} as for RUN. */
	public static final int SLEEP = 1;
	/**
	 * Block until the next expiry of timer {@code b} (period {@code a}); an expiry already past does
	 * not block. Timer ids below {@link Workload#sharedTimers()} are shared by all threads, the others
	 * are per thread (rt-app's {@code "unique"} timers); bit 62 of {@code a} marks absolute mode.
	 */
	public static final int TIMER = 2;
	/** Give the core up: the policy's {@code yield} handler. */
	public static final int YIELD = 3;
	/** Create a thread running task {@code a}, on this thread's core; this thread goes on. */
	public static final int FORK = 4;
	/** Wait at barrier {@code a} until all its participants have arrived. */
	public static final int BARRIER = 5;
	/** Block on condition {@code a} until it is signalled (rt-app wait, suspend). */
	public static final int WAIT = 6;
	/** Wake waiters of condition {@code a}: one when {@code b} is 0, all otherwise (signal, broad, resume). */
	public static final int SIGNAL = 7;
	/** Start of a phase repeated {@code a} times (-1: forever); its body starts at the next op. */
	public static final int PHASE = 8;
	/** End of a phase: jump back to op {@code a} (the phase's first op) while repetitions remain. */
	public static final int PHASE_END = 9;
	/** End of the thread's phase list: start again at op {@code a} while thread loops remain. */
	public static final int LOOP_END = 10;
	/** Terminate: the policy's {@code terminate} handler. */
	public static final int EXIT = 11;
	/** Take mutex {@code a}; block, queued behind earlier lockers, while another thread holds it. */
	public static final int LOCK = 12;
	/**
	 * Release mutex {@code a} (held by this thread); the first queued locker gets it and wakes up.
	 * {@code b} is 1 when the release is the first half of a {@code wait} with a mutex.
	 */
	public static final int UNLOCK = 13;
	/**
	 * A phase starts: the thread's affinity becomes CPU list {@code a} of its task
	 * ({@link TaskProgram#cpus()}; -1: every core), as rt-app calls sched_setaffinity() when a phase starts
	 * whose CPUs differ from the current ones (nothing happens when they are the same). It comes just before
	 * the phase's {@link #PHASE}, so it runs once per phase, not once per repetition.
	 */
	public static final int AFFINITY = 14;

	/**
	 * A SLEEP's {@code b} when it is the task's initial {@code delay}: the thread sleeps until its creation
	 * time plus {@code a} (rt-app's absolute sleep to its first start), and its periodic grid (timers, the
	 * first job's release) starts there.
	 */
	public static final long DELAY = -2;

	/** Flag in a TIMER's period: the timer is in absolute mode (rt-app {@code "mode": "absolute"}). */
	public static final long ABSOLUTE = 1L << 62;

	private Op() {
	}

	public static String name(int op) {
		return switch (op) {
			case RUN -> "run";
			case SLEEP -> "sleep";
			case TIMER -> "timer";
			case YIELD -> "yield";
			case FORK -> "fork";
			case BARRIER -> "barrier";
			case WAIT -> "wait";
			case SIGNAL -> "signal";
			case PHASE -> "phase";
			case PHASE_END -> "phase-end";
			case LOOP_END -> "loop-end";
			case EXIT -> "exit";
			case LOCK -> "lock";
			case UNLOCK -> "unlock";
			case AFFINITY -> "affinity";
			default -> "op" + op;
		};
	}
}
