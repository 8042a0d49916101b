package org.policy.sim.engine;

import java.util.Objects;
import org.policy.dsl.semantics.Topology;

/**
 * How to run one simulation.
 *
 * @param topology        the machine: cores and their grouping per level
 * @param horizonNs       simulated time after which the run stops (it stops earlier when every thread
 *                        has exited and no arrival is pending)
 * @param hz              tick frequency: a core with a current thread gets a tick every 1/hz s
 * @param seed            seeds every random draw of the run
 * @param contextSwitchNs time a core spends switching to a different thread before that thread progresses
 * @param maxThreads      how many threads the run may create in all (0: estimate from the workload)
 * @param buckets         number of time buckets of the utilisation series
 * @param maxSegments     how many schedule segments (core, thread, start, end) to keep for the Gantt
 *                        chart and the trace export; later ones are counted but dropped
 * @param maxEvents       the event budget: the most events the run may handle (0: the default,
 *                        {@link EventBudget#DEFAULT_MAX_EVENTS}); docs/simulator.md, "Limits"
 * @param abortAtDeadline a periodic job still unfinished at its deadline is aborted there: the rest of its
 *                        runs and sleeps are dropped and its thread goes on to wait for its next release
 *                        (docs/workloads.md, "Deadlines"); off: the job runs to its end, late
 * @param kickLatencyNs   how long after an event a core it changed gets its pending reschedule (the IPI's
 *                        way: docs/semantics.md, "Concurrency"; docs/simulator.md for the default)
 * @param idleExitLatencyNs how long a core that ran nothing takes before the thread it is given runs (a
 *                        C-state's exit latency, or a halted virtual CPU's wait for its turn): the thread's
 *                        progress, the core's busy time and the thread's wakeup latency start that much
 *                        later; the policy's view is not delayed (docs/simulator.md, "Idle exit latency")
 */
public record SimOptions(Topology topology, long horizonNs, int hz, long seed, long contextSwitchNs, int maxThreads,
		int buckets, int maxSegments, long maxEvents, boolean abortAtDeadline, long kickLatencyNs,
		long idleExitLatencyNs) {

	/** Every option but the idle exit latency, which is 0. */
	public SimOptions(Topology topology, long horizonNs, int hz, long seed, long contextSwitchNs, int maxThreads,
			int buckets, int maxSegments, long maxEvents, boolean abortAtDeadline, long kickLatencyNs) {
		this(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents,
				abortAtDeadline, kickLatencyNs, 0);
	}

	public static final int DEFAULT_HZ = 250;
	/**
	 * How long after an event on one core another core it changed learns of it (docs/semantics.md,
	 * "Concurrency"; docs/simulator.md says where the figure comes from).
	 */
	public static final long DEFAULT_KICK_LATENCY_NS = 0;
	public static final int DEFAULT_BUCKETS = 200;
	public static final int DEFAULT_MAX_SEGMENTS = 500_000;
	/**
	 * The shortest period of a periodic event (a policy's balance period; ticks are at most 100 kHz on the
	 * command line, timers at least 1 us in rt-app files): 1 us. Below it a run is dominated by that one
	 * event source and cannot finish (1 ns would be 10^9 events per simulated second per core).
	 */
	public static final long MIN_PERIOD_NS = 1_000;
	/** The most threads one run simulates (thread slots are allocated up front): 2^22. */
	public static final int MAX_THREADS = ThreadCapacity.MAX_THREADS;

	public SimOptions {
		Objects.requireNonNull(topology, "topology");
		if (horizonNs <= 0) {
			throw new IllegalArgumentException("the duration must be positive");
		}
		if (hz <= 0 || hz > 1_000_000_000) {
			throw new IllegalArgumentException("hz must be between 1 and 1e9, not " + hz);
		}
		if (contextSwitchNs < 0) {
			throw new IllegalArgumentException("the context-switch cost must not be negative");
		}
		if (maxThreads < 0 || buckets < 1 || maxSegments < 0 || maxEvents < 0) {
			throw new IllegalArgumentException("maxThreads, buckets, maxSegments and maxEvents must not be negative");
		}
		if (maxEvents == 0) {
			maxEvents = EventBudget.DEFAULT_MAX_EVENTS;
		}
		if (kickLatencyNs < 0) {
			throw new IllegalArgumentException("the kick latency must not be negative");
		}
		if (idleExitLatencyNs < 0) {
			throw new IllegalArgumentException("the idle exit latency must not be negative");
		}
	}

	public SimOptions(Topology topology, long horizonNs, int hz, long seed, long contextSwitchNs, int maxThreads,
			int buckets, int maxSegments, long maxEvents, boolean abortAtDeadline) {
		this(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents, abortAtDeadline,
				DEFAULT_KICK_LATENCY_NS);
	}

	public SimOptions(Topology topology, long horizonNs, int hz, long seed, long contextSwitchNs, int maxThreads,
			int buckets, int maxSegments, long maxEvents) {
		this(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents, false);
	}

	public SimOptions(Topology topology, long horizonNs, int hz, long seed, long contextSwitchNs, int maxThreads,
			int buckets, int maxSegments) {
		this(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, 0);
	}

	/** Defaults: HZ 250, no context-switch cost, thread capacity estimated, 200 buckets. */
	public static SimOptions of(Topology topology, long horizonNs, long seed) {
		return new SimOptions(topology, horizonNs, DEFAULT_HZ, seed, 0, 0, DEFAULT_BUCKETS, DEFAULT_MAX_SEGMENTS);
	}

	public SimOptions withHz(int newHz) {
		return new SimOptions(topology, horizonNs, newHz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents, abortAtDeadline, kickLatencyNs, idleExitLatencyNs);
	}

	public SimOptions withContextSwitch(long ns) {
		return new SimOptions(topology, horizonNs, hz, seed, ns, maxThreads, buckets, maxSegments, maxEvents, abortAtDeadline, kickLatencyNs, idleExitLatencyNs);
	}

	public SimOptions withMaxThreads(int n) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, n, buckets, maxSegments, maxEvents, abortAtDeadline, kickLatencyNs, idleExitLatencyNs);
	}

	public SimOptions withMaxSegments(int n) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, n, maxEvents, abortAtDeadline, kickLatencyNs, idleExitLatencyNs);
	}

	public SimOptions withMaxEvents(long n) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, n, abortAtDeadline,
				kickLatencyNs, idleExitLatencyNs);
	}

	/** With {@code abort}, periodic jobs are aborted at their deadline ({@link #abortAtDeadline()}). */
	public SimOptions withAbortAtDeadline(boolean abort) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents,
				abort, kickLatencyNs, idleExitLatencyNs);
	}

	/** With a pending reschedule delivered {@code ns} after it is made ({@link #kickLatencyNs()}). */
	public SimOptions withKickLatency(long ns) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents,
				abortAtDeadline, ns, idleExitLatencyNs);
	}

	/** With a core that ran nothing starting its next thread {@code ns} later ({@link #idleExitLatencyNs()}). */
	public SimOptions withIdleExitLatency(long ns) {
		return new SimOptions(topology, horizonNs, hz, seed, contextSwitchNs, maxThreads, buckets, maxSegments, maxEvents,
				abortAtDeadline, kickLatencyNs, ns);
	}

	public long tickNs() {
		return Math.max(1, 1_000_000_000L / hz);
	}
}
