package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;

/**
 * Any sequence of environment events keeps the machine's invariants, and the same sequence gives the
 * same state: determinism is what lets the verifier, the simulator and the kernel agree.
 */
class RandomRunPropertyTest {
	private static final String CFS_CWC = read("../policies/cfs_cwc.policy");

	@Provide
	Arbitrary<String> libraryPolicies() {
		try (Stream<Path> files = Files.list(Path.of("../policies"))) {
			List<String> texts = files.filter(f -> f.toString().endsWith(".policy")).sorted().map(RandomRunPropertyTest::read)
					.toList();
			return Arbitraries.of(texts);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Every library policy, on any machine, under any events: no fault, invariants kept. */
	@Property(tries = 400)
	void everyEventKeepsTheInvariants(@ForAll("libraryPolicies") String policy,
			@ForAll @Size(max = 120) List<@IntRange(min = 0, max = 4095) Integer> choices,
			@ForAll @IntRange(min = 1, max = 6) int cores) {
		PolicyRun run = new PolicyRun(policy, Topology.of(cores, 2, 0, 0), 12, Map.of());
		for (int choice : choices) {
			apply(run.interpreter, run.machine, choice);
			assertNull(run.machine.invariantViolation(), () -> run.machine.toString());
		}
	}

	/**
	 * Sums of a thread attribute over a queue are kept by the machine, not scanned (SummedAttributes).
	 * This policy changes the summed attribute of threads while they wait, as they move and as they run;
	 * at every tick it adds the difference between the kept and a scanned sum of every queue to a core
	 * attribute, which must stay 0. invariantViolation() recomputes the kept sums as well.
	 */
	private static final String WEIGHTED = """
			policy weighted {
				thread { int w = 1; }
				core { queue ready ordered by fifo; int drift = 0; }
				core states { active, idle }
				topology { smt, llc, machine }
				function int kept(core c) = sum(u in c.ready of u.w);
				function int scanned(core c) = sum(u in c.ready where true of u.w);
				function core lightest() = min(c in cores by kept(c));
				on new(t) { t.w = 3; t => lightest().ready; }
				on tick(t) {
					foreach u in self.ready { u.w += 2; }
					foreach c in cores { c.drift += kept(c) - scanned(c); }
					t.w -= 1;
					if (!empty(self.ready)) { t => self.ready; }
				}
				on yield(t) { t => self.ready; }
				on block(t) { t.w = t.w * 2; t => blocked; }
				on unblock(t) { t => cpu(t).ready; }
				on terminate(t) { t => terminated; }
				on schedule {
					if (!empty(self.ready)) {
						var t = first(self.ready);
						t.w += 5;
						t => self.current;
					}
				}
				on enter_idle { self => idle; }
				on exit_idle { self => active; }
				on balance every 4ms on enter_idle per level {
					filter c: runnable(c) >= 2;
					select max by kept(c);
					migrate t from c.ready ordered by highest t.w;
					stop: runnable(self) >= 1 && kept(self) >= kept(c);
				}
			}
			""";

	@Property(tries = 200)
	void keptSumsAreTheScannedSums(@ForAll @Size(max = 150) List<@IntRange(min = 0, max = 4095) Integer> choices,
			@ForAll @IntRange(min = 1, max = 5) int cores) {
		PolicyRun run = new PolicyRun(WEIGHTED, Topology.of(cores, 2, 0, 0), 10, Map.of());
		for (int choice : choices) {
			apply(run.interpreter, run.machine, choice);
			assertNull(run.machine.invariantViolation(), () -> run.machine.toString());
		}
		for (int c = 0; c < cores; c++) {
			assertEquals(0, run.coreAttr(c, "drift"), "core " + c);
		}
	}

	@Property(tries = 100)
	void theSameEventsGiveTheSameState(@ForAll @Size(max = 120) List<@IntRange(min = 0, max = 4095) Integer> choices) {
		PolicyRun first = new PolicyRun(CFS_CWC, 4, 12);
		PolicyRun second = new PolicyRun(CFS_CWC, 4, 12);
		for (int choice : choices) {
			apply(first.interpreter, first.machine, choice);
		}
		Machine forked = null;
		for (int i = 0; i < choices.size(); i++) {
			if (i == choices.size() / 2) {
				forked = second.machine.copy();
			}
			apply(second.interpreter, second.machine, choices.get(i));
		}
		assertEquals(first.machine, second.machine);
		assertEquals(first.machine.toString(), second.machine.toString());
		if (forked != null) {
			for (int i = choices.size() / 2; i < choices.size(); i++) {
				apply(second.interpreter, forked, choices.get(i));
			}
			assertEquals(first.machine, forked, "a copy evolves exactly like the original");
		}
	}

	/**
	 * A packed state (Machine.pack, which the verifier keeps its levels in) unpacks, into a machine that
	 * held another state, to one equal to it that keeps the invariants and evolves exactly like it; and
	 * bytes of another shape are refused. A thread pinned to core 0 is created half way (every library
	 * policy keeps a thread within its affinity).
	 */
	@Property(tries = 200)
	void aPackedStateUnpacksToOneThatEvolvesLikeIt(@ForAll("libraryPolicies") String policy,
			@ForAll @Size(max = 120) List<@IntRange(min = 0, max = 4095) Integer> choices,
			@ForAll @IntRange(min = 1, max = 6) int cores) {
		PolicyRun run = new PolicyRun(policy, Topology.of(cores, 2, 0, 0), 12, Map.of());
		PolicyRun other = new PolicyRun(policy, Topology.of(cores, 2, 0, 0), 12, Map.of());
		int half = choices.size() / 2;
		for (int i = 0; i < choices.size(); i++) {
			apply((i < half ? run : other).interpreter, (i < half ? run : other).machine, choices.get(i));
		}
		if (run.machine.threads() < run.machine.threadCapacity()) {
			run.interpreter.create(run.machine, 0, run.machine.threads(), ThreadInputs.DEFAULT.withAffinity(Affinity.of(0)));
			run.interpreter.complete(run.machine, 0);
			assertEquals(cores > 1, run.machine.hasRestrictedAffinity());
		}
		Machine unpacked = other.machine;
		unpacked.unpack(run.machine.pack());
		assertEquals(run.machine, unpacked);
		assertEquals(run.machine.toString(), unpacked.toString());
		assertNull(unpacked.invariantViolation(), unpacked::toString);
		for (int i = half; i < choices.size(); i++) {
			apply(run.interpreter, run.machine, choices.get(i));
			apply(other.interpreter, unpacked, choices.get(i));
		}
		assertEquals(run.machine, unpacked, "an unpacked state evolves exactly like the original");
		assertEquals(run.machine.toString(), unpacked.toString());
		byte[] packed = run.machine.pack();
		assertThrows(IllegalArgumentException.class, () -> unpacked.unpack(Arrays.copyOf(packed, packed.length - 1)));
		assertThrows(IllegalArgumentException.class, () -> unpacked.unpack(Arrays.copyOf(packed, packed.length + 1)));
	}

	/**
	 * Interprets one number as an environment event that is possible in the current state, ended on its core
	 * (Interpreter.complete), or as the delivery of a pending reschedule (the first at or after the chosen
	 * core), so that runs interleave events and deliveries in every order.
	 */
	static void apply(Interpreter in, Machine m, int choice) {
		int core = (choice >> 3) % m.cores();
		if ((choice & 512) != 0 && m.pendingReschedules() > 0) {
			int c = m.nextPendingReschedule(core);
			in.reschedule(m, c < m.cores() ? c : m.nextPendingReschedule(0));
			return;
		}
		m.setNow(m.now() + 1_000_000L * (1 + (choice >> 6) % 7));
		event(in, m, choice, core);
		in.complete(m, core);
	}

	private static void event(Interpreter in, Machine m, int choice, int core) {
		switch (choice & 7) {
			case 0, 1 -> {
				if (m.threads() < m.threadCapacity()) {
					in.create(m, core, m.threads());
				}
			}
			case 2 -> {
				if (m.current(core) != Machine.NONE) {
					in.tick(m, core);
				}
			}
			case 3 -> {
				if (m.current(core) != Machine.NONE) {
					in.yield(m, core);
				}
			}
			case 4 -> {
				if (m.current(core) != Machine.NONE) {
					in.block(m, core);
				}
			}
			case 5 -> {
				for (int t = 0; t < m.threads(); t++) {
					int candidate = (t + choice) % m.threads();
					if (m.state(candidate) == ThreadState.BLOCKED) {
						in.unblock(m, core, candidate);
						break;
					}
				}
			}
			case 6 -> {
				if (m.current(core) != Machine.NONE && (choice & 64) != 0) {
					in.terminate(m, core);
				}
			}
			default -> in.balance(m, core);
		}
	}

	private static String read(String path) {
		return read(Path.of(path));
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
