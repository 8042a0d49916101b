package org.policy.dsl.semantics;

/**
 * The work-conservation predicate of docs/semantics.md, in one place: the verifier checks it, the
 * simulator integrates it over time (wasted-core time), the kernel module evaluates it live.
 */
public final class WorkConservation {
	private WorkConservation() {
	}

	/** Whether no core is idle while some ready thread could run on it. */
	public static boolean holds(Machine m) {
		return idleCoreWithWaitingWork(m) == Machine.NONE;
	}

	/**
	 * Whether core {@code core} has no current thread while another core is overloaded (≥ 2 runnable) or
	 * a shared queue holds a thread: the same test as {@link #idleCoreWithWaitingWork}, for one core.
	 */
	public static boolean idleWithWaitingWork(Machine m, int core) {
		if (m.current(core) != Machine.NONE) {
			return false;
		}
		return m.sharedWork() || m.overloadedCores() - (m.runnable(core) >= 2 ? 1 : 0) > 0;
	}

	/**
	 * The lowest-numbered core that has no current thread while another core is overloaded (≥ 2
	 * runnable) or a shared queue holds a thread; -1 when there is none.
	 */
	public static int idleCoreWithWaitingWork(Machine m) {
		int overloaded = m.overloadedCores();
		boolean shared = m.sharedWork();
		if (overloaded == 0 && !shared) {
			return Machine.NONE;
		}
		for (int c = m.nextFreeCore(0); c < m.cores(); c = m.nextFreeCore(c + 1)) {
			if (shared || overloaded - (m.runnable(c) >= 2 ? 1 : 0) > 0) {
				return c;
			}
		}
		return Machine.NONE;
	}
}
