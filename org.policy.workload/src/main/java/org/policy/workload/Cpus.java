package org.policy.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * rt-app's {@code cpus}: the CPUs a thread may run on (its affinity, which rt-app sets with
 * sched_setaffinity()), as a task's or a phase's key writes them ({@code "cpus": [0, 2, 3]}).
 *
 * <p>Which of them a simulated machine has is not known here (the file may drive machines of several
 * sizes): the simulator keeps those it has and refuses a list that has none of them
 * (docs/workloads.md, "Affinity").
 *
 * @param cpus     the CPU numbers, sorted, without repeats, at least one, each in 0..{@link #MAX_CPU}
 * @param position where the list is written ({@code file:line:col}), for messages about it at run time;
 *                 null when it has no source (built in code)
 * @param path     its JSON path ({@code $.tasks.t.cpus}), or null with the position
 *
 * <p>Position and path are not part of equality: the same CPUs are the same affinity wherever written.
 */
public record Cpus(List<Integer> cpus, String position, String path) {
	/** The largest CPU number: Linux's largest NR_CPUS is 8192 (as the trace import's cpu field). */
	public static final int MAX_CPU = 8191;

	public Cpus {
		cpus = List.copyOf(cpus);
		if (cpus.isEmpty()) {
			throw new IllegalArgumentException("a CPU list allows at least one CPU");
		}
		for (int i = 0; i < cpus.size(); i++) {
			int c = cpus.get(i);
			if (c < 0 || c > MAX_CPU || (i > 0 && c <= cpus.get(i - 1))) {
				throw new IllegalArgumentException("CPUs are sorted, distinct and in 0.." + MAX_CPU + ": " + cpus);
			}
		}
	}

	/** The list of the given CPUs, in any order and with repeats, without a source position. */
	public static Cpus of(int... cpus) {
		TreeSet<Integer> sorted = new TreeSet<>();
		for (int c : cpus) {
			sorted.add(c);
		}
		return new Cpus(new ArrayList<>(sorted), null, null);
	}

	/** {@code file:line:col: $.path} for messages, or null when the list has no source. */
	public String where() {
		return position == null ? null : position + ": " + path;
	}

	/** The kernel's cpulist form ({@code 0-3,8}), as /proc/PID/status's Cpus_allowed_list shows it. */
	public String cpulist() {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < cpus.size(); i++) {
			int from = cpus.get(i);
			int j = i;
			while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
				j++;
			}
			out.append(out.length() == 0 ? "" : ",").append(from);
			if (j > i) {
				out.append('-').append(cpus.get(j));
			}
			i = j;
		}
		return out.toString();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Cpus c && cpus.equals(c.cpus);
	}

	@Override
	public int hashCode() {
		return cpus.hashCode();
	}

	@Override
	public String toString() {
		return cpus.toString();
	}
}
