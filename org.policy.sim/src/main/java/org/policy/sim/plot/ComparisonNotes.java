package org.policy.sim.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.policy.sim.metrics.Summary;

/**
 * What a comparison shows, in sentences: which policy does better on each figure that differs, and why
 * figures a reader expects to be equal (the threads of "the same workload") may differ. `compare` prints
 * them and report.html lists them above the table, so a reader does not have to work out from a table
 * of near-equal numbers whether the policies differ at all.
 */
public final class ComparisonNotes {
	private ComparisonNotes() {
	}

	/**
	 * One compared figure: how to read it from a summary, whether lower is better (null: neither, e.g.
	 * utilisation, which is higher when a policy runs more of an open workload but also when it wastes time
	 * switching; migrations, which cost but also spread work), how to print it.
	 */
	private record Figure(String name, ToDoubleFunction<Summary> value, Boolean lowerIsBetter, String format,
			boolean applies) {
	}

	/**
	 * @param threadsAtStart the threads the workload starts with (its tasks' instances), the same for every run
	 */
	public static List<String> of(List<String> names, List<Summary> summaries, long threadsAtStart) {
		List<String> notes = new ArrayList<>();
		Summary first = summaries.get(0);
		List<Figure> figures = List.of(
				new Figure("wasted-core time", s -> s.wastedCoreNs() / 1e6, true, "%.3f ms", true),
				new Figure("wakeup latency p99", s -> Math.max(0, s.latencyP99()) / 1e3, true, "%.1f µs",
						first.wakeups() > 0),
				new Figure("Jain fairness", Summary::jainFairness, false, "%.4f", first.cpuBoundThreads() > 0),
				new Figure("deadline misses", s -> s.deadlineMisses(), true, "%.0f", first.deadlineJobs() > 0),
				new Figure("mean utilisation", s -> 100 * s.meanUtilisation(), null, "%.2f %%", true),
				new Figure("migrations", s -> s.migrations(), null, "%.0f", true));
		List<String> same = new ArrayList<>();
		for (Figure f : figures) {
			if (!f.applies()) {
				continue;
			}
			String sentence = compare(f, names, summaries);
			if (sentence == null) {
				same.add(f.name());
			} else {
				notes.add(sentence);
			}
		}
		if (!same.isEmpty() && names.size() > 1) {
			notes.add("The same under every policy: " + String.join(", ", same) + ".");
		}
		if (names.size() > 1 && summaries.stream().allMatch(s -> s.wastedCoreNs() == 0)) {
			// the figure the policy library's work-conservation verdicts are about does not separate them here
			notes.add("No policy left a core idle while a thread that may run there waited, so this workload does not"
					+ " tell a work-conserving balancer from one that is not; the built-in workload group-imbalance"
					+ " (with --topology llc=4) is made to (docs/workloads.md).");
		}
		threads(names, summaries, threadsAtStart, notes);
		return notes;
	}

	/**
	 * "wasted-core time (lower is better): cfs_cwc 0.000 ms, cfs 77.381 ms", best first (highest first for
	 * a figure that is neither better low nor high); null when all are equal as printed.
	 */
	private static String compare(Figure f, List<String> names, List<Summary> summaries) {
		double[] v = summaries.stream().mapToDouble(f.value()).toArray();
		if (IntStream.range(0, v.length).allMatch(i -> String.format(Locale.ROOT, f.format(), v[i])
				.equals(String.format(Locale.ROOT, f.format(), v[0])))) {
			return null;
		}
		Comparator<Integer> better = Comparator.comparingDouble(i -> v[i]);
		List<Integer> order = IntStream.range(0, v.length).boxed()
				.sorted(Boolean.TRUE.equals(f.lowerIsBetter()) ? better : better.reversed()).toList();
		StringBuilder s = new StringBuilder(f.name()).append(f.lowerIsBetter() == null ? ": "
				: f.lowerIsBetter() ? " (lower is better): " : " (higher is better): ");
		for (int k = 0; k < order.size(); k++) {
			s.append(k == 0 ? "" : ", ").append(names.get(order.get(k))).append(' ')
					.append(String.format(Locale.ROOT, f.format(), v[order.get(k)]));
		}
		return s.append('.').toString();
	}

	private static void threads(List<String> names, List<Summary> summaries, long threadsAtStart, List<String> notes) {
		boolean differ = summaries.stream().anyMatch(s -> s.threads() != summaries.get(0).threads());
		boolean created = summaries.stream().anyMatch(s -> s.threads() != threadsAtStart);
		if (!created) {
			return;
		}
		StringBuilder s = new StringBuilder("Threads: ").append(threadsAtStart)
				.append(" start with the workload; the others were forked or arrived while it ran");
		if (differ) {
			s.append(" (");
			for (int i = 0; i < names.size(); i++) {
				s.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(summaries.get(i).threads());
			}
			s.append(" in all). A thread forks when it runs its fork step, so a policy that runs the forking"
					+ " threads more often creates more threads in the same time: same workload and seed, different"
					+ " counts.");
		} else {
			s.append(": ").append(summaries.get(0).threads()).append(" in all under every policy.");
		}
		notes.add(s.toString());
	}
}
