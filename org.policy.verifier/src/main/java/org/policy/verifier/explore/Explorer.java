package org.policy.verifier.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.CoreOrder;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.WorkConservation;

/**
 * Breadth-first exploration of every state the policy's handlers can reach on a flat machine of a given
 * number of cores, with at most a given number of live threads, checking WC or CWC on every transition
 * (docs/verification.md defines both and the transition system).
 *
 * <p>States are explored concretely: every state on the frontier was produced by the interpreter from
 * the initial state, so every reported path is a real run. Canonical forms ({@link StateKeys}) are only
 * used to recognise states already seen and to try one representative of each class of interchangeable
 * cores and threads. Terminated threads are forgotten ({@link Machine#removeTerminated()}) so that ids
 * are reused and the live-thread bound keeps the state space finite.
 *
 * <p>One explorer per machine size. It may use several threads ({@link Config#workers()}, {@link #run}); its
 * outcome does not depend on how many.
 */
public final class Explorer {
	/** Told of progress every {@value #REPORT_EVERY} new states and once at the end. */
	public interface Listener {
		void progress(int cores, long states, int depth, long frontier);
	}

	/**
	 * The bounds and the model explored.
	 *
	 * @param timeWindow        gaps larger than this are not told apart in the family of {@code now}
	 * @param virtualWindow     the same, for the other time families (virtual clocks such as vruntime)
	 * @param restrictedThreads how many live threads may be pinned to one core at once (0: every thread
	 *                          may run on every core; {@link AffinityDomain})
	 * @param lowestIdTies      every tie between cores goes to the lowest id (the simulator's runs only)
	 *                          instead of any way; needs core symmetry off
	 * @param workers           how many threads expand each level (the outcome does not depend on it)
	 */
	public record Config(int threads, boolean cwc, long[] timeSteps, long horizon, boolean coreSymmetry,
			long timeWindow, long virtualWindow, long maxStates, Listener listener, int restrictedThreads,
			boolean lowestIdTies, int workers) {

		/** One worker. */
		public Config(int threads, boolean cwc, long[] timeSteps, long horizon, boolean coreSymmetry,
				long timeWindow, long virtualWindow, long maxStates, Listener listener, int restrictedThreads,
				boolean lowestIdTies) {
			this(threads, cwc, timeSteps, horizon, coreSymmetry, timeWindow, virtualWindow, maxStates, listener,
					restrictedThreads, lowestIdTies, 1);
		}

		/** Ties between cores may go any way ({@link TieChoices}). */
		public Config(int threads, boolean cwc, long[] timeSteps, long horizon, boolean coreSymmetry,
				long timeWindow, long virtualWindow, long maxStates, Listener listener, int restrictedThreads) {
			this(threads, cwc, timeSteps, horizon, coreSymmetry, timeWindow, virtualWindow, maxStates, listener,
					restrictedThreads, false);
		}

		/**
		 * The same model with every tie between cores going to the lowest id, as in the simulator: then a
		 * state and its renumbering may have different futures, so core symmetry is off.
		 */
		public Config withLowestIdTies() {
			return new Config(threads, cwc, timeSteps, horizon, false, timeWindow, virtualWindow, maxStates, listener,
					restrictedThreads, true, workers);
		}

		/** The same model, explored by {@code n} threads. */
		public Config withWorkers(int n) {
			return new Config(threads, cwc, timeSteps, horizon, coreSymmetry, timeWindow, virtualWindow, maxStates,
					listener, restrictedThreads, lowestIdTies, n);
		}

		/** Every thread may run on every core. */
		public Config(int threads, boolean cwc, long[] timeSteps, long horizon, boolean coreSymmetry, long timeWindow,
				long virtualWindow, long maxStates, Listener listener) {
			this(threads, cwc, timeSteps, horizon, coreSymmetry, timeWindow, virtualWindow, maxStates, listener, 0);
		}
	}

	/** The largest machine explored (a round mark has one bit per core). */
	public static final int MAX_CORES = 30;

	/**
	 * Told of every new state (machine and round mark), in the order a single-threaded search finds them,
	 * on the thread that runs {@link #run}; for tests that compare explorations. The machine is the
	 * explorer's: do not change it.
	 */
	public interface Visitor {
		void visited(Machine machine, int round);
	}

	/**
	 * Told of every transition explored (each run of a step, once per way its ties go): the state before
	 * (the explorer's, not to be changed), the step's kind ({@link Step}) and core, and the state after, before
	 * it is checked or matched. The machines are the explorer's: copy them to keep them. For checks of
	 * invariants over transitions ({@code org.policy.verifier.cutoff}).
	 */
	public interface TransitionVisitor {
		void transition(Machine before, int kind, int core, Machine after);
	}

	static final int REPORT_EVERY = 1 << 16;

	private final CompiledPolicy policy;
	private final Interpreter in;
	private final Config config;
	private final int cores;
	/** The machine's topology: flat unless a topology was asked for (then core symmetry is off). */
	private final Topology topology;
	private final int fullRound;
	/**
	 * Whether the policy balances periodically ({@code on balance every P}). Without it, nothing but
	 * its own handlers (and the steal on enter_idle, inside settle) ever moves work to an idle core, so
	 * there are no balancing rounds to wait for: work conservation must hold after every event.
	 */
	private final boolean periodic;
	private final boolean compact;
	private final ModelFeatures features;
	/** The time families the state keys normalise ({@link #keepCoreAttributesExact}). */
	private TimeFamilies keyTime;
	/** How many threads expand each level ({@link #run}). */
	private final int workers;
	private final LongPairSet visited;
	/** What a new thread's inputs may be (one choice, the default, for a policy that reads none). */
	private final InputDomain inputs;
	/** What a new thread's affinity may be (every core, unless restricted affinities are explored). */
	private final AffinityDomain affinities;
	private int[] parent = new int[1024];
	private long[] via = new long[1024];
	/** Per state, how the ties of the step that reached it went ({@link TieChoices#code()}). */
	private long[] tieOf = new long[1024];
	private Visitor visitor = (m, r) -> { };
	private TransitionVisitor transitions = (b, k, c, a) -> { };
	private boolean transitionsVisited;
	/** For tests: wake every blocked thread, not one of each class of interchangeable ones. */
	private boolean everyBlockedThread;

	private int depth;
	/** The next level's states, packed ({@link Machine#pack}): a level may hold millions. */
	private List<byte[]> next = new ArrayList<>();
	/** Where merged states are unpacked for the visitor (only when there is one). */
	private Machine told;
	private boolean visitorSet;
	/** One worker: the visitor is told of each new state by the worker, right after the run that found it. */
	private boolean visitsInline;
	private int[] nextIds = new int[1024];
	private int[] nextRounds = new int[1024];
	private Outcome found;
	/** Whether some explored state had a thread that waited for a core (see {@link #someThreadWaited}). */
	private boolean waited;
	/** Whether the time windows shrank a gap the policy reads, in some analysed state ({@link #timeApproximated}). */
	private boolean approximated;

	public Explorer(CompiledPolicy policy, Interpreter in, int cores, Config config) {
		this(policy, in, Topology.flat(cores), config);
	}

	/**
	 * An explorer of a machine of the given topology. Core symmetry needs a flat one (renumbering cores
	 * across LLCs or SMT pairs changes the machine), so any other turns it off.
	 */
	public Explorer(CompiledPolicy policy, Interpreter in, Topology topology, Config config) {
		int cores = topology.cores();
		if (cores < 1 || cores > MAX_CORES) {
			throw new IllegalArgumentException("cores must be in [1, " + MAX_CORES + "]");
		}
		this.policy = policy;
		this.in = in;
		this.cores = cores;
		this.topology = topology;
		this.config = config;
		this.fullRound = (1 << cores) - 1;
		this.periodic = in.balancePeriod() >= 0;
		this.features = ModelFeatures.of(policy);
		this.compact = !features.threadValued();
		if (config.lowestIdTies() && config.coreSymmetry()) {
			throw new IllegalArgumentException("ties by lowest id make core symmetry inexact: turn it off");
		}
		if (config.workers() < 1) {
			throw new IllegalArgumentException("workers must be at least 1, not " + config.workers());
		}
		this.workers = config.workers();
		this.keyTime = TimeFamilies.of(policy.policy());
		this.inputs = InputDomain.of(features.threadInputs());
		this.affinities = AffinityDomain.ofBound(config.restrictedThreads());
		this.visited = new LongPairSet((int) Math.min(1 << 20, config.maxStates()));
	}

	/**
	 * Matches states only when their cores' attributes are equal: the time families of core attributes are
	 * not normalised (a state limit may then be reached where the normalisation would have merged states).
	 * Call before {@link #run}. For {@code --all-cores}, whose invariant reads cores' attributes on the
	 * states explored and must hold of every state reached.
	 */
	public void keepCoreAttributesExact() {
		if (keyTime.normalisesCoreAttributes()) {
			keyTime = keyTime.withCoreAttributesExact();
		}
	}

	/** Keys of this explorer's states with the time families {@code time}: core symmetry needs a flat machine. */
	private StateKeys stateKeys(TimeFamilies time, ModelFeatures features) {
		boolean symmetry = config.coreSymmetry() && !features.coreValued() && isFlat(topology);
		return new StateKeys(cores, config.threads(), policy.layout().threadSlots(), policy.layout().coreSlots(),
				symmetry, features.threadValued(), features.readsCpu(), time, config.timeWindow(),
				config.virtualWindow());
	}

	public void setVisitor(Visitor visitor) {
		this.visitor = visitor;
		this.visitorSet = true;
	}

	/**
	 * Tells {@code visitor} of every transition, in the order a single-threaded search takes them: the
	 * exploration then runs on one worker.
	 */
	public void setTransitionVisitor(TransitionVisitor visitor) {
		this.transitions = visitor;
		this.transitionsVisited = true;
	}

	/**
	 * Makes {@code unblock} steps try every blocked thread rather than one of each class of interchangeable
	 * ones: with core symmetry off, the exploration then makes no representative choice at all, which
	 * the tests compare the reduced one against.
	 */
	void tryEveryBlockedThread() {
		this.everyBlockedThread = true;
	}

	/**
	 * Whether some state explored so far had a thread waiting for a core (a core with two runnable
	 * threads, or a thread in a shared queue). When none had, work conservation cannot fail on this
	 * machine whatever the policy's balancing does: the size was explored but exercised nothing of it.
	 */
	public boolean someThreadWaited() {
		return waited;
	}

	/**
	 * Whether the time windows shrank a gap that the policy's arithmetic could read, in some state
	 * explored: then the exploration is an under-approximation ({@link StateKeys#approximated}).
	 */
	public boolean timeApproximated() {
		return approximated;
	}

	/** What a created thread's inputs may be: the {@code new} steps' choices. */
	public InputDomain inputs() {
		return inputs;
	}

	/** The inputs, affinity included, of the thread that the {@code new} step {@code step} creates. */
	public ThreadInputs created(long step) {
		return AffinityDomain.apply(inputs.get(Step.input(step)), Step.affinity(step));
	}

	/** Whether terminated threads are forgotten (the policy has no thread-valued attribute). */
	public boolean compacts() {
		return compact;
	}

	/**
	 * Whether the topology is flat (each core alone at smt, all together above), so that every
	 * renumbering of the cores keeps it.
	 */
	public static boolean isFlat(Topology topology) {
		return topology.equals(Topology.flat(topology.cores()));
	}

	/**
	 * Whether the policy can tell cores apart (an attribute of type {@code core}, the core input {@code id}, a
	 * {@code foreach} over cores): its explorations then have no core symmetry, whatever was asked.
	 */
	public static boolean tellsCoresApart(CompiledPolicy policy) {
		return ModelFeatures.of(policy).coreValued();
	}

	/**
	 * Whether the policy calls {@code cpu(t)}: only then do the state keys record which core a blocked thread
	 * that may run anywhere belongs to (a check over explored states must not depend on it otherwise).
	 */
	public static boolean readsCpu(CompiledPolicy policy) {
		return ModelFeatures.of(policy).readsCpu();
	}

	public Topology topology() {
		return topology;
	}

	/** The initial state of a flat machine: {@link #initialState(CompiledPolicy, Interpreter, Topology, int)}. */
	public static Machine initialState(CompiledPolicy policy, Interpreter in, int cores, int threads) {
		return initialState(policy, in, Topology.flat(cores), threads);
	}

	/** The initial state: every core initialised, then settled (so idle), no thread yet. */
	public static Machine initialState(CompiledPolicy policy, Interpreter in, Topology topology, int threads) {
		Machine m = policy.newMachine(topology, Math.max(1, threads));
		in.initialise(m);
		in.boot(m);
		return m;
	}

	/**
	 * Explores every reachable state, level by level. Each level's states are cut into chunks that the
	 * workers expand in parallel, each with its own interpreter, scratch machine and state keys, reading
	 * the visited set of the levels before (which nothing writes meanwhile); then one thread merges the
	 * chunks' successors in frontier order, as the single-threaded search met them. So the outcome (states,
	 * counterexample path and ties, and every flag) is the same for every number of workers.
	 */
	public Outcome run() {
		Expander first = new Expander(in);
		Machine root;
		try {
			root = initialState(policy, in, topology, config.threads());
		} catch (PolicyFault fault) {
			// the cores' initial schedule already faults: a counterexample of no step
			return new Outcome(Outcome.Kind.FAULT, cores, 0, 0, new long[0], fault.getMessage());
		}
		first.here.analyse(root, 0);
		approximated |= first.here.approximated;
		visited.add(first.here.hash1, first.here.hash2);
		record(0, -1, -1, 0);
		visitor.visited(root, 0);
		told = root.copy();
		// a transition visitor is told of transitions in the order a sequential search takes them: one worker
		int n = transitionsVisited ? 1 : workers;
		visitsInline = n == 1;
		Expander[] expanders = new Expander[n];
		expanders[0] = first;
		for (int w = 1; w < n; w++) {
			expanders[w] = new Expander(in.sibling());
		}
		ExecutorService pool = n == 1 ? null : Executors.newFixedThreadPool(n - 1, runnable -> {
			Thread t = new Thread(runnable, "explorer-worker");
			t.setDaemon(true);
			return t;
		});
		try {
			List<byte[]> frontier = new ArrayList<>();
			frontier.add(root.pack());
			int[] ids = { 0 };
			int[] rounds = { 0 };
			depth = 0;
			while (!frontier.isEmpty()) {
				next = new ArrayList<>();
				nextIds = new int[1024];
				nextRounds = new int[1024];
				if (n == 1 ? !searchLevel(frontier, rounds, ids, first) : !searchLevel(frontier, rounds, ids, expanders,
						pool)) {
					return found;
				}
				frontier = next;
				ids = Arrays.copyOf(nextIds, next.size());
				rounds = Arrays.copyOf(nextRounds, next.size());
				depth++;
			}
		} finally {
			if (pool != null) {
				pool.shutdownNow();
			}
		}
		config.listener().progress(cores, visited.size(), depth, 0);
		return new Outcome(Outcome.Kind.HOLDS, cores, visited.size(), depth, new long[0], null);
	}

	/**
	 * The states of a level per chunk: at most 256, so that a chunk's own set of successors stays small, and
	 * at least 16 chunks per worker, so that all are busy to the end of the level.
	 */
	private static int chunkSize(int states, int n) {
		return n == 1 ? 256 : Math.max(1, Math.min(256, states / (n * 16)));
	}

	/**
	 * One worker: expands the level chunk by chunk, each merged before the next is expanded, so that the
	 * visited set holds every state found so far and each chunk stops at the state limit: this is the
	 * sequential search, step run for step run (a transition visitor sees the same runs, with each new state
	 * told right after the run that found it). Returns false when the search is over ({@link #found}).
	 */
	private boolean searchLevel(List<byte[]> frontier, int[] rounds, int[] ids, Expander one) {
		int size = chunkSize(frontier.size(), 1);
		for (int k = 0; k * size < frontier.size(); k++) {
			Chunk chunk = one.expandChunk(frontier, rounds, k, size, config.maxStates() - visited.size());
			if (!merge(chunk, ids)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Several workers: expand every chunk of the level in parallel against the visited set of the levels
	 * before, then merge the chunks in frontier order. Returns false when the search is over ({@link #found}).
	 */
	private boolean searchLevel(List<byte[]> frontier, int[] rounds, int[] ids, Expander[] expanders,
			ExecutorService pool) {
		int size = chunkSize(frontier.size(), expanders.length);
		Chunk[] chunks = new Chunk[(frontier.size() + size - 1) / size];
		AtomicInteger nextChunk = new AtomicInteger();
		// chunks after one that ends the search (a violation, a fault, the state limit) need not be expanded
		AtomicInteger endedAt = new AtomicInteger(Integer.MAX_VALUE);
		long room = config.maxStates() - visited.size();
		List<Future<?>> running = new ArrayList<>();
		for (int w = 1; w < expanders.length; w++) {
			Expander e = expanders[w];
			running.add(pool.submit(() -> e.expandChunks(frontier, rounds, chunks, size, nextChunk, endedAt, room)));
		}
		try {
			expanders[0].expandChunks(frontier, rounds, chunks, size, nextChunk, endedAt, room);
			for (Future<?> f : running) {
				join(f);
			}
		} catch (RuntimeException | Error e) {
			endedAt.set(-1); // the other workers stop after their chunk
			throw e;
		}
		for (Chunk chunk : chunks) {
			if (!merge(chunk, ids)) {
				return false;
			}
		}
		return true;
	}

	/** Waits for a worker; what it threw is thrown here. */
	private static void join(Future<?> f) {
		try {
			f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while exploring", e);
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			if (e.getCause() instanceof Error err) {
				throw err;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	/**
	 * Adds a chunk's successors to the visited set and the next level, in the order they were found; returns
	 * false when the search is over ({@link #found}). What the chunk's expansion noticed (time approximated,
	 * a thread that waited) counts only up to where a sequential search would have stopped.
	 */
	private boolean merge(Chunk chunk, int[] ids) {
		for (int j = 0; j < chunk.size; j++) {
			if (!visited.add(chunk.hash1[j], chunk.hash2[j])) {
				continue;
			}
			int id = visited.size() - 1;
			record(id, ids[chunk.parent[j]], chunk.step[j], recordable(chunk.tie[j]));
			byte[] s = chunk.machine[j];
			if (visitorSet && !visitsInline) {
				told.unpack(s);
				visitor.visited(told, chunk.round[j]);
			}
			int n = next.size();
			if (n == nextIds.length) {
				nextIds = Arrays.copyOf(nextIds, n * 2);
				nextRounds = Arrays.copyOf(nextRounds, n * 2);
			}
			next.add(s);
			nextIds[n] = id;
			nextRounds[n] = chunk.round[j];
			if ((visited.size() & (REPORT_EVERY - 1)) == 0) {
				config.listener().progress(cores, visited.size(), depth + 1, next.size());
			}
			if (visited.size() >= config.maxStates()) {
				chunk.noticedUpTo(chunk.ordinal[j], true, true, this);
				found = new Outcome(Outcome.Kind.INCOMPLETE, cores, visited.size(), depth + 1, new long[0], null);
				return false;
			}
		}
		if (chunk.error != null) {
			throw chunk.error; // where a sequential search would have met it
		}
		if (chunk.full) {
			throw new IllegalStateException("internal error: a chunk held the states left to the limit, which the"
					+ " merge did not reach");
		}
		if (chunk.end != null) {
			boolean fault = chunk.end == Outcome.Kind.FAULT;
			// a violation is found after the step's waiting threads are looked at, a fault before; neither
			// step's successor is analysed
			chunk.noticedUpTo(chunk.endOrdinal, !fault, false, this);
			int parent = ids[chunk.endParent];
			found = new Outcome(chunk.end, cores, visited.size(), depth + 1, pathTo(parent, chunk.endStep),
					tiesTo(parent, recordable(chunk.endTie)), chunk.endMessage);
			return false;
		}
		chunk.noticedUpTo(Chunk.ALL, true, true, this);
		return true;
	}

	/** A tie code as the path records it ({@link TieChoices#code()}; negative: too many ties to record). */
	private static long recordable(long tie) {
		if (tie < 0) {
			throw new IllegalStateException("internal error: a step has more ties between cores than a path can record");
		}
		return tie;
	}

	/**
	 * The successors one worker found for a run of frontier states, in the order a sequential search meets
	 * them, each already known not to be a state of an earlier level nor an earlier successor in the chunk;
	 * and, if the chunk ends the search, how. Ordinals number the chunk's step runs, so that what a run
	 * noticed counts only if a sequential search would have got that far.
	 */
	static final class Chunk {
		int size;
		/** Packed ({@link Machine#pack}). */
		byte[][] machine = new byte[16][];
		long[] hash1 = new long[16];
		long[] hash2 = new long[16];
		/** The frontier index of the state it was reached from. */
		int[] parent = new int[16];
		long[] step = new long[16];
		long[] tie = new long[16];
		int[] round = new int[16];
		long[] ordinal = new long[16];
		/** An ordinal no step run reaches: never noticed. */
		static final long NEVER = Long.MAX_VALUE;
		/** Every step run of the chunk. */
		static final long ALL = NEVER - 1;
		Outcome.Kind end;
		int endParent;
		long endStep;
		long endTie;
		String endMessage;
		long endOrdinal;
		/** It holds as many successors as states are left to the limit: the merge stops within it. */
		boolean full;
		/** What the expansion threw (a bug, not a fault of the policy), at step run {@link #endOrdinal}. */
		RuntimeException error;

		boolean stopped() {
			return end != null || full || error != null;
		}
		/** The first ordinal at which the analysis of an expanded state, of a successor, approximated time. */
		long expandedApproximatedAt = NEVER;
		long successorApproximatedAt = NEVER;
		/** The first ordinal at which a successor had a thread waiting for a core. */
		long waitedAt = NEVER;

		void add(byte[] m, long h1, long h2, int from, long st, long t, int r, long ord) {
			if (size == machine.length) {
				int n = size * 2;
				machine = Arrays.copyOf(machine, n);
				hash1 = Arrays.copyOf(hash1, n);
				hash2 = Arrays.copyOf(hash2, n);
				parent = Arrays.copyOf(parent, n);
				step = Arrays.copyOf(step, n);
				tie = Arrays.copyOf(tie, n);
				round = Arrays.copyOf(round, n);
				ordinal = Arrays.copyOf(ordinal, n);
			}
			machine[size] = m;
			hash1[size] = h1;
			hash2[size] = h2;
			parent[size] = from;
			step[size] = st;
			tie[size] = t;
			round[size] = r;
			ordinal[size] = ord;
			size++;
		}

		/**
		 * Tells the explorer what the chunk noticed up to step run {@code last}: the expanded states' analyses
		 * and the waiting threads up to it ({@code waitedToo}: including run {@code last} itself), the
		 * successors' analyses up to it ({@code analysedToo}: the same).
		 */
		void noticedUpTo(long last, boolean waitedToo, boolean analysedToo, Explorer explorer) {
			explorer.approximated |= expandedApproximatedAt <= last
					|| (analysedToo ? successorApproximatedAt <= last : successorApproximatedAt < last);
			explorer.waited |= waitedToo ? waitedAt <= last : waitedAt < last;
		}
	}

	// ------------------------------------------------------------------ successors

	/**
	 * One worker: expands frontier states with its own interpreter (whose core order is its own
	 * {@link TieChoices}), scratch machine and state keys. Reads the explorer's visited set, never writes it.
	 */
	private final class Expander {
		final Interpreter in;
		final StateKeys here;
		final StateKeys there;
		/** Every tie between cores may go any way: the steps are run once per way ({@link TieChoices}). */
		final TieChoices ties;
		/** The state being expanded, unpacked, and the one each step runs on. */
		private final Machine from;
		private final Machine scratch;
		/** The chunk being filled, the frontier index of the state being expanded, the step runs so far. */
		private Chunk chunk;
		private int expanding;
		private long ordinal;
		/** How many successors the chunk may hold before the merge must reach the state limit. */
		private long limit;
		/** The chunk's own successors so far: a state reached twice within it is kept once, as a search would. */
		private final LongPairSet seenNow = new LongPairSet(1024);

		Expander(Interpreter in) {
			this.in = in;
			this.here = stateKeys(keyTime, features);
			this.there = stateKeys(keyTime, features);
			this.ties = new TieChoices(cores);
			this.from = policy.newMachine(topology, Math.max(1, config.threads()));
			this.scratch = policy.newMachine(topology, Math.max(1, config.threads()));
			// with ties by id, the interpreter never asks the choices, so each step runs once
			in.setCoreOrder(config.lowestIdTies() ? CoreOrder.BY_ID : ties);
			ties.startStep();
		}

		/** Expands the chunks {@code nextChunk} hands out, until none is left. */
		void expandChunks(List<byte[]> frontier, int[] rounds, Chunk[] chunks, int size, AtomicInteger nextChunk,
				AtomicInteger endedAt, long room) {
			for (int k = nextChunk.getAndIncrement(); k < chunks.length; k = nextChunk.getAndIncrement()) {
				if (k > endedAt.get()) {
					continue; // a chunk before it ends the search
				}
				chunks[k] = expandChunk(frontier, rounds, k, size, room);
				if (chunks[k].stopped()) {
					endedAt.accumulateAndGet(k, Math::min);
				}
			}
		}

		/**
		 * Expands chunk {@code k} (frontier states {@code k * size} on); stops once it holds {@code room}
		 * successors, as many as states are left to the limit: the merge cannot get past them (each is new to
		 * the levels before and to the chunk, and any of them that an earlier chunk also found was counted
		 * there).
		 */
		Chunk expandChunk(List<byte[]> frontier, int[] rounds, int k, int size, long room) {
			chunk = new Chunk();
			ordinal = 0;
			limit = room;
			seenNow.clear();
			int end = Math.min(frontier.size(), (k + 1) * size);
			try {
				for (int i = k * size; i < end && !chunk.stopped(); i++) {
					expanding = i;
					from.unpack(frontier.get(i));
					expand(from, rounds[i]);
					frontier.set(i, null); // let it go as soon as it is expanded (no other worker reads index i)
				}
			} catch (RuntimeException e) {
				chunk.error = e;
				chunk.endOrdinal = ordinal;
			}
			return chunk;
		}

		private void expand(Machine m, int round) {
			here.approximated = false;
			here.analyse(m, round);
			if (here.approximated) {
				chunk.expandedApproximatedAt = Math.min(chunk.expandedApproximatedAt, ordinal + 1);
			}
			int[] cls = here.classOf;
			for (int c = m.nextPendingReschedule(0); c < cores; c = m.nextPendingReschedule(c + 1)) {
				if (cls[c] == c && !step(m, round, Step.of(Step.RESCHEDULE, c, 0, 0))) {
					return;
				}
			}
			if (!config.cwc() && Rounds.draining(round, fullRound)) {
				return; // the round is over: only its pending reschedules are delivered before WC is checked
			}
			boolean free = round == 0;
			if (free) {
				if (m.threads() < config.threads() && !create(m, round)) {
					return;
				}
				if (!onRunning(m, round, Step.BLOCK)) {
					return;
				}
				for (int t = 0; t < m.threads(); t++) {
					if (m.state(t) == org.policy.dsl.semantics.ThreadState.BLOCKED
							&& (everyBlockedThread || here.blockedRepresentative(t))) {
						for (int w = 0; w < cores; w++) {
							if (here.wakerRepresentative(t, w) && !step(m, round, Step.of(Step.UNBLOCK, w, t, 0))) {
								return;
							}
						}
					}
				}
				if (!onRunning(m, round, Step.TERMINATE) || !onRunning(m, round, Step.TICK)
						|| !onRunning(m, round, Step.YIELD)) {
					return;
				}
			}
			// WC's round starts in a quiet period: once the reschedules made before it are delivered (a round
			// that started beside an IPI in flight would be an event interleaved with the round, CWC's matter)
			boolean mayBalance = periodic && (config.cwc() || round != 0 || m.pendingReschedules() == 0);
			for (int c = 0; mayBalance && c < cores; c++) {
				if (cls[c] == c && (round & (1 << c)) == 0 && !step(m, round, Step.of(Step.BALANCE, c, 0, 0))) {
					return;
				}
			}
			if (free) {
				long[] steps = config.timeSteps();
				for (int i = 0; i < steps.length; i++) {
					if (m.now() + steps[i] <= config.horizon() && !step(m, round, Step.of(Step.ADVANCE, 0, 0, i))) {
						return;
					}
				}
			}
		}

		/**
		 * The {@code new} steps: on one core of each class, a thread of each input of the domain that may run
		 * anywhere; and, while fewer than the bound of live threads are restricted, the same pinned to the
		 * creating core or to one core of each class of the others (pinning to either of two interchangeable
		 * cores gives interchangeable states). On one core, pinned is every core: nothing more to try.
		 */
		private boolean create(Machine m, int round) {
			int[] cls = here.classOf;
			boolean pin = cores > 1 && affinities.mayRestrictAnother(m);
			for (int c = 0; c < cores; c++) {
				for (int i = 0; cls[c] == c && i < inputs.size(); i++) {
					if (!step(m, round, Step.create(c, i, AffinityDomain.ALL))) {
						return false;
					}
					for (int p = 0; pin && p < cores; p++) {
						if (here.otherCoreRepresentative(c, p)
								&& !step(m, round, Step.create(c, i, AffinityDomain.pinnedTo(p)))) {
							return false;
						}
					}
				}
			}
			return true;
		}

		private boolean onRunning(Machine m, int round, int kind) {
			int[] cls = here.classOf;
			for (int c = 0; c < cores; c++) {
				if (cls[c] == c && m.current(c) != Machine.NONE && !step(m, round, Step.of(kind, c, 0, 0))) {
					return false;
				}
			}
			return true;
		}

		/**
		 * Takes one step from {@code m}, once for each way its ties between cores can go; returns false when
		 * the chunk ends the search (violation, fault).
		 */
		private boolean step(Machine m, int round, long step) {
			ties.startStep();
			do {
				if (!stepOnce(m, round, step)) {
					return false;
				}
			} while (ties.nextRun());
			return true;
		}

		/** One run of a step, its ties going as {@link #ties} says. */
		private boolean stepOnce(Machine m, int round, long step) {
			long run = ++ordinal;
			int kind = Step.kind(step);
			int core = Step.core(step);
			Machine s = scratch;
			s.copyFrom(m);
			try {
				long delta = kind == Step.ADVANCE ? config.timeSteps()[Step.timeStep(step)] : 0;
				Transitions.apply(in, s, kind, core, Step.thread(step), delta,
						kind == Step.NEW ? created(step) : ThreadInputs.DEFAULT);
			} catch (PolicyFault fault) {
				end(Outcome.Kind.FAULT, step, run, fault.getMessage());
				return false;
			}
			if (compact) {
				s.removeTerminated();
			}
			transitions.transition(m, kind, core, s);
			boolean quiescent = s.pendingReschedules() == 0;
			int after = config.cwc() ? round : Rounds.after(round, kind, core, fullRound, quiescent);
			boolean roundEnds = !config.cwc() && Rounds.ends(round, kind, core, fullRound, quiescent);
			boolean violated;
			if (!periodic) {
				// a core's pending reschedule is on its way: WC is a property of the states where none is
				violated = quiescent && !WorkConservation.holds(s);
			} else if (config.cwc()) {
				violated = kind == Step.BALANCE && WorkConservation.idleWithSettledWaitingWork(m, core)
						&& WorkConservation.idleWithSettledWaitingWork(s, core);
			} else {
				violated = roundEnds && !WorkConservation.holds(s);
			}
			// a thread queued for a core whose reschedule is on its way does not wait for a core yet
			if (quiescent && (s.overloadedCores() > 0 || s.sharedWork())) {
				chunk.waitedAt = Math.min(chunk.waitedAt, run);
			}
			if (violated) {
				end(Outcome.Kind.VIOLATION, step, run, null);
				return false;
			}
			there.approximated = false;
			there.analyse(s, after);
			if (there.approximated) {
				chunk.successorApproximatedAt = Math.min(chunk.successorApproximatedAt, run);
			}
			if (visited.contains(there.hash1, there.hash2) || !seenNow.add(there.hash1, there.hash2)) {
				return true;
			}
			if (visitsInline) {
				visitor.visited(s, after); // one worker: right after the run that found it, as a search does
			}
			chunk.add(s.pack(), there.hash1, there.hash2, expanding, step, ties.code(), after, run);
			if (chunk.size >= limit) {
				chunk.full = true;
				return false;
			}
			return true;
		}

		private void end(Outcome.Kind kind, long step, long run, String message) {
			chunk.end = kind;
			chunk.endParent = expanding;
			chunk.endStep = step;
			chunk.endTie = ties.code();
			chunk.endMessage = message;
			chunk.endOrdinal = run;
		}
	}

	private void record(int id, int from, long step, long tie) {
		if (id >= parent.length) {
			parent = Arrays.copyOf(parent, parent.length * 2);
			via = Arrays.copyOf(via, via.length * 2);
			tieOf = Arrays.copyOf(tieOf, tieOf.length * 2);
		}
		parent[id] = from;
		via[id] = step;
		tieOf[id] = tie;
	}

	/** {@link #pathTo}'s tie codes. */
	private long[] tiesTo(int id, long last) {
		return backFrom(id, last, tieOf);
	}

	private long[] pathTo(int id, long last) {
		return backFrom(id, last, via);
	}

	/** What {@code perState} holds for each state from the root to {@code id}, then {@code last}. */
	private long[] backFrom(int id, long last, long[] perState) {
		int n = 0;
		for (int s = id; parent[s] >= 0; s = parent[s]) {
			n++;
		}
		long[] values = new long[n + 1];
		values[n] = last;
		int i = n - 1;
		for (int s = id; parent[s] >= 0; s = parent[s]) {
			values[i--] = perState[s];
		}
		return values;
	}
}
