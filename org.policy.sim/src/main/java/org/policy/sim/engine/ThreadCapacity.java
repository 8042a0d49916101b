package org.policy.sim.engine;

import org.policy.sim.workload.TaskProgram;
import org.policy.sim.workload.Workload;

/**
 * How many thread slots a run needs: the machine of the reference semantics is sized once, and
 * thread ids are never reused. A run that creates more stops with a message naming --max-threads.
 *
 * <p>Thread slots are memory allocated up front (the machine's queues take one slot per thread per
 * queue instance, so cores × threads), so a run is refused before anything is allocated when it would
 * need more than {@link #MAX_THREADS} threads, or more memory than the JVM has: a clear message instead
 * of running out of heap.
 */
final class ThreadCapacity {
	/** The most threads one run simulates (2^22): far above any workload of the test suite and benchmarks. */
	static final int MAX_THREADS = org.policy.workload.Limits.MAX_THREADS;

	private ThreadCapacity() {
	}

	/**
	 * Refuses a run whose certain thread count (instances and expected arrivals) exceeds
	 * {@link #MAX_THREADS}, naming the task (and where its arrivals are declared).
	 */
	static void checkCertain(Workload workload, long horizonNs) {
		double total = 0;
		for (TaskProgram p : workload.tasks()) {
			total += p.instances();
			if (p.arrivals() != null) {
				double expected = horizonNs / (double) Math.max(1, p.arrivals().meanGapNs());
				double arrivals = p.arrivals().unbounded() ? expected : Math.min(expected, p.arrivals().count());
				total += arrivals;
				if (total > MAX_THREADS) {
					String what = String.format(java.util.Locale.ROOT, "about %.3g threads of task '%s' would arrive in a %s run"
							+ " (one every %s on average); a run simulates at most %d threads: lower the rate, set a count"
							+ " or shorten --duration", arrivals, p.name(), org.policy.dsl.Durations.format(horizonNs),
							org.policy.dsl.Durations.format(p.arrivals().meanGapNs()), MAX_THREADS);
					throw p.arrivals().where() == null ? SimulationException.inWorkload(what)
							: SimulationException.located(p.arrivals().where() + ": " + what);
				}
			}
			if (total > MAX_THREADS) {
				throw SimulationException.inWorkload("the tasks' instances add up to " + (long) total
						+ " threads (up to task '" + p.name() + "'); a run simulates at most " + MAX_THREADS + " threads");
			}
		}
	}

	/**
	 * Refuses a run whose thread and queue tables would not fit in the JVM's heap.
	 *
	 * @param queueInstances the machine's queue instances (per-core queues × cores + shared queues)
	 * @param threadSlots    the policy's thread attributes
	 */
	static void checkMemory(int capacity, int queueInstances, int threadSlots, int cores, int uniqueTimers) {
		// the machine: 12 bytes per thread per queue instance, 8 per attribute, ~12 of state;
		// the simulator: ~120 bytes of per-thread arrays, 8 per per-thread ("unique") timer
		double bytes = (double) capacity * (12.0 * queueInstances + 8.0 * threadSlots + 8.0 * uniqueTimers + 132);
		double heap = Runtime.getRuntime().maxMemory();
		if (bytes > 0.75 * heap) {
			throw SimulationException.located(String.format(java.util.Locale.ROOT, "the run needs about %d MB for %d thread"
					+ " slots on %d cores (the machine keeps every queue sized for every thread), more than the %d MB"
					+ " the JVM may use: use fewer --cores, lower --max-threads or the workload's thread count, or give"
					+ " Java more heap (POLICY_JAVA_OPTS=-Xmx...)", (long) (bytes / (1 << 20)), capacity, cores,
					(long) (heap / (1 << 20))));
		}
	}

	/**
	 * How many threads a workload may create: its instances, its expected arrivals, and for programs
	 * that fork, the forks their loops can make before the horizon (from mean durations, doubled).
	 */
	static int estimate(Workload workload, long horizonNs) {
		double n = 0;
		for (TaskProgram p : workload.tasks()) {
			long creators = p.instances();
			if (p.arrivals() != null) {
				long expected = p.arrivals().meanGapNs() <= 0 ? horizonNs : horizonNs / p.arrivals().meanGapNs();
				long bound = expected + 10 * (long) Math.sqrt(expected) + 64;
				creators += p.arrivals().unbounded() ? bound : Math.min(p.arrivals().count(), bound);
			}
			n += creators;
			double forks = forksPerThread(p, horizonNs);
			if (forks > 0) {
				n += 2 * forks * Math.max(1, creators) + 1024;
			}
		}
		return (int) Math.max(1, Math.min(n, MAX_THREADS));
	}

	/** Forks one thread of a program makes before the horizon, at most (1e9 when it cannot tell). */
	private static double forksPerThread(TaskProgram p, long horizonNs) {
		ProgramCycle c = ProgramCycle.of(p);
		if (c.forks() == 0) {
			return 0;
		}
		double iterations = c.cycleNs() <= 0 ? (c.loops() == Long.MAX_VALUE ? 1e9 : c.loops())
				: Math.min(c.loops(), Math.ceil(horizonNs / c.cycleNs()) + 1);
		return Math.min(1e9, c.forks() * iterations);
	}
}
