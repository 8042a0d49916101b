package org.policy.dsl.semantics;

/**
 * The work-conservation predicate of docs/semantics.md, in one place: the verifier checks it, the
 * simulator integrates it over time (wasted-core time), the kernel module evaluates it live.
 *
 * <p>A core is <em>wasted</em> when it has no current thread while a thread that may run on it waits:
 * in a shared queue, or in the queue of another core that is overloaded (≥ 2 runnable). "May run on it"
 * is the thread's affinity; while every thread may run everywhere (the common case, which
 * {@link Machine#hasRestrictedAffinity()} tells in O(1)) the machine's kept counts answer without a scan.
 */
public final class WorkConservation {
	private WorkConservation() {
	}

	/** Whether no core is idle while some ready thread could run on it. */
	public static boolean holds(Machine m) {
		return idleCoreWithWaitingWork(m) == Machine.NONE;
	}

	/** Whether core {@code core} is wasted: no current thread, and a waiting thread that may run on it. */
	public static boolean idleWithWaitingWork(Machine m, int core) {
		if (m.current(core) != Machine.NONE) {
			return false;
		}
		if (!m.hasRestrictedAffinity()) {
			return m.sharedWork() || m.overloadedCores() - (m.runnable(core) >= 2 ? 1 : 0) > 0;
		}
		return waitingThreadFor(m, core) != Machine.NONE;
	}

	/**
	 * Whether core {@code core} is wasted by work that no concurrent change is already on its way to: it has
	 * no current thread, and a thread that may run on it waits in a shared queue, or on another overloaded
	 * core that has no pending reschedule. A core whose reschedule is pending is changing concurrently (its
	 * IPI is in flight: it may be about to run what waits there), which is Ipanema's excuse for a steal that
	 * finds nothing; concurrent work conservation (docs/verification.md) is defined with this test. In a
	 * quiescent state it is {@link #idleWithWaitingWork}.
	 */
	public static boolean idleWithSettledWaitingWork(Machine m, int core) {
		if (m.pendingReschedules() == 0) {
			return idleWithWaitingWork(m, core);
		}
		return m.current(core) == Machine.NONE && waitingThreadFor(m, core, true) != Machine.NONE;
	}

	/** The lowest-numbered wasted core; -1 when there is none. */
	public static int idleCoreWithWaitingWork(Machine m) {
		if (m.overloadedCores() == 0 && !m.sharedWork()) {
			return Machine.NONE;
		}
		for (int c = m.nextFreeCore(0); c < m.cores(); c = m.nextFreeCore(c + 1)) {
			if (idleWithWaitingWork(m, c)) {
				return c;
			}
		}
		return Machine.NONE;
	}

	/**
	 * The thread that makes core {@code core} wasted: the first waiting thread, in shared queues and then
	 * in increasing core id, that may run on it; -1 when there is none. Counterexamples name it.
	 */
	public static int waitingThreadFor(Machine m, int core) {
		return waitingThreadFor(m, core, false);
	}

	/** The first thread waiting in a shared queue that may run on {@code core}; -1 when there is none. */
	public static int sharedThreadFor(Machine m, int core) {
		for (int s = 0; s < m.layout().sharedQueues(); s++) {
			int q = m.sharedQueue(s);
			for (int i = 0; i < m.size(q); i++) {
				if (m.allowed(m.at(q, i), core)) {
					return m.at(q, i);
				}
			}
		}
		return Machine.NONE;
	}

	/** {@link #waitingThreadFor}, passing over cores with a pending reschedule when {@code settledOnly}. */
	private static int waitingThreadFor(Machine m, int core, boolean settledOnly) {
		int shared = sharedThreadFor(m, core);
		if (shared != Machine.NONE) {
			return shared;
		}
		Layout layout = m.layout();
		for (int d = 0; d < m.cores(); d++) {
			if (d == core || m.runnable(d) < 2 || settledOnly && m.reschedulePending(d)) {
				continue;
			}
			for (int k = 0; k < layout.coreQueues(); k++) {
				int q = m.coreQueue(d, k);
				for (int i = 0; i < m.size(q); i++) {
					if (m.allowed(m.at(q, i), core)) {
						return m.at(q, i);
					}
				}
			}
		}
		return Machine.NONE;
	}
}
