package org.policy.verifier.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.verifier.TestPolicies;

/**
 * State keys identify exactly the states that differ by a renumbering of cores and threads. Checked on a
 * policy that treats cores alike (every thread stays on the core that created or woke it), where the
 * state is determined by what each core holds: renumbering the cores of an event sequence must give the
 * same key, and two random states get the same key exactly when their per-core contents match.
 */
class KeyPropertiesTest {
	private static final CompiledPolicy LOCAL = TestPolicies.parse("""
			policy local {
				thread { }
				core { queue q ordered by fifo; }
				on new(t) { t => self.q; }
				on tick(t) { }
				on yield(t) { t => self.q; }
				on block(t) { t => blocked; }
				on unblock(t) { t => self.q; }
				on terminate(t) { t => terminated; }
				on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }
			}
			""", "local.policy");
	private static final int CORES = 3;
	private static final int THREADS = 5;

	/** An event: kind, core, and for unblock which blocked thread (by rank among the blocked ones). */
	record Event(int kind, int core, int pick) {
	}

	@Provide
	Arbitrary<List<Event>> runs() {
		Arbitrary<Event> event = Combinators.combine(Arbitraries.of(Step.NEW, Step.BLOCK, Step.UNBLOCK, Step.TERMINATE,
				Step.YIELD), Arbitraries.integers().between(0, CORES - 1), Arbitraries.integers().between(0, THREADS))
				.as(Event::new);
		return event.list().ofMaxSize(14);
	}

	@Provide
	Arbitrary<int[]> permutations() {
		return Arbitraries.shuffle(0, 1, 2).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
	}

	@Property(tries = 300)
	void renumberingCoresKeepsTheKey(@ForAll("runs") List<Event> run, @ForAll("permutations") int[] perm) {
		Machine a = play(run, new int[] { 0, 1, 2 });
		Machine b = play(run, perm);
		StateKeys keys = keys();
		keys.analyse(a, 0);
		long a1 = keys.hash1;
		long a2 = keys.hash2;
		keys.analyse(b, 0);
		if (a1 != keys.hash1 || a2 != keys.hash2) {
			throw new AssertionError("keys differ:\n" + a + "\n" + b);
		}
	}

	@Property(tries = 300)
	void keysAreEqualExactlyWhenPerCoreContentsMatch(@ForAll("runs") List<Event> r1, @ForAll("runs") List<Event> r2) {
		Machine a = play(r1, new int[] { 0, 1, 2 });
		Machine b = play(r2, new int[] { 0, 1, 2 });
		StateKeys keys = keys();
		keys.analyse(a, 0);
		long a1 = keys.hash1;
		keys.analyse(b, 0);
		boolean sameKey = a1 == keys.hash1;
		boolean sameContents = summary(a).equals(summary(b));
		if (sameKey != sameContents) {
			throw new AssertionError("key equality " + sameKey + " but contents equality " + sameContents + ":\n" + a
					+ "\n" + b);
		}
	}

	private static StateKeys keys() {
		return new StateKeys(CORES, THREADS, 0, 0, true, false, TimeFamilies.of(LOCAL.policy()), 1, 1);
	}

	/** Per core: running or not, queue length, blocked threads that belong to it, idle mark; sorted. */
	private static List<String> summary(Machine m) {
		List<String> cores = new ArrayList<>();
		for (int c = 0; c < m.cores(); c++) {
			int blocked = 0;
			for (int t = 0; t < m.threads(); t++) {
				if (m.state(t) == ThreadState.BLOCKED && m.cpu(t) == c) {
					blocked++;
				}
			}
			cores.add((m.current(c) >= 0) + "/" + m.size(m.coreQueue(c, 0)) + "/" + blocked + "/" + m.isIdle(c));
		}
		cores.sort(null);
		return cores;
	}

	/** Plays the events with core c renamed perm[c]; skips events that make no sense in the state. */
	private static Machine play(List<Event> run, int[] perm) {
		Interpreter in = LOCAL.newInterpreter();
		Machine m = Explorer.initialState(LOCAL, in, CORES, THREADS);
		for (Event e : run) {
			int core = perm[e.core()];
			RandomStep.apply(in, m, e.kind(), core, e.pick(), ThreadInputs.DEFAULT, THREADS);
		}
		return m;
	}

	static String show(int[] a) {
		return Arrays.toString(a);
	}
}
