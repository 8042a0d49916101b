package org.policy.sim.workload;

import java.util.Arrays;

/** Builds one {@link TaskProgram}'s op list, for the rt-app reader and the trace importers. */
public final class ProgramBuilder {
	private int[] ops = new int[16];
	private long[] a = new long[16];
	private long[] b = new long[16];
	private int size;
	private boolean blocks;

	public int size() {
		return size;
	}

	/** Appends an op; returns its index. */
	public int add(int op, long argA, long argB) {
		if (size == ops.length) {
			ops = Arrays.copyOf(ops, size * 2);
			a = Arrays.copyOf(a, size * 2);
			b = Arrays.copyOf(b, size * 2);
		}
		ops[size] = op;
		a[size] = argA;
		b[size] = argB;
		if (op == Op.SLEEP || op == Op.TIMER || op == Op.BARRIER || op == Op.WAIT) {
			blocks = true;
		}
		return size++;
	}

	public ProgramBuilder run(long ns) {
		add(Op.RUN, ns, -1);
		return this;
	}

	public ProgramBuilder sleep(long ns) {
		add(Op.SLEEP, ns, -1);
		return this;
	}

	public ProgramBuilder fork(int task) {
		add(Op.FORK, task, 0);
		return this;
	}

	public ProgramBuilder yield() {
		add(Op.YIELD, 0, 0);
		return this;
	}

	/** Sets argument {@code a} of an op already added (to patch a jump target). */
	public void patchA(int index, long value) {
		a[index] = value;
	}

	/** Whether some op may block the thread (sleep, timer, barrier, wait). */
	public boolean blocks() {
		return blocks;
	}

	/** The finished program; appends the final {@code exit}. {@code where}: see {@link TaskProgram#where()}. */
	public TaskProgram build(String name, int instances, Arrivals arrivals, int uniqueTimers, long deadlineNs,
			String where) {
		add(Op.EXIT, 0, 0);
		boolean cpuBound = !blocks;
		return new TaskProgram(name, instances, arrivals, Arrays.copyOf(ops, size), Arrays.copyOf(a, size),
				Arrays.copyOf(b, size), uniqueTimers, deadlineNs, cpuBound, where);
	}
}
