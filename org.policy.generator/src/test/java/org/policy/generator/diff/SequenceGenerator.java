package org.policy.generator.diff;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.NiceWeights;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;

/**
 * Seeded random event sequences that mostly make sense: the generator runs the reference as it
 * goes and picks events that apply to the current state (a tick on a core that runs something, an
 * unblock of a blocked thread), so few are skipped. New threads get random inputs (nice, sometimes
 * SCHED_DEADLINE parameters, groups). Half of the sequences also restrict affinities: a third of their
 * new threads may run on some cores only, and about one event in twenty changes a thread's affinity; the
 * other half keep every thread free to run anywhere, so that a policy that ignores affinity (and faults
 * when a thread is pinned elsewhere) is still exercised in full. Same seed, same sequences.
 */
final class SequenceGenerator {
	private static final int[] SMT = { 0, 1, 2 };
	private static final int[] LLC = { 0, 2, 4 };
	private static final int[] NUMA = { 0, 4 };

	private final CompiledPolicy policy;
	private final SplittableRandom random;
	/** Whether the sequence being made restricts affinities. */
	private boolean pinning;

	SequenceGenerator(CompiledPolicy policy, long seed) {
		this.policy = policy;
		this.random = new SplittableRandom(seed);
	}

	Sequence next(Reference reference) {
		int cores = 1 + random.nextInt(8);
		pinning = random.nextBoolean();
		Sequence shape = new Sequence(cores, pick(SMT), pick(LLC), pick(NUMA), 4 + random.nextInt(13), params(),
				List.of());
		reference.start(shape);
		List<Event> events = new ArrayList<>();
		int length = 5 + random.nextInt(56);
		long now = random.nextInt(1000);
		for (int i = 0; i < length && !reference.faulted(); i++) {
			now += switch (random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> random.nextInt(100_000);
				default -> random.nextInt(10_000_000);
			};
			Event e = event(reference.machine(), now);
			events.add(e);
			reference.apply(e);
		}
		return shape.withEvents(events);
	}

	private Map<String, Long> params() {
		Map<String, Long> values = new LinkedHashMap<>();
		if (random.nextInt(3) != 0) {
			return values;
		}
		for (CompiledPolicy.ParamSpec p : policy.params().values()) {
			long v = switch (random.nextInt(4)) {
				case 0 -> p.min();
				case 1 -> p.max();
				case 2 -> p.defaultValue();
				default -> p.min() + Math.floorMod(random.nextLong(), Math.max(1, Math.min(p.max() - p.min(), 1L << 40)));
			};
			values.put(p.name(), Math.max(p.min(), Math.min(p.max(), v)));
		}
		return values;
	}

	private Event event(Machine m, long now) {
		int cores = m.cores();
		List<Integer> running = new ArrayList<>();
		List<Integer> free = new ArrayList<>();
		for (int c = 0; c < cores; c++) {
			(m.current(c) == Machine.NONE ? free : running).add(c);
		}
		List<Integer> blocked = new ArrayList<>();
		for (int t = 0; t < m.threads(); t++) {
			if (m.state(t) == ThreadState.BLOCKED) {
				blocked.add(t);
			}
		}
		int any = random.nextInt(cores);
		if (pinning && m.threads() > 0 && random.nextInt(20) == 0) {
			// any thread, terminated ones too (the change is then skipped), a quarter of them freed again
			Affinity allowed = random.nextInt(4) == 0 ? Affinity.ALL : restricted(cores);
			return Event.affinity(now, any, random.nextInt(m.threads()), allowed);
		}
		while (true) {
			int roll = random.nextInt(100);
			if (roll < 14 && m.threads() < m.threadCapacity()) {
				return new Event(now, "new", any, 0, inputs(cores));
			}
			if (roll >= 14 && roll < 36 && !running.isEmpty()) {
				return new Event(now, "tick", pick(running), 0);
			}
			if (roll >= 36 && roll < 42 && !running.isEmpty()) {
				return new Event(now, "yield", pick(running), 0);
			}
			if (roll >= 42 && roll < 52 && !running.isEmpty()) {
				return new Event(now, "block", pick(running), 0);
			}
			if (roll >= 52 && roll < 64 && !blocked.isEmpty()) {
				return new Event(now, "unblock", any, pick(blocked));
			}
			if (roll >= 64 && roll < 67 && !running.isEmpty()) {
				return new Event(now, "terminate", pick(running), 0);
			}
			if (roll >= 67 && roll < 72 && !free.isEmpty()) {
				return new Event(now, "schedule", pick(free), 0);
			}
			if (roll >= 72 && roll < 80) {
				return new Event(now, "balance", any, 0);
			}
			if (roll >= 80 && roll < 89) {
				return new Event(now, "complete", any, 0);
			}
			if (roll >= 89 && roll < 98) {
				// mostly a core that has one; else a skip
				int pending = m.nextPendingReschedule(any);
				pending = pending < cores ? pending : m.nextPendingReschedule(0);
				return new Event(now, "reschedule", pending < cores && random.nextInt(8) != 0 ? pending : any, 0);
			}
			if (roll == 98) {
				return new Event(now, "enter_idle", any, 0);
			}
			if (roll == 99) {
				return new Event(now, "exit_idle", any, 0);
			}
		}
	}

	/**
	 * A new thread's inputs: any nice value (0 more often, as in real systems), a quarter of the threads
	 * SCHED_DEADLINE ones with valid parameters, sometimes equal (runtime = deadline = period), and half
	 * of them in one of three groups of their own cpu.weight (1, 100 or any up to 10000).
	 */
	private ThreadInputs inputs(int cores) {
		int nice = random.nextInt(4) == 0 ? 0 : NiceWeights.MIN_NICE
				+ random.nextInt(NiceWeights.MAX_NICE - NiceWeights.MIN_NICE + 1);
		ThreadInputs inputs = ThreadInputs.ofNice(nice);
		if (random.nextInt(4) == 0) {
			long runtime = 1 + random.nextInt(10_000_000);
			long deadline = runtime + (random.nextInt(3) == 0 ? 0 : random.nextInt(20_000_000));
			long period = deadline + (random.nextInt(3) == 0 ? 0 : random.nextInt(50_000_000));
			inputs = new ThreadInputs(nice, runtime, deadline, period);
		}
		if (random.nextBoolean()) {
			int group = 1 + random.nextInt(3);
			int weight = switch (random.nextInt(3)) {
				case 0 -> 1;
				case 1 -> ThreadInputs.DEFAULT_GROUP_WEIGHT;
				default -> 1 + random.nextInt(ThreadInputs.MAX_GROUP_WEIGHT);
			};
			inputs = inputs.inGroup(group, weight);
		}
		if (pinning && random.nextInt(3) == 0) {
			inputs = inputs.withAffinity(restricted(cores));
		}
		return inputs;
	}

	/**
	 * An affinity that may leave out cores: one core (a pinned thread, as per-CPU kernel threads are), or
	 * a random set of them; sometimes with a core beyond the machine as well, which the machine ignores
	 * (as Linux ignores CPUs that are not possible). Never without a core of the machine.
	 */
	private Affinity restricted(int cores) {
		BitSet set = new BitSet();
		if (random.nextInt(3) == 0) {
			set.set(random.nextInt(cores));
		} else {
			for (int c = 0; c < cores; c++) {
				if (random.nextBoolean()) {
					set.set(c);
				}
			}
			if (set.isEmpty()) {
				set.set(random.nextInt(cores));
			}
		}
		if (random.nextInt(8) == 0) {
			set.set(cores + random.nextInt(4));
		}
		return Affinity.of(set);
	}

	private int pick(int[] values) {
		return values[random.nextInt(values.length)];
	}

	private int pick(List<Integer> values) {
		return values.get(random.nextInt(values.size()));
	}
}
