package org.policy.sim.workload;

import java.util.List;
import java.util.Objects;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.workload.Arrivals;
import org.policy.workload.Cpus;

/**
 * One kind of thread: its program and how many of it exist. The program is a flat instruction list
 * ({@link Op}) in three parallel arrays, read by the engine without allocation.
 *
 * @param name         the task's name (rt-app's key in {@code tasks})
 * @param instances    threads started at time 0 (0 for a task only created by {@code fork} or arrivals)
 * @param arrivals     a Poisson arrival process, or null
 * @param ops          op codes
 * @param a            first arguments
 * @param b            second arguments
 * @param uniqueTimers per-thread timers this program uses (ids {@code sharedTimers ..})
 * @param deadlineNs   relative deadline of each periodic job (between timer expiries), or -1
 * @param cpuBound     whether the program never blocks (so Jain fairness counts its threads)
 * @param where        where the task is declared ({@code file:line:col: $.tasks.name}), for messages about
 *                     what its threads do at run time; null where it has no source position (a trace)
 * @param inputs       the environment's inputs each of its threads is created with (nice, SCHED_DEADLINE
 *                     parameters, group, affinity: rt-app's {@code priority}, {@code dl-*}, {@code taskgroup},
 *                     {@code cpus})
 * @param cpus         every CPU list its threads are ever given, distinct, with where each is written: the
 *                     task's {@code cpus} (which {@code inputs.affinity()} is) and its phases'. {@link Op#AFFINITY}
 *                     names them by index. The simulator checks each against its machine before it starts, so
 *                     a list that allows none of its cores is refused at its file:line:col, not mid-run
 */
public record TaskProgram(String name, int instances, Arrivals arrivals, int[] ops, long[] a, long[] b,
		int uniqueTimers, long deadlineNs, boolean cpuBound, String where, ThreadInputs inputs, List<Cpus> cpus) {

	/** A task whose threads may run on every core all their life. */
	public TaskProgram(String name, int instances, Arrivals arrivals, int[] ops, long[] a, long[] b,
			int uniqueTimers, long deadlineNs, boolean cpuBound, String where, ThreadInputs inputs) {
		this(name, instances, arrivals, ops, a, b, uniqueTimers, deadlineNs, cpuBound, where, inputs, List.of());
	}

	/** A task whose threads get the default inputs (nice 0, no real-time parameters). */
	public TaskProgram(String name, int instances, Arrivals arrivals, int[] ops, long[] a, long[] b,
			int uniqueTimers, long deadlineNs, boolean cpuBound, String where) {
		this(name, instances, arrivals, ops, a, b, uniqueTimers, deadlineNs, cpuBound, where, ThreadInputs.DEFAULT);
	}

	public TaskProgram {
		Objects.requireNonNull(name);
		Objects.requireNonNull(inputs);
		cpus = List.copyOf(cpus);
		if (ops.length != a.length || ops.length != b.length || ops.length == 0 || ops[ops.length - 1] != Op.EXIT) {
			throw new IllegalArgumentException("a program is a non-empty op list ending in exit");
		}
	}

	public int length() {
		return ops.length;
	}

	/** A readable listing, one op per line, for tests and debugging. */
	public String listing() {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < ops.length; i++) {
			out.append(i).append(' ').append(Op.name(ops[i])).append(' ').append(a[i]).append(' ').append(b[i]).append('\n');
		}
		return out.toString();
	}
}
