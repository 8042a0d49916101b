package org.policy.verifier.explore;

import java.util.Arrays;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadState;

/**
 * Canonical forms of machine states, for state matching: a 128-bit hash of a description of the state
 * that does not depend on thread ids and, with core symmetry, not on core ids either.
 *
 * <p>Each core gets a <em>signature</em>: its core state, idle mark, attributes, round mark, its current
 * thread and queues (each thread by its attributes and, in a queue, its insertion key, in queue order),
 * and the threads that belong to it without being on it (blocked threads whose {@code cpu} it is, as a
 * sorted multiset; threads of shared queues whose {@code cpu} it is, with their queue position). That
 * describes every thread exactly once and every reference from a thread to a core, so the multiset of
 * signatures determines the state up to renaming threads and cores. With core symmetry the signatures are
 * sorted before hashing; cores with equal signatures are interchangeable and form one <em>class</em>.
 *
 * <p>Policies with {@code thread}-valued attributes store thread ids in attributes: then each thread is
 * also described by its id (no thread renaming). Policies with {@code core}-valued attributes store core
 * ids: then core symmetry must be off (the explorer does so). Allocation-free after construction.
 *
 * <p><b>Affinity.</b> In a state where some thread may not run on every core, each thread's description
 * also says whether it may run anywhere or only on the core it belongs to ({@code cpu(t)}, which is
 * always a core it may use, so "pinned" means pinned to that core), and a restricted thread is always
 * described at its core, even for a policy that never calls {@code cpu}: its affinity names that core.
 * A renumbering of cores then carries each pinned thread's affinity along with the core, so core symmetry
 * stays exact. Any other restricted affinity is described by its core bits, which only a key without
 * core symmetry may do ({@link #analyse} refuses it otherwise). States where every thread may run
 * anywhere are described exactly as before affinity existed.
 */
final class StateKeys {
	private final boolean coreSymmetry;
	private final boolean threadIds;
	private final boolean byCpu;
	private final int cores;

	long hash1;
	long hash2;
	/** Per core: the lowest-numbered core with an equal signature (the core itself without symmetry). */
	final int[] classOf;

	private long[] sig;
	private int pos;
	private final int[] start;
	private final int[] length;
	private final int[] order;
	/** Per core: two independent 64-bit hashes of its signature (sorting and the key use these). */
	private final long[] coreHash1;
	private final long[] coreHash2;
	private final int threadSlots;
	private final int coreSlots;
	/** Per core, the blocked (then, with thread ids, terminated) threads whose cpu it is, by id. */
	private final int[] attachedThreads;
	private final int[] blockedCount;
	private final int[] terminatedCount;
	private final int capacity;
	/** Per thread, in a state with restricted affinities: {@link #ANYWHERE}, {@link #PINNED} or {@link #SUBSET}. */
	private final int[] affinityCode;
	/** Whether the state analysed has a restricted affinity (then {@link #affinityCode} is filled in). */
	private boolean restricted;
	private static final int ANYWHERE = 0;
	/** May run only on {@code cpu(t)}. */
	private static final int PINNED = 1;
	/** Any other restricted set: described by its bits (no core symmetry). */
	private static final int SUBSET = 2;
	/** Time normalisation: the family of each thread/core attribute slot and of now (-1: exact). */
	private final TimeFamilies time;
	/** Per family: gaps larger than this are not told apart. */
	private final long[] window;
	/**
	 * Whether some state so far had, in a family whose differences the policy reads, a gap wider than the
	 * window, which the key shrank: then states that may differ in a comparison were merged, and a verdict
	 * that relied on it is approximate.
	 */
	boolean approximated;
	private final long[][] familyValues;
	private final long[][] familyCanon;
	private final int[] familySize;
	private Machine m;

	StateKeys(int cores, int threadCapacity, int threadSlots, int coreSlots, boolean coreSymmetry, boolean threadIds,
			TimeFamilies time, long nowWindow, long otherWindow) {
		this(cores, threadCapacity, threadSlots, coreSlots, coreSymmetry, threadIds, true, time, nowWindow, otherWindow);
	}

	/**
	 * @param byCpu whether a blocked or shared-queue thread is described with the core it belongs to
	 *              ({@code cpu(t)}); without, such threads are described machine-wide (exact when the
	 *              policy never calls {@code cpu})
	 */
	StateKeys(int cores, int threadCapacity, int threadSlots, int coreSlots, boolean coreSymmetry, boolean threadIds,
			boolean byCpu, TimeFamilies time, long nowWindow, long otherWindow) {
		this.byCpu = byCpu;
		this.cores = cores;
		this.coreSymmetry = coreSymmetry;
		this.threadIds = threadIds;
		this.classOf = new int[cores];
		this.start = new int[cores];
		this.length = new int[cores];
		this.order = new int[cores];
		this.coreHash1 = new long[cores];
		this.coreHash2 = new long[cores];
		this.threadSlots = threadSlots;
		this.coreSlots = coreSlots;
		this.capacity = Math.max(1, threadCapacity);
		this.affinityCode = new int[capacity];
		this.attachedThreads = new int[(cores + 1) * 2 * capacity];
		this.blockedCount = new int[cores + 1];
		this.terminatedCount = new int[cores + 1];
		this.time = time;
		this.window = new long[time.families];
		for (int f = 0; f < time.families; f++) {
			window[f] = Math.max(1, f == time.nowFamily ? nowWindow : otherWindow);
		}
		int room = capacity * (threadSlots + 2) + cores * (coreSlots + capacity) + 1;
		this.familyValues = new long[time.families][room];
		this.familyCanon = new long[time.families][room];
		this.familySize = new int[time.families];
		this.sig = new long[cores * (8 + coreSlots + threadSlots) + threadCapacity * (8 + threadSlots) + 64];
	}

	/** Computes the hash and the core classes of {@code machine} with round mark {@code round} (bit c: core c done). */
	void analyse(Machine machine, int round) {
		this.m = machine;
		pos = 0;
		restricted = m.hasRestrictedAffinity();
		if (restricted) {
			classifyAffinities();
		}
		bucketAttached();
		normaliseTime();
		for (int c = 0; c < cores; c++) {
			start[c] = pos;
			signature(c, (round >>> c) & 1);
			length[c] = pos - start[c];
			order[c] = c;
			long h1 = 0x243F6A8885A308D3L ^ length[c];
			long h2 = 0x13198A2E03707344L + length[c];
			for (int j = start[c], end = pos; j < end; j++) {
				h1 = mix1(h1, sig[j]);
				h2 = mix2(h2, sig[j]);
			}
			coreHash1[c] = fmix(h1);
			coreHash2[c] = fmix(h2 ^ 0x5851F42D4C957F2DL);
		}
		if (coreSymmetry) {
			sortCores();
		}
		long h1 = 0xA4093822299F31D0L;
		long h2 = 0x082EFA98EC4E6C89L;
		long now = time.nowFamily >= 0 ? canon(time.nowFamily, m.now()) : m.now();
		long[] header = { cores, m.threads(), now, round == 0 ? 0 : 1 };
		for (long v : header) {
			h1 = mix1(h1, v);
			h2 = mix2(h2, v);
		}
		if (restricted) {
			// only here, so that a state without restrictions hashes as before affinity existed
			h1 = mix1(h1, -11);
			h2 = mix2(h2, -11);
		}
		for (int i = 0; i < cores; i++) {
			int c = order[i];
			h1 = mix1(h1, coreHash1[c]);
			h2 = mix2(h2, coreHash2[c]);
		}
		if (!byCpu) {
			int from = pos;
			globalPart();
			for (int j = from; j < pos; j++) {
				h1 = mix1(h1, sig[j]);
				h2 = mix2(h2, sig[j]);
			}
		}
		hash1 = fmix(h1);
		hash2 = fmix(h2 ^ 0x452821E638D01377L);
		for (int c = 0; c < cores; c++) {
			classOf[c] = c;
		}
		if (coreSymmetry) {
			// equal signatures are adjacent after sorting: each run of them is one class
			int i = 0;
			while (i < cores) {
				int j = i + 1;
				int rep = order[i];
				while (j < cores && compare(order[i], order[j]) == 0) {
					rep = Math.min(rep, order[j]);
					j++;
				}
				for (int k = i; k < j; k++) {
					classOf[order[k]] = rep;
				}
				i = j;
			}
		}
	}

	/** Whether blocked thread {@code t} is the lowest-numbered of the blocked threads interchangeable with it. */
	boolean blockedRepresentative(int t) {
		if (threadIds) {
			return true;
		}
		for (int u = 0; u < t; u++) {
			if (m.state(u) == ThreadState.BLOCKED && sameHome(u, t) && sameAttributes(u, t)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether threads {@code u} and {@code t} stand alike towards the cores: the same affinity kind and,
	 * when described at their cores, cores of one class (one core without symmetry).
	 */
	private boolean sameHome(int u, int t) {
		if (restricted) {
			int code = affinityCode[u];
			if (code != affinityCode[t] || code == SUBSET && !sameAffinity(u, t)) {
				return false;
			}
		}
		return !attached(t) || classOf[m.cpu(u)] == classOf[m.cpu(t)];
	}

	private boolean sameAffinity(int u, int t) {
		for (int c = 0; c < cores; c++) {
			if (m.allowed(u, c) != m.allowed(t, c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether thread {@code t} is described at the core it belongs to, {@code cpu(t)}: every thread when the
	 * policy observes {@code cpu}, and a thread of restricted affinity always (its affinity names its core).
	 */
	private boolean attached(int t) {
		return byCpu || restricted && affinityCode[t] != ANYWHERE;
	}

	/**
	 * Whether waking {@code t} from core {@code w} is a representative choice: the thread's own core, or
	 * the lowest-numbered core of its class among the other cores.
	 */
	boolean wakerRepresentative(int t, int w) {
		return otherCoreRepresentative(attached(t) ? m.cpu(t) : -1, w);
	}

	/**
	 * Whether core {@code w} is a representative choice beside core {@code home} (-1: none): {@code home}
	 * itself, or the lowest-numbered core of its class among the other cores. Choosing either of two
	 * interchangeable cores other than {@code home} gives interchangeable states.
	 */
	boolean otherCoreRepresentative(int home, int w) {
		if (w == home) {
			return true;
		}
		for (int v = 0; v < w; v++) {
			if (v != home && classOf[v] == classOf[w]) {
				return false;
			}
		}
		return true;
	}

	private boolean sameAttributes(int a, int b) {
		for (int s = 0; s < threadSlots; s++) {
			if (m.threadAttr(a, s) != m.threadAttr(b, s)) {
				return false;
			}
		}
		return true;
	}

	// ------------------------------------------------------------------ signatures

	private void signature(int c, int done) {
		ensure(16 + coreSlots);
		sig[pos++] = done;
		sig[pos++] = m.coreState(c);
		// idle mark, pending reschedule, unseen preempt request: 0 or 1 in every quiescent state, as before
		// concurrency existed, so such states hash as they did
		sig[pos++] = (m.isIdle(c) ? 1 : 0) | (m.reschedulePending(c) ? 2 : 0) | (m.preemptRequested(c) ? 4 : 0);
		for (int s = 0; s < coreSlots; s++) {
			int f = time.coreFamily[s];
			sig[pos++] = f < 0 ? m.coreAttr(c, s) : canon(f, m.coreAttr(c, s));
		}
		int current = m.current(c);
		put(current == Machine.NONE ? 0 : 1);
		if (current != Machine.NONE) {
			thread(current);
		}
		for (int k = 0; k < m.layout().coreQueues(); k++) {
			int q = m.coreQueue(c, k);
			int size = m.size(q);
			put(size);
			int f = keyFamily(k);
			for (int i = 0; i < size; i++) {
				put(f < 0 ? m.keyAt(q, i) : canon(f, m.keyAt(q, i)));
				thread(m.at(q, i));
			}
		}
		attached(c, 0, blockedCount[c]);
		if (threadIds) {
			attached(c, 1, terminatedCount[c]);
		}
		if (!byCpu && !restricted) {
			return; // blocked and shared-queue threads are described machine-wide (globalPart)
		}
		int shared = 0;
		for (int s = 0; s < m.layout().sharedQueues(); s++) {
			int q = m.sharedQueue(s);
			for (int i = 0; i < m.size(q); i++) {
				int t = m.at(q, i);
				if (attached(t) && m.cpu(t) == c) {
					shared++;
				}
			}
		}
		put(shared);
		for (int s = 0; s < m.layout().sharedQueues(); s++) {
			int q = m.sharedQueue(s);
			for (int i = 0; i < m.size(q); i++) {
				int t = m.at(q, i);
				if (attached(t) && m.cpu(t) == c) {
					int f = keyFamily(m.layout().coreQueues() + s);
					put(s);
					put(i);
					put(f < 0 ? m.keyAt(q, i) : canon(f, m.keyAt(q, i)));
					thread(t);
				}
			}
		}
	}

	/**
	 * Without cpu: the blocked (and terminated) threads as multisets, then the shared queues in order. A
	 * restricted thread is described at its core instead (with its queue position); here its place holds
	 * a mark, so that the queue's order is kept.
	 */
	private void globalPart() {
		put(-7);
		attached(cores, 0, blockedCount[cores]);
		if (threadIds) {
			attached(cores, 1, terminatedCount[cores]);
		}
		for (int s = 0; s < m.layout().sharedQueues(); s++) {
			int q = m.sharedQueue(s);
			int f = keyFamily(m.layout().coreQueues() + s);
			put(m.size(q));
			for (int i = 0; i < m.size(q); i++) {
				int t = m.at(q, i);
				if (attached(t)) {
					put(-13);
					continue;
				}
				put(f < 0 ? m.keyAt(q, i) : canon(f, m.keyAt(q, i)));
				thread(t);
			}
		}
	}

	/**
	 * Fills in {@link #affinityCode} for a state with restricted affinities: a thread that may run only on
	 * {@code cpu(t)} is {@link #PINNED}; any other restriction is {@link #SUBSET}, which a symmetric key
	 * cannot describe (its bits name cores the thread is not on).
	 */
	private void classifyAffinities() {
		for (int t = 0; t < m.threads(); t++) {
			int code = ANYWHERE;
			if (m.state(t) != ThreadState.NONEXISTENT && AffinityDomain.restricted(m, t)) {
				code = PINNED;
				for (int c = 0; c < cores && code == PINNED; c++) {
					if (m.allowed(t, c) != (c == m.cpu(t))) {
						code = SUBSET;
					}
				}
				if (code == SUBSET && coreSymmetry) {
					throw new IllegalStateException("internal error: t" + t + " may run on " + m.affinity(t)
							+ ", which a key with core symmetry cannot describe (only one core, its own)");
				}
			}
			affinityCode[t] = code;
		}
	}

	/** Sorts the blocked and terminated threads into per-core buckets, each in id order: one pass over threads. */
	private void bucketAttached() {
		java.util.Arrays.fill(blockedCount, 0);
		java.util.Arrays.fill(terminatedCount, 0);
		for (int t = 0; t < m.threads(); t++) {
			int state = m.state(t);
			if (state == ThreadState.BLOCKED) {
				int c = attached(t) ? m.cpu(t) : cores;
				attachedThreads[(c * 2) * capacity + blockedCount[c]++] = t;
			} else if (state == ThreadState.TERMINATED && threadIds) {
				int c = attached(t) ? m.cpu(t) : cores;
				attachedThreads[(c * 2 + 1) * capacity + terminatedCount[c]++] = t;
			}
		}
	}

	/** The threads of one of core {@code c}'s buckets, as a sorted multiset of descriptions. */
	private void attached(int c, int bucket, int n) {
		int base = (c * 2 + bucket) * capacity;
		int[] a = attachedThreads;
		for (int i = 1; i < n; i++) {
			int t = a[base + i];
			int j = i;
			while (j > 0 && compareThreads(a[base + j - 1], t) > 0) {
				a[base + j] = a[base + j - 1];
				j--;
			}
			a[base + j] = t;
		}
		put(n);
		for (int i = 0; i < n; i++) {
			thread(a[base + i]);
		}
	}

	/** A total order on thread descriptions (attributes, then affinity), so that multisets sort alike. */
	private int compareThreads(int a, int b) {
		for (int s = 0; s < threadSlots; s++) {
			int r = Long.compare(m.threadAttr(a, s), m.threadAttr(b, s));
			if (r != 0) {
				return r;
			}
		}
		if (restricted) {
			int r = Integer.compare(affinityCode[a], affinityCode[b]);
			for (int c = 0; r == 0 && affinityCode[a] == SUBSET && c < cores; c++) {
				r = Boolean.compare(m.allowed(a, c), m.allowed(b, c));
			}
			if (r != 0) {
				return r;
			}
		}
		return threadIds ? Integer.compare(a, b) : 0;
	}

	private void thread(int t) {
		ensure(threadSlots + 2 + (restricted ? cores : 0));
		if (threadIds) {
			sig[pos++] = t;
		}
		for (int s = 0; s < threadSlots; s++) {
			int f = time.threadFamily[s];
			sig[pos++] = f < 0 ? m.threadAttr(t, s) : canon(f, m.threadAttr(t, s));
		}
		if (restricted) {
			int code = affinityCode[t];
			sig[pos++] = code;
			for (int c = 0; code == SUBSET && c < cores; c++) {
				sig[pos++] = m.allowed(t, c) ? 1 : 0;
			}
		}
	}

	private void put(long v) {
		ensure(1);
		sig[pos++] = v;
	}

	private void ensure(int room) {
		if (pos + room > sig.length) {
			sig = Arrays.copyOf(sig, Math.max(sig.length * 2, pos + room));
		}
	}

	private void sortCores() {
		for (int i = 1; i < cores; i++) {
			int c = order[i];
			int j = i;
			while (j > 0 && compare(order[j - 1], c) > 0) {
				order[j] = order[j - 1];
				j--;
			}
			order[j] = c;
		}
	}

	/** Orders cores by signature hash, then (equal hashes) by the signature itself: a total order on signatures. */
	private int compare(int a, int b) {
		int r = Long.compare(coreHash1[a], coreHash1[b]);
		if (r != 0) {
			return r;
		}
		r = Long.compare(coreHash2[a], coreHash2[b]);
		if (r != 0) {
			return r;
		}
		int la = length[a];
		int lb = length[b];
		int n = Math.min(la, lb);
		for (int i = 0; i < n; i++) {
			r = Long.compare(sig[start[a] + i], sig[start[b] + i]);
			if (r != 0) {
				return r;
			}
		}
		return Integer.compare(la, lb);
	}

	// ------------------------------------------------------------------ time

	/** The family of the order key of queue kind {@code kind}, or -1 (FIFO, or an exact attribute). */
	private int keyFamily(int kind) {
		int slot = m.layout().orderSlot()[kind];
		return slot < 0 ? -1 : time.threadFamily[slot];
	}

	/**
	 * For each time family: its values in this state (attributes of existing threads and of cores, queue
	 * keys, now), sorted, and their canonical values: the smallest becomes 0, and each next one is the
	 * previous one plus the gap between them, capped at the window. Order and equality are kept, so
	 * comparisons within a family come out the same, and so do differences smaller than the window.
	 */
	private void normaliseTime() {
		if (time.families == 0) {
			return;
		}
		java.util.Arrays.fill(familySize, 0);
		for (int t = 0; t < m.threads(); t++) {
			int state = m.state(t);
			if (state == ThreadState.TERMINATED || state == ThreadState.NONEXISTENT) {
				continue;
			}
			for (int s = 0; s < threadSlots; s++) {
				collect(time.threadFamily[s], m.threadAttr(t, s));
			}
		}
		for (int c = 0; c < cores; c++) {
			for (int s = 0; s < coreSlots; s++) {
				collect(time.coreFamily[s], m.coreAttr(c, s));
			}
		}
		for (int q = 0; q < m.queueInstances(); q++) {
			int f = keyFamily(m.queueKind(q));
			for (int i = 0; f >= 0 && i < m.size(q); i++) {
				collect(f, m.keyAt(q, i));
			}
		}
		collect(time.nowFamily, m.now());
		for (int f = 0; f < time.families; f++) {
			long[] v = familyValues[f];
			int n = familySize[f];
			java.util.Arrays.sort(v, 0, n);
			int u = 0;
			for (int i = 0; i < n; i++) {
				if (u == 0 || v[u - 1] != v[i]) {
					v[u++] = v[i];
				}
			}
			familySize[f] = u;
			long[] canon = familyCanon[f];
			for (int i = 0; i < u; i++) {
				canon[i] = i == 0 ? 0 : canon[i - 1] + Math.min(v[i] - v[i - 1], window[f]);
				if (i > 0 && v[i] - v[i - 1] > window[f] && !time.orderOnly[f]) {
					approximated = true;
				}
			}
		}
	}

	private void collect(int family, long value) {
		if (family >= 0) {
			familyValues[family][familySize[family]++] = value;
		}
	}

	private long canon(int family, long value) {
		int i = java.util.Arrays.binarySearch(familyValues[family], 0, familySize[family], value);
		return familyCanon[family][i];
	}

	// ------------------------------------------------------------------ hashing

	private static long mix1(long h, long v) {
		h ^= v * 0x9E3779B97F4A7C15L;
		h = Long.rotateLeft(h, 29) * 0xBF58476D1CE4E5B9L;
		return h;
	}

	private static long mix2(long h, long v) {
		h += v ^ 0xD6E8FEB86659FD93L;
		h = Long.rotateLeft(h * 0x94D049BB133111EBL, 31);
		return h ^ (h >>> 23);
	}

	private static long fmix(long h) {
		h ^= h >>> 33;
		h *= 0xFF51AFD7ED558CCDL;
		h ^= h >>> 33;
		h *= 0xC4CEB9FE1A85EC53L;
		h ^= h >>> 33;
		return h;
	}
}
