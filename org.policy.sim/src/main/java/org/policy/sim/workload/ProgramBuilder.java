package org.policy.sim.workload;

import java.util.Arrays;
import java.util.List;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.workload.Arrivals;
import org.policy.workload.Cpus;
import org.policy.workload.StepKind;

/**
 * Builds one {@link TaskProgram}'s op list, for the rt-app flattener and the trace importers. Every op
 * that carries out a workload step is added with its step's kind, so whether the program may block is
 * {@link StepKind#blocks()} of its steps: the one rule, whatever made the program.
 */
public final class ProgramBuilder {
	private int[] ops = new int[16];
	private long[] a = new long[16];
	private long[] b = new long[16];
	private int size;
	private boolean blocks;

	public int size() {
		return size;
	}

	/** Appends an op that carries out (part of) a step of {@code kind}; returns its index. */
	public int add(StepKind kind, int op, long argA, long argB) {
		blocks |= kind.blocks();
		return append(op, argA, argB);
	}

	/** Appends a control op (phase and loop bounds, affinity changes), which never blocks; returns its index. */
	public int control(int op, long argA, long argB) {
		if (op != Op.PHASE && op != Op.PHASE_END && op != Op.LOOP_END && op != Op.AFFINITY) {
			throw new IllegalArgumentException(Op.name(op) + " is not a control op");
		}
		return append(op, argA, argB);
	}

	private int append(int op, long argA, long argB) {
		if (size == ops.length) {
			ops = Arrays.copyOf(ops, size * 2);
			a = Arrays.copyOf(a, size * 2);
			b = Arrays.copyOf(b, size * 2);
		}
		ops[size] = op;
		a[size] = argA;
		b[size] = argB;
		return size++;
	}

	public ProgramBuilder run(long ns) {
		add(StepKind.RUN, Op.RUN, ns, -1);
		return this;
	}

	public ProgramBuilder sleep(long ns) {
		add(StepKind.SLEEP, Op.SLEEP, ns, -1);
		return this;
	}

	/** The task's initial delay (rt-app's {@code delay}): {@link Op#DELAY}; the first op of a program. */
	public ProgramBuilder delay(long ns) {
		add(StepKind.SLEEP, Op.SLEEP, ns, Op.DELAY);
		return this;
	}

	public ProgramBuilder fork(int task) {
		add(StepKind.FORK, Op.FORK, task, 0);
		return this;
	}

	public ProgramBuilder yield() {
		add(StepKind.YIELD, Op.YIELD, 0, 0);
		return this;
	}

	/** Whether some step may block the thread ({@link StepKind#blocks()}). */
	public boolean blocks() {
		return blocks;
	}

	/** The finished program; appends the final {@code exit}. {@code where}: see {@link TaskProgram#where()}. */
	public TaskProgram build(String name, int instances, Arrivals arrivals, int uniqueTimers,
			long deadlineNs, String where) {
		return build(name, instances, arrivals, uniqueTimers, deadlineNs, where, ThreadInputs.DEFAULT);
	}

	/** The finished program, whose threads are created with {@code inputs}. */
	public TaskProgram build(String name, int instances, Arrivals arrivals, int uniqueTimers,
			long deadlineNs, String where, ThreadInputs inputs) {
		return build(name, instances, arrivals, uniqueTimers, deadlineNs, where, inputs, List.of());
	}

	/** The finished program, whose threads are given the CPU lists {@code cpus} ({@link TaskProgram#cpus()}). */
	public TaskProgram build(String name, int instances, Arrivals arrivals, int uniqueTimers,
			long deadlineNs, String where, ThreadInputs inputs, List<Cpus> cpus) {
		append(Op.EXIT, 0, 0);
		boolean cpuBound = !blocks;
		return new TaskProgram(name, instances, arrivals, Arrays.copyOf(ops, size), Arrays.copyOf(a, size),
				Arrays.copyOf(b, size), uniqueTimers, deadlineNs, cpuBound, where, inputs, cpus);
	}
}
