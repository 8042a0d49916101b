package org.policy.verifier.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.verifier.TestPolicies;

/**
 * State keys with pinned threads: a renumbering of cores that also renumbers each pinned thread's core
 * gives the same key, and two states get the same key exactly when, core by core, they hold the same
 * running, queued and blocked threads with the same affinities. The policy never calls {@code cpu}, so
 * its threads that may run anywhere are described machine-wide when blocked, and its pinned threads at
 * their core (the case where the key must add what the policy's own {@code cpu} reads would not).
 */
class AffinityKeysTest {
	private static final CompiledPolicy PINNABLE = TestPolicies.parse("""
			policy pinnable {
				core { queue q ordered by fifo; }
				function core place(thread t) = min(c in affinity(t) by 0);
				on new(t) { if (self in affinity(t)) { t => self.q; } else { t => place(t).q; } }
				on tick(t) { }
				on yield(t) { t => self.q; }
				on block(t) { t => blocked; }
				on unblock(t) { if (self in affinity(t)) { t => self.q; } else { t => place(t).q; } }
				on terminate(t) { t => terminated; }
				on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }
			}
			""", "pinnable.policy");
	private static final int CORES = 3;
	private static final int THREADS = 5;

	/** An event: kind, core, for unblock which blocked thread (by rank), for new the core pinned to (-1: none). */
	record Event(int kind, int core, int pick, int pin) {
	}

	@Provide
	Arbitrary<List<Event>> runs() {
		Arbitrary<Event> event = Combinators.combine(
				Arbitraries.of(Step.NEW, Step.NEW, Step.BLOCK, Step.UNBLOCK, Step.TERMINATE, Step.YIELD),
				Arbitraries.integers().between(0, CORES - 1), Arbitraries.integers().between(0, THREADS),
				Arbitraries.integers().between(-1, CORES - 1)).as(Event::new);
		return event.list().ofMaxSize(16);
	}

	@Provide
	Arbitrary<int[]> permutations() {
		return Arbitraries.shuffle(0, 1, 2).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
	}

	@Example
	void thePolicyNeverCallsCpuAndReadsAffinity() {
		assertFalse(ModelFeatures.of(PINNABLE).readsCpu());
		assertTrue(ModelFeatures.of(PINNABLE).readsAffinity());
	}

	@Property(tries = 400)
	void renumberingCoresAndPinsKeepsTheKey(@ForAll("runs") List<Event> run, @ForAll("permutations") int[] perm) {
		Machine a = play(run, new int[] { 0, 1, 2 });
		Machine b = play(run, perm);
		StateKeys keys = keys(true);
		keys.analyse(a, 0);
		long a1 = keys.hash1;
		long a2 = keys.hash2;
		keys.analyse(b, 0);
		if (a1 != keys.hash1 || a2 != keys.hash2) {
			throw new AssertionError("keys differ:\n" + a + "\n" + b);
		}
	}

	@Property(tries = 400)
	void keysAreEqualExactlyWhenPerCoreContentsAndAffinitiesMatch(@ForAll("runs") List<Event> r1,
			@ForAll("runs") List<Event> r2) {
		Machine a = play(r1, new int[] { 0, 1, 2 });
		Machine b = play(r2, new int[] { 0, 1, 2 });
		StateKeys keys = keys(true);
		keys.analyse(a, 0);
		long a1 = keys.hash1;
		keys.analyse(b, 0);
		boolean sameKey = a1 == keys.hash1;
		boolean sameContents = summary(a).equals(summary(b));
		if (sameKey != sameContents) {
			throw new AssertionError("key equality " + sameKey + " but contents equality " + sameContents + ":\n" + a
					+ summary(a) + "\n" + b + summary(b));
		}
	}

	/**
	 * Two states that differ only in the core a blocked thread is pinned to: the policy never calls cpu, yet
	 * the keys must differ, since waking the thread runs it on idle core 1 in one and queues it behind the
	 * running thread of core 0 in the other.
	 */
	@Example
	void aBlockedPinnedThreadIsDescribedAtItsCoreThoughThePolicyNeverCallsCpu() {
		Machine[] states = new Machine[2];
		for (int pin = 0; pin < 2; pin++) {
			Interpreter in = PINNABLE.newInterpreter();
			Machine m = Explorer.initialState(PINNABLE, in, CORES, THREADS);
			Transitions.apply(in, m, Step.NEW, 0, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(pin)));
			for (int c = m.nextPendingReschedule(0); c < CORES; c = m.nextPendingReschedule(0)) {
				Transitions.apply(in, m, Step.RESCHEDULE, c, 0, 0); // core 1 learns of the thread pinned to it
			}
			Transitions.apply(in, m, Step.BLOCK, pin, 0, 0);
			Transitions.apply(in, m, Step.NEW, 0, 0, 0);
			assertEquals(1, m.current(0));
			assertEquals(ThreadState.BLOCKED, m.state(0));
			states[pin] = m;
		}
		StateKeys keys = keys(true);
		keys.analyse(states[0], 0);
		long pinned0 = keys.hash1;
		keys.analyse(states[1], 0);
		assertNotEquals(pinned0, keys.hash1);
	}

	/**
	 * The same for a thread waiting in a shared queue: which core it is pinned to, the one that runs a
	 * pinned thread or the one that runs a thread that may run anywhere, decides whether it ever runs
	 * when that other thread blocks. The shared queue keeps its place; the pin is described at the core.
	 */
	@Example
	void aPinnedThreadInASharedQueueIsDescribedAtItsCore() {
		CompiledPolicy fifo = TestPolicies.load("fifo_affinity");
		assertFalse(ModelFeatures.of(fifo).readsCpu());
		long[] keys = new long[2];
		for (int pin = 0; pin < 2; pin++) {
			Interpreter in = fifo.newInterpreter();
			Machine m = Explorer.initialState(fifo, in, 2, 3);
			Transitions.apply(in, m, Step.NEW, 0, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(0)));
			Transitions.apply(in, m, Step.NEW, 1, 0, 0);
			Transitions.apply(in, m, Step.NEW, 0, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(pin)));
			assertEquals(0, m.current(0));
			assertEquals(1, m.current(1));
			assertEquals(2, m.at(m.sharedQueue(0), 0));
			StateKeys k = new StateKeys(2, 3, fifo.layout().threadSlots(), fifo.layout().coreSlots(), true, false, false,
					TimeFamilies.of(fifo.policy()), 1, 1);
			k.analyse(m, 0);
			keys[pin] = k.hash1;
		}
		assertNotEquals(keys[0], keys[1]);
	}

	/**
	 * Of blocked threads alike in every attribute, one is woken: but a pinned thread is not like one that
	 * may run anywhere, nor like one pinned to a core of another class.
	 */
	@Example
	void aPinnedBlockedThreadIsNeverStandInForAnother() {
		Interpreter in = PINNABLE.newInterpreter();
		Machine m = Explorer.initialState(PINNABLE, in, CORES, THREADS);
		Transitions.apply(in, m, Step.NEW, 0, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(0)));
		Transitions.apply(in, m, Step.NEW, 1, 0, 0);
		Transitions.apply(in, m, Step.NEW, 2, 0, 0);
		Transitions.apply(in, m, Step.NEW, 1, 0, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(1)));
		for (int c = 0; c < CORES; c++) {
			Transitions.apply(in, m, Step.BLOCK, c, 0, 0);
		}
		Transitions.apply(in, m, Step.BLOCK, 1, 0, 0);
		assertEquals(List.of(ThreadState.BLOCKED), IntStream.range(0, 4).mapToObj(m::state).distinct().toList());
		StateKeys keys = keys(true);
		keys.analyse(m, 0);
		assertTrue(keys.blockedRepresentative(0), "t0, pinned to core 0");
		assertTrue(keys.blockedRepresentative(1), "t1, the first that may run anywhere");
		assertFalse(keys.blockedRepresentative(2), "t2 may run anywhere too: t1 stands in for it");
		assertFalse(keys.blockedRepresentative(3), "t3 is pinned to core 1, which is just like core 0: t0 stands in");
		// waking: a pinned thread's core is its own choice, the others one per class; cpu is not read, so a
		// thread that may run anywhere has no core of its own
		assertTrue(keys.wakerRepresentative(0, 0));
		assertTrue(keys.wakerRepresentative(0, 1), "core 1 is like core 0, but core 0 is t0's");
		assertTrue(keys.wakerRepresentative(0, 2));
		assertTrue(keys.wakerRepresentative(1, 0));
		assertFalse(keys.wakerRepresentative(1, 1), "core 0 stands in for core 1");
		Transitions.apply(in, m, Step.NEW, 1, 0, 0);
		assertEquals(4, m.current(1));
		keys.analyse(m, 0);
		assertTrue(keys.blockedRepresentative(3), "now core 1 runs t4 and core 0 nothing: t3 is no t0");
		assertTrue(keys.blockedRepresentative(0));
	}

	/**
	 * A thread allowed on two of three cores ties it to a core it is not on: only a key without core
	 * symmetry describes that (by the affinity's bits), and a symmetric one refuses rather than merge
	 * states that differ.
	 */
	@Example
	void anAffinityOfSeveralCoresIsDescribedByItsBitsWithoutSymmetryAndRefusedWithIt() {
		Machine a = pinned(Affinity.parse("0-1"));
		Machine b = pinned(Affinity.parse("0,2"));
		StateKeys plain = keys(false);
		plain.analyse(a, 0);
		long a1 = plain.hash1;
		plain.analyse(b, 0);
		assertNotEquals(a1, plain.hash1);
		plain.analyse(pinned(Affinity.parse("0-1")), 0);
		assertEquals(a1, plain.hash1);
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(true).analyse(a, 0));
		assertTrue(e.getMessage().contains("t0 may run on 0-1"), e.getMessage());
	}

	/** One thread, created by core 0 with the given affinity, running on core 0. */
	private static Machine pinned(Affinity affinity) {
		Interpreter in = PINNABLE.newInterpreter();
		Machine m = Explorer.initialState(PINNABLE, in, CORES, THREADS);
		Transitions.apply(in, m, Step.NEW, 0, 0, 0, ThreadInputs.DEFAULT.withAffinity(affinity));
		assertEquals(0, m.current(0));
		return m;
	}

	private static StateKeys keys(boolean symmetry) {
		return new StateKeys(CORES, THREADS, PINNABLE.layout().threadSlots(), 0, symmetry, false, false,
				TimeFamilies.of(PINNABLE.policy()), 1, 1);
	}

	/**
	 * Per core: its current thread ({@code -} none, {@code a} may run anywhere, {@code p} pinned), its queue
	 * in order, its blocked pinned threads, its idle mark; sorted. Then the blocked threads that may run
	 * anywhere, machine-wide (the policy cannot tell where they last ran).
	 */
	private static List<String> summary(Machine m) {
		List<String> cores = new ArrayList<>();
		int blockedAnywhere = 0;
		for (int t = 0; t < m.threads(); t++) {
			blockedAnywhere += m.state(t) == ThreadState.BLOCKED && m.affinity(t).isAll() ? 1 : 0;
		}
		for (int c = 0; c < m.cores(); c++) {
			int blockedPinned = 0;
			for (int t = 0; t < m.threads(); t++) {
				if (m.state(t) == ThreadState.BLOCKED && !m.affinity(t).isAll()) {
					assertEquals(Affinity.of(m.cpu(t)), m.affinity(t), "a pinned thread belongs to its core");
					blockedPinned += m.cpu(t) == c ? 1 : 0;
				}
			}
			StringBuilder queue = new StringBuilder();
			int q = m.coreQueue(c, 0);
			for (int i = 0; i < m.size(q); i++) {
				queue.append(kind(m, m.at(q, i)));
			}
			cores.add(kind(m, m.current(c)) + "/" + queue + "/" + blockedPinned + "/" + m.isIdle(c));
		}
		cores.sort(null);
		cores.add("blocked anywhere: " + blockedAnywhere);
		return cores;
	}

	private static String kind(Machine m, int t) {
		return t == Machine.NONE ? "-" : m.affinity(t).isAll() ? "a" : "p";
	}

	/** Plays the events with core c renamed perm[c] (pins too); skips events that make no sense in the state. */
	private static Machine play(List<Event> run, int[] perm) {
		Interpreter in = PINNABLE.newInterpreter();
		Machine m = Explorer.initialState(PINNABLE, in, CORES, THREADS);
		for (Event e : run) {
			int core = perm[e.core()];
			ThreadInputs inputs = e.pin() < 0 ? ThreadInputs.DEFAULT
					: ThreadInputs.DEFAULT.withAffinity(Affinity.of(perm[e.pin()]));
			RandomStep.apply(in, m, e.kind(), core, e.pick(), inputs, THREADS);
		}
		return m;
	}
}
