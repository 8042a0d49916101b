package org.policy.verifier;

import java.util.List;
import java.util.Map;
import org.policy.verifier.explore.Explorer;

/**
 * What to verify and within which bounds. Machines of 1 to {@code cores} cores are explored, each with at
 * most {@code threads} live threads. Time is frozen unless {@code timeSteps} is non-empty: then time may
 * advance between events by any of the steps, up to {@code horizon} ns (docs/verification.md).
 *
 * @param params       policy parameters to override (name → value in the parameter's unit, ns for time)
 * @param timeWindow   in the time family of {@code now}, gaps larger than this are not told apart (0: the
 *                     default, 1 ns with frozen time, the horizon otherwise; docs/verification.md, "Time")
 * @param virtualWindow the same for the other time families, virtual clocks like vruntime (0: 1 ns, order only)
 * @param coreSymmetry match states up to renumbering cores (exact for policies that treat cores alike)
 * @param maxStates    stop with an inconclusive result after this many states per machine size
 * @param progress     told of progress (may be {@link #QUIET})
 * @param affinity     which affinities created threads may have ({@link AffinityMode#AUTO}: pinned threads
 *                     for a policy that reads {@code affinity(t)}, none otherwise)
 * @param restrictedThreads when threads may be pinned: at most this many live threads are at once
 * @param varyParams   explore every value of each parameter's range not fixed in {@code params} (or a
 *                     representative set: {@link ParamPlan}); false: the defaults only
 * @param topology     the machines' topology in the simulator's syntax ({@code flat}, {@code smt=2,llc=4}:
 *                     {@link org.policy.dsl.semantics.TopologySpec}); only the machine sizes it divides are
 *                     explored
 * @param workers      how many threads explore each machine size (0: one per available processor); the
 *                     result does not depend on it ({@link Explorer})
 */
public record VerifyOptions(int cores, int threads, Property property, Map<String, Long> params, List<Long> timeSteps,
		long horizon, long timeWindow, long virtualWindow, boolean coreSymmetry, long maxStates,
		Explorer.Listener progress, AffinityMode affinity, int restrictedThreads, boolean varyParams,
		String topology, int workers) {

	/** Every option but the number of workers: one per available processor. */
	public VerifyOptions(int cores, int threads, Property property, Map<String, Long> params, List<Long> timeSteps,
			long horizon, long timeWindow, long virtualWindow, boolean coreSymmetry, long maxStates,
			Explorer.Listener progress, AffinityMode affinity, int restrictedThreads, boolean varyParams,
			String topology) {
		this(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates,
				progress, affinity, restrictedThreads, varyParams, topology, 0);
	}

	/** Every option but the topology, which is flat. */
	public VerifyOptions(int cores, int threads, Property property, Map<String, Long> params, List<Long> timeSteps,
			long horizon, long timeWindow, long virtualWindow, boolean coreSymmetry, long maxStates,
			Explorer.Listener progress, AffinityMode affinity, int restrictedThreads, boolean varyParams) {
		this(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates,
				progress, affinity, restrictedThreads, varyParams, FLAT);
	}

	public static final int DEFAULT_CORES = 4;
	public static final int DEFAULT_THREADS = 6;
	public static final long DEFAULT_MAX_STATES = 5_000_000L;
	public static final Explorer.Listener QUIET = (cores, states, depth, frontier) -> { };

	public static final int MAX_CORES = 30;
	public static final String FLAT = "flat";
	public static final int MAX_THREADS = 1000;
	public static final int MAX_TIME_STEPS = 255;
	public static final int MAX_WORKERS = 256;
	/**
	 * One pinned thread at a time: it finds every counterexample of the test policies
	 * (docs/verification.md, "Affinity", has the measurements) at a fraction of the states of two.
	 */
	public static final int DEFAULT_RESTRICTED_THREADS = 1;

	/** Every option but the affinity ones, which take their defaults (auto, one pinned thread at a time). */
	public VerifyOptions(int cores, int threads, Property property, Map<String, Long> params, List<Long> timeSteps,
			long horizon, long timeWindow, long virtualWindow, boolean coreSymmetry, long maxStates,
			Explorer.Listener progress) {
		this(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates,
				progress, AffinityMode.AUTO, DEFAULT_RESTRICTED_THREADS, true);
	}

	/** Every option but whether parameters vary, which they do. */
	public VerifyOptions(int cores, int threads, Property property, Map<String, Long> params, List<Long> timeSteps,
			long horizon, long timeWindow, long virtualWindow, boolean coreSymmetry, long maxStates,
			Explorer.Listener progress, AffinityMode affinity, int restrictedThreads) {
		this(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates,
				progress, affinity, restrictedThreads, true);
	}

	/** The bounds are checked here for every caller; the command line checks them first, naming its flags. */
	public VerifyOptions {
		if (cores < 1 || cores > MAX_CORES) {
			throw new IllegalArgumentException("cores must be between 1 and " + MAX_CORES + ", not " + cores);
		}
		if (threads < 1 || threads > MAX_THREADS) {
			throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", not " + threads);
		}
		if (maxStates < 1) {
			throw new IllegalArgumentException("maxStates must be positive, not " + maxStates);
		}
		if (timeSteps.size() > MAX_TIME_STEPS) {
			throw new IllegalArgumentException("at most " + MAX_TIME_STEPS + " time steps, not " + timeSteps.size());
		}
		for (long step : timeSteps) {
			if (step <= 0) {
				throw new IllegalArgumentException("a time step must be positive, not " + step);
			}
		}
		if (timeWindow < 0 || virtualWindow < 0) {
			throw new IllegalArgumentException("a time window must not be negative");
		}
		if (horizon < 0) {
			throw new IllegalArgumentException("the horizon must not be negative, not " + horizon);
		}
		if (affinity == null) {
			throw new IllegalArgumentException("affinity is null; AffinityMode.AUTO explores pinned threads when the"
					+ " policy reads affinity(t)");
		}
		if (restrictedThreads < 1 || restrictedThreads > MAX_THREADS) {
			throw new IllegalArgumentException("restrictedThreads must be between 1 and " + MAX_THREADS + ", not "
					+ restrictedThreads);
		}
		if (workers < 0 || workers > MAX_WORKERS) {
			throw new IllegalArgumentException("workers must be between 0 (one per processor) and " + MAX_WORKERS
					+ ", not " + workers);
		}
		if (topology == null || topology.isBlank()) {
			topology = FLAT;
		}
		params = Map.copyOf(params);
		timeSteps = List.copyOf(timeSteps);
	}

	/** WC or CWC with the default bounds: frozen time, core symmetry, no parameter overrides. */
	public static VerifyOptions of(Property property, int cores, int threads) {
		return new VerifyOptions(cores, threads, property, Map.of(), List.of(), 0, 0, 0, true, DEFAULT_MAX_STATES, QUIET);
	}

	/** These options on machines of 1 to {@code n} cores. */
	public VerifyOptions withCores(int n) {
		return new VerifyOptions(n, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry,
				maxStates, progress, affinity, restrictedThreads, varyParams, topology, workers);
	}

	public VerifyOptions withTime(List<Long> steps, long horizon) {
		return new VerifyOptions(cores, threads, property, params, steps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates, progress, affinity, restrictedThreads, varyParams, topology, workers);
	}

	public VerifyOptions withCoreSymmetry(boolean on) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, on, maxStates, progress, affinity, restrictedThreads, varyParams, topology, workers);
	}

	public VerifyOptions withParams(Map<String, Long> values) {
		return new VerifyOptions(cores, threads, property, values, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates, progress, affinity, restrictedThreads, varyParams, topology, workers);
	}

	public VerifyOptions withMaxStates(long limit) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, limit, progress, affinity, restrictedThreads, varyParams, topology, workers);
	}

	public VerifyOptions withProgress(Explorer.Listener listener) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow, coreSymmetry, maxStates, listener, affinity, restrictedThreads, varyParams, topology, workers);
	}

	public VerifyOptions withTimeWindows(long window, long virtual) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, window, virtual, coreSymmetry,
				maxStates, progress, affinity, restrictedThreads, varyParams, topology, workers);
	}

	/** Which affinities created threads may have, and at most how many live threads may be pinned at once. */
	public VerifyOptions withAffinity(AffinityMode mode, int restricted) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow,
				coreSymmetry, maxStates, progress, mode, restricted, varyParams, topology, workers);
	}

	/** Whether the parameters not fixed in {@link #params} take every value of their ranges, or their defaults only. */
	public VerifyOptions withVaryParams(boolean vary) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow,
				coreSymmetry, maxStates, progress, affinity, restrictedThreads, vary, topology, workers);
	}

	/** The machines' topology ({@link #FLAT}, or the simulator's syntax: {@code llc=2}). */
	public VerifyOptions withTopology(String spec) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow,
				coreSymmetry, maxStates, progress, affinity, restrictedThreads, varyParams, spec, workers);
	}

	/** How many threads explore each machine size (0: one per available processor). */
	public VerifyOptions withWorkers(int n) {
		return new VerifyOptions(cores, threads, property, params, timeSteps, horizon, timeWindow, virtualWindow,
				coreSymmetry, maxStates, progress, affinity, restrictedThreads, varyParams, topology, n);
	}

	/** The number of exploring threads: {@link #workers}, or one per available processor when it is 0. */
	public int workerCount() {
		return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
	}

	/** Whether time advances at all (otherwise every event happens at time 0). */
	public boolean timeAdvances() {
		return !timeSteps.isEmpty() && horizon > 0;
	}
}
