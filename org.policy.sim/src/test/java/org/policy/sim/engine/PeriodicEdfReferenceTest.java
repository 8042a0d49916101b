package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;

/**
 * Periodic real-time jobs in the simulator, and the library's {@code global_edf} against an independent
 * plain global EDF written here for the test only.
 *
 * <p>The reference ({@link #reference}) knows nothing of the simulator or the language: m identical
 * cores; task i releases job k at {@code offset + k * period} with deadline {@code release + deadline}
 * and {@code work} ns of work; a task's jobs run one after the other (a job released while its
 * predecessor is unfinished waits for it, with its own release and deadline); at every instant the m
 * unfinished head jobs with the earliest deadlines run (ties: lower task index), so a release or a
 * completion preempts at once. At one instant: completions, then releases, then deadlines. A job misses
 * when its deadline (before the horizon) comes before its completion; with abort, it is dropped there.
 *
 * <p>{@code global_edf} preempts the latest-deadline running job when an earlier one is released
 * ({@code preempt c;} in {@code on unblock}), and a periodic (SCHED_DEADLINE) thread whose next job was
 * released before the current one ended is told of it by a yield, which gives the job its own deadline
 * ({@code due + period}). The task sets give no two jobs the same absolute deadline (offsets of i+1 us,
 * periods and deadlines in whole ms), so no tie-breaking rule matters; the context-switch cost is 0.
 */
class PeriodicEdfReferenceTest {
	static final long US = 1_000;
	static final long MS = 1_000_000;

	/** A periodic task, times in ns. */
	record Task(long offset, long period, long deadline, long work) {
	}

	/** Jobs whose end or deadline (before the horizon) came, and missed deadlines. */
	record Counts(long jobs, long misses) {
	}

	// ------------------------------------------------------------------ the reference

	static Counts reference(List<Task> tasks, int m, long horizon, boolean abort) {
		int n = tasks.size();
		List<ArrayDeque<long[]>> queues = new ArrayList<>(); // per task: {release, deadline, remaining, missed}
		long[] nextRelease = new long[n];
		for (int i = 0; i < n; i++) {
			queues.add(new ArrayDeque<>());
			nextRelease[i] = tasks.get(i).offset();
		}
		long jobs = 0;
		long misses = 0;
		long now = 0;
		Integer[] order = new Integer[n];
		while (true) {
			// the running heads: the m earliest deadlines among the tasks' first unfinished jobs
			int heads = 0;
			for (int i = 0; i < n; i++) {
				if (!queues.get(i).isEmpty()) {
					order[heads++] = i;
				}
			}
			Arrays.sort(order, 0, heads, (x, y) -> {
				int c = Long.compare(queues.get(x).peekFirst()[1], queues.get(y).peekFirst()[1]);
				return c != 0 ? c : Integer.compare(x, y);
			});
			int running = Math.min(m, heads);
			long next = Long.MAX_VALUE;
			for (int i = 0; i < n; i++) {
				next = Math.min(next, nextRelease[i]);
				for (long[] job : queues.get(i)) {
					if (job[3] == 0) {
						next = Math.min(next, job[1]);
					}
				}
			}
			for (int r = 0; r < running; r++) {
				next = Math.min(next, now + queues.get(order[r]).peekFirst()[2]);
			}
			if (next > horizon) {
				return new Counts(jobs, misses);
			}
			for (int r = 0; r < running; r++) {
				queues.get(order[r]).peekFirst()[2] -= next - now;
			}
			now = next;
			for (int r = 0; r < running; r++) { // completions
				long[] job = queues.get(order[r]).peekFirst();
				if (job[2] == 0) {
					queues.get(order[r]).pollFirst();
					jobs += job[3] == 0 ? 1 : 0;
				}
			}
			for (int i = 0; i < n; i++) { // releases
				if (nextRelease[i] == now) {
					Task t = tasks.get(i);
					queues.get(i).addLast(new long[] { now, now + t.deadline(), t.work(), 0 });
					nextRelease[i] += t.period();
				}
			}
			if (now < horizon) { // deadlines
				for (int i = 0; i < n; i++) {
					for (var it = queues.get(i).iterator(); it.hasNext();) {
						long[] job = it.next();
						if (job[1] == now && job[3] == 0) {
							job[3] = 1;
							jobs++;
							misses++;
							if (abort) {
								it.remove();
							}
						}
					}
				}
			}
		}
	}

	// ------------------------------------------------------------------ the simulator

	static String json(List<Task> tasks) {
		StringBuilder out = new StringBuilder("{'tasks': {");
		for (int i = 0; i < tasks.size(); i++) {
			Task t = tasks.get(i);
			out.append(i == 0 ? "" : ", ").append("'t").append(i).append("': {'policy': 'SCHED_DEADLINE',")
					.append(" 'dl-runtime': ").append(t.work() / US).append(", 'dl-deadline': ").append(t.deadline() / US)
					.append(", 'dl-period': ").append(t.period() / US).append(", 'delay': ").append(t.offset() / US)
					.append(", 'loop': -1, 'run': ").append(t.work() / US).append(", 'timer': {'ref': 'unique', 'period': ")
					.append(t.period() / US).append("}}");
		}
		return out.append("}}").toString();
	}

	static Counts simulate(String policy, List<Task> tasks, int m, long horizon, boolean abort) {
		SimOptions options = SimOptions.of(Topology.flat(m), horizon, 1).withHz(1000).withAbortAtDeadline(abort);
		SimResult r = new Simulator(TestPolicies.library(policy), Map.of(), rtapp(json(tasks)), options).run();
		return new Counts(r.deadlineJobs(), r.deadlineMisses());
	}

	/**
	 * n tasks of total utilisation {@code load} (in cores), periods from a few ms to 40 ms, every other task
	 * with a constrained deadline; offsets of (i+1) us keep every absolute deadline distinct.
	 */
	static List<Task> taskSet(long seed, int n, double load) {
		SplittableRandom random = new SplittableRandom(seed);
		long[] periods = { 2, 4, 5, 8, 10, 20, 25, 40 };
		double[] weights = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			weights[i] = 0.2 + random.nextDouble();
			sum += weights[i];
		}
		List<Task> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long period = periods[random.nextInt(periods.length)] * MS;
			double u = Math.min(0.9, load * weights[i] / sum);
			long work = Math.max(10, Math.round(u * period / US)) * US;
			long minDeadline = (work + MS - 1) / MS;
			long deadline = i % 2 == 0 ? period : (minDeadline + random.nextLong(period / MS - minDeadline + 1)) * MS;
			out.add(new Task((i + 1) * US, period, deadline, work));
		}
		return out;
	}

	static Stream<Arguments> cases() {
		List<Arguments> out = new ArrayList<>();
		for (int m : new int[] { 1, 4, 16 }) {
			for (double load : new double[] { 0.6, 0.95, 1.3, 2.0 }) {
				for (boolean abort : new boolean[] { false, true }) {
					out.add(Arguments.of(m, load, abort));
				}
			}
		}
		return out.stream();
	}

	/** global_edf in the simulator misses exactly the deadlines the reference misses. */
	@ParameterizedTest(name = "{0} cores, load {1} x cores, abort {2}")
	@MethodSource("cases")
	void globalEdfMissesExactlyWhatPlainGlobalEdfMisses(int m, double load, boolean abort) {
		long horizon = 400 * MS;
		int n = m == 1 ? 5 : 3 * m;
		for (long seed = 1; seed <= 3; seed++) {
			List<Task> tasks = taskSet(seed * 1000 + m, n, load * m);
			Counts expected = reference(tasks, m, horizon, abort);
			Counts actual = simulate("global_edf", tasks, m, horizon, abort);
			assertEquals(expected, actual, "seed " + seed + ": " + tasks);
			if (load > 1) {
				assertTrue(expected.misses() > 0, "an overload misses deadlines: " + expected);
			}
		}
	}

	/** The reference itself: a schedulable set misses nothing; overload with abort still runs every task. */
	@Test
	void referenceSanity() {
		List<Task> light = List.of(new Task(1 * US, 10 * MS, 10 * MS, 3 * MS), new Task(2 * US, 20 * MS, 20 * MS, 5 * MS));
		assertEquals(new Counts(60, 0), reference(light, 1, 400 * MS, false));
		// EDF on one core at utilisation 1.1: misses, and dropping late work at the deadline changes them
		List<Task> over = List.of(new Task(1 * US, 10 * MS, 10 * MS, 6 * MS), new Task(2 * US, 20 * MS, 20 * MS, 10 * MS));
		Counts late = reference(over, 1, 400 * MS, false);
		Counts dropped = reference(over, 1, 400 * MS, true);
		assertTrue(late.misses() > 0 && dropped.misses() > 0, late + " " + dropped);
		assertTrue(!late.equals(dropped), late + " " + dropped);
	}

	// ------------------------------------------------------------------ periodic jobs in the simulator

	/**
	 * A job that runs late does not shift later releases: the first job takes 25 ms of a 10 ms period, the
	 * next ones 4 ms; jobs 1 and 2 start late (at 25 and 29 ms) with their own deadlines (20, 30 ms) and
	 * miss them, job 3 (released at 30, started at 33) meets 40 ms, and from job 4 on the thread waits for
	 * its releases at 40, 50, ... ms again. 10 jobs end or pass their deadline before 100 ms; 3 miss.
	 */
	@Test
	void anOverrunDoesNotShiftLaterReleases() {
		for (String mode : new String[] { "relative", "absolute" }) {
			String w = "{'tasks': {'p': {'loop': -1, 'policy-sim': {'deadline': 10000}, 'phases': {"
					+ " 'first': {'loop': 1, 'run': 25000, 'timer': {'ref': 'unique', 'period': 10000, 'mode': '" + mode + "'}},"
					+ " 'rest': {'loop': -1, 'run': 4000, 'timer': {'ref': 'unique', 'period': 10000, 'mode': '" + mode + "'}}}}}}";
			SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), rtapp(w),
					SimOptions.of(Topology.flat(1), 100 * MS, 1)).run();
			assertEquals(10, r.deadlineJobs(), mode);
			assertEquals(3, r.deadlineMisses(), mode);
			// 25 + 9 x 4 ms of work, all done by 100 ms: the releases stayed on the grid
			assertEquals(61 * MS, r.threads().get(0).cpuNs(), mode);
		}
	}

	/**
	 * A miss is counted at the deadline instant, once per job, also for a job still waiting for its late
	 * predecessor: every 15 ms job of a 10 ms period misses; by 100 ms the deadlines 10, ..., 90 ms have
	 * passed (9 misses) although only 6 jobs have ended. A run that stops at 12 ms counts job 0's miss.
	 */
	@Test
	void missesAreCountedAtTheDeadline() {
		String w = "{'tasks': {'p': {'loop': -1, 'run': 15000, 'timer': {'ref': 'unique', 'period': 10000},"
				+ " 'policy-sim': {'deadline': 10000}}}}";
		SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), rtapp(w),
				SimOptions.of(Topology.flat(1), 100 * MS, 1)).run();
		assertEquals(9, r.deadlineJobs());
		assertEquals(9, r.deadlineMisses());
		SimResult early = new Simulator(TestPolicies.get("global_fifo"), Map.of(), rtapp(w),
				SimOptions.of(Topology.flat(1), 12 * MS, 1)).run();
		assertEquals(1, early.deadlineJobs());
		assertEquals(1, early.deadlineMisses());
	}

	/**
	 * With abort at the deadline, the rest of a late job is dropped and the thread waits for its next
	 * release: 6 ms jobs with a 5 ms deadline every 10 ms run 5 ms each (50 ms of 100), not 6 (60 ms).
	 */
	@Test
	void abortAtTheDeadlineDropsTheRestOfTheJob() {
		String w = "{'tasks': {'p': {'loop': -1, 'run': 6000, 'timer': {'ref': 'unique', 'period': 10000},"
				+ " 'policy-sim': {'deadline': 5000}}}}";
		for (boolean abort : new boolean[] { false, true }) {
			SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), rtapp(w),
					SimOptions.of(Topology.flat(1), 100 * MS, 1).withAbortAtDeadline(abort)).run();
			assertEquals(10, r.deadlineJobs());
			assertEquals(10, r.deadlineMisses());
			assertEquals((abort ? 50 : 60) * MS, r.threads().get(0).cpuNs(), "abort " + abort);
		}
	}

	/**
	 * A periodic thread that never gets a core (a FIFO hog holds the only one) misses every deadline, each
	 * at its instant, with or without abort: 10 ms jobs due at 10, ..., 90 ms give 9 misses by 100 ms.
	 */
	@Test
	void aStarvedThreadMissesEveryDeadline() {
		String w = "{'tasks': {'hog': {'run': 1000000}, 'p': {'loop': -1, 'run': 1000,"
				+ " 'timer': {'ref': 'unique', 'period': 10000}, 'policy-sim': {'deadline': 10000}}}}";
		for (boolean abort : new boolean[] { false, true }) {
			SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), rtapp(w),
					SimOptions.of(Topology.flat(1), 100 * MS, 1).withAbortAtDeadline(abort)).run();
			assertEquals(9, r.deadlineJobs(), "abort " + abort);
			assertEquals(9, r.deadlineMisses(), "abort " + abort);
			assertEquals(0, r.threads().get(1).cpuNs());
		}
	}

	/** rt-app's delay is the offset of the periodic grid: with a 3 ms delay, jobs are released at 3, 13, ... ms. */
	@Test
	void theDelayOffsetsTheReleases() {
		String w = "{'tasks': {'p': {'delay': 3000, 'loop': -1, 'run': 2000, 'timer': {'ref': 'unique', 'period': 10000},"
				+ " 'policy-sim': {'deadline': 2500}}, 'hog': {'run': 1000000}}}";
		// under FIFO on one core the hog never gives the core up... on two cores the periodic thread has its own
		SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), rtapp(w),
				SimOptions.of(Topology.flat(2), 100 * MS, 1)).run();
		// releases 3, 13, ..., 93 ms; deadlines 5.5, ..., 95.5 ms: 10 jobs, all met
		assertEquals(10, r.deadlineJobs());
		assertEquals(0, r.deadlineMisses());
		assertEquals(20 * MS, r.threads().get(0).cpuNs());
	}
}
