package org.policy.sim.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.sim.workload.ProgramBuilder;
import org.policy.sim.workload.TaskProgram;
import org.policy.sim.workload.Workload;
import org.policy.workload.WorkloadException;

/**
 * Turns a trace's scheduler events into one program per thread, for replay under any policy
 * (docs/workloads.md, "Replaying a trace"):
 *
 * <ul>
 * <li>time a thread spent running between two blocks becomes one {@code run} (preemptions, i.e.
 * switch-outs in state R, do not end it: the thread still wanted the CPU);</li>
 * <li>time from a block (switch-out in any other state) to its wakeup becomes a {@code sleep}: the
 * replay keeps the recorded sleep lengths, and the simulated policy decides the latency after it;</li>
 * <li>{@code sched_process_fork} becomes a {@code fork} at that point of the parent's program, and
 * {@code sched_process_exit} the end of the thread's program;</li>
 * <li>threads already alive when the trace starts are created at time 0 and begin with a sleep up to
 * their first appearance (unless they were running at once).</li>
 * </ul>
 * Per-thread state is a few fields plus a compact op list (one long per op), so memory grows with the
 * number of blocks, not with the number of trace lines.
 */
final class TraceProgramBuilder {
	private static final int UNKNOWN = 0;
	private static final int RUNNING = 1;
	private static final int RUNNABLE = 2;
	private static final int BLOCKED = 3;
	private static final int DEAD = 4;

	private static final long RUN = 0;
	private static final long SLEEP = 1;
	private static final long FORK = 2;
	private static final int SHIFT = 60;
	private static final long VALUE = (1L << SHIFT) - 1;

	/** One traced thread (one pid incarnation). */
	private static final class Traced {
		final int index;
		final String name;
		final boolean forked;
		int state = UNKNOWN;
		long since;
		long runAcc;
		long[] ops = new long[8];
		int size;
		/** Its kernel priority as a SCHED_OTHER thread (100..139), or {@link #NO_PRIO}. */
		int prio = NO_PRIO;
		boolean prioChanged;

		Traced(int index, String name, boolean forked) {
			this.index = index;
			this.name = name;
			this.forked = forked;
		}

		void emit(long op, long value) {
			if (value <= 0 && op != FORK) {
				return;
			}
			if (op != FORK && size > 0 && (ops[size - 1] >>> SHIFT) == op) {
				ops[size - 1] += value; // merge consecutive runs or sleeps
				return;
			}
			if (size == ops.length) {
				ops = Arrays.copyOf(ops, size * 2);
			}
			ops[size++] = (op << SHIFT) | (value & VALUE);
		}

		void flushRun() {
			emit(RUN, runAcc);
			runAcc = 0;
		}
	}

	/** No priority seen (a thread that never ran, or only as a real-time or boosted one). */
	static final int NO_PRIO = -2;
	/** Kernel priority 120 is nice 0; 100..139 is nice -20..19 (MAX_RT_PRIO + 20 + nice). */
	private static final int NICE_0_PRIO = 120;

	private final String file;
	private final Map<Integer, Traced> byPid = new HashMap<>();
	private final List<Traced> all = new ArrayList<>();
	private final Map<String, Integer> nameUses = new HashMap<>();
	private final List<String> warnings = new ArrayList<>();
	private long origin = -1;
	private long last;
	private long migrations;
	private long schedEvents;

	TraceProgramBuilder(String file) {
		this.file = file;
	}

	void warn(String message) {
		warnings.add(message);
	}

	private void at(long ns) {
		if (origin < 0) {
			origin = ns;
		}
		last = Math.max(last, ns);
		schedEvents++;
	}

	void otherEvent(long ns) {
		if (origin < 0) {
			origin = ns;
		}
		last = Math.max(last, ns);
	}

	/** The thread now known as pid, created at trace start if this is its first appearance. */
	private Traced thread(int pid, String comm) {
		Traced t = byPid.get(pid);
		if (t == null) {
			t = create(pid, comm, false);
		}
		return t;
	}

	private Traced create(int pid, String comm, boolean forked) {
		String base = comm + "-" + pid;
		int uses = nameUses.merge(base, 1, Integer::sum);
		Traced t = new Traced(all.size(), uses == 1 ? base : base + "#" + uses, forked);
		all.add(t);
		byPid.put(pid, t);
		return t;
	}

	void switched(int prevPid, String prevComm, String prevState, int nextPid, String nextComm, long ns, int cpu) {
		at(ns);
		if (prevPid > 0) {
			Traced p = thread(prevPid, prevComm);
			if (p.state == UNKNOWN && !p.forked) {
				p.state = RUNNING; // running since before the trace started
				p.since = origin;
			}
			if (p.state == DEAD) {
				// an exiting thread runs on until its final switch-out (state X or Z): a preemption before
				// that (state R) is still the same dead thread, not a new one; after it the pid may be reused
				if (!prevState.startsWith("R")) {
					byPid.remove(prevPid);
				}
			} else if (p.state == RUNNING || p.state == UNKNOWN) {
				p.runAcc += ns - p.since;
				if (prevState.startsWith("R")) {
					p.state = RUNNABLE;
				} else {
					p.flushRun();
					p.state = BLOCKED;
					p.since = ns;
				}
			}
		}
		if (nextPid > 0) {
			Traced n = thread(nextPid, nextComm);
			if (n.state == UNKNOWN && !n.forked) {
				n.emit(SLEEP, ns - origin);
			} else if (n.state == BLOCKED) {
				n.emit(SLEEP, ns - n.since); // its wakeup was not traced
			}
			if (n.state != DEAD) {
				n.state = RUNNING;
				n.since = ns;
			}
		}
	}

	/**
	 * The priorities a sched_switch showed for its two threads (after {@link #switched}): a SCHED_OTHER
	 * priority, 100..139, is the thread's nice value + 120. A real-time or deadline priority (below 100:
	 * a real-time thread, or a priority-inheritance boost) says nothing about the nice value and is left
	 * out; a thread keeps the first nice value seen (a later renice is counted and reported).
	 */
	void priorities(int prevPid, int prevPrio, int nextPid, int nextPrio) {
		notePrio(prevPid, prevPrio);
		notePrio(nextPid, nextPrio);
	}

	private void notePrio(int pid, int prio) {
		if (pid <= 0 || prio < 100 || prio > 139) {
			return;
		}
		Traced t = byPid.get(pid);
		if (t == null) {
			return;
		}
		if (t.prio == NO_PRIO) {
			t.prio = prio;
		} else if (t.prio != prio) {
			t.prioChanged = true;
		}
	}

	void wakeup(int pid, String comm, long ns) {
		at(ns);
		Traced t = thread(pid, comm);
		if (t.state == UNKNOWN && !t.forked) {
			t.emit(SLEEP, ns - origin);
			t.state = RUNNABLE;
		} else if (t.state == BLOCKED) {
			t.emit(SLEEP, ns - t.since);
			t.state = RUNNABLE;
		} else if (t.state == UNKNOWN) {
			t.state = RUNNABLE;
		}
	}

	void wakeupNew(int pid, String comm, long ns) {
		wakeup(pid, comm, ns);
	}

	void fork(int parentPid, String parentComm, int childPid, String childComm, long ns) {
		at(ns);
		Traced p = thread(parentPid, parentComm);
		if (p.state == UNKNOWN && !p.forked) {
			p.state = RUNNING;
			p.since = origin;
		}
		if (p.state == RUNNING) {
			p.runAcc += ns - p.since;
			p.since = ns;
		}
		p.flushRun();
		Traced child = create(childPid, childComm, true);
		p.emit(FORK, child.index);
	}

	void exit(int pid, long ns) {
		at(ns);
		Traced t = byPid.get(pid);
		if (t == null) {
			return; // a thread never seen before its exit: nothing to replay
		}
		if (t.state == RUNNING) {
			t.runAcc += ns - t.since;
		}
		t.flushRun();
		t.state = DEAD;
	}

	void migrated(long ns) {
		at(ns);
		migrations++;
	}

	/** The workload: one task per traced thread, in order of first appearance. */
	Workload build(long lines) throws WorkloadException {
		if (schedEvents == 0 || all.isEmpty()) {
			throw new WorkloadException(file, (int) Math.max(1, Math.min(Integer.MAX_VALUE, lines)), 1,
					"no scheduler events (sched_switch, sched_wakeup, sched_process_fork, ...) in the trace");
		}
		List<TaskProgram> tasks = new ArrayList<>(all.size());
		int reniced = 0;
		for (Traced t : all) {
			if (t.state == RUNNING) {
				t.runAcc += last - t.since;
			}
			t.flushRun();
			ProgramBuilder b = new ProgramBuilder();
			for (int i = 0; i < t.size; i++) {
				long op = t.ops[i] >>> SHIFT;
				long value = t.ops[i] & VALUE;
				if (op == RUN) {
					b.run(value);
				} else if (op == SLEEP) {
					b.sleep(value);
				} else {
					b.fork((int) value);
				}
			}
			t.ops = null; // let the compact list go before the next thread's arrays are made
			ThreadInputs inputs = t.prio == NO_PRIO || t.prio == NICE_0_PRIO ? ThreadInputs.DEFAULT
					: ThreadInputs.ofNice(t.prio - NICE_0_PRIO);
			tasks.add(b.build(t.name, t.forked ? 0 : 1, null, 0, -1, null, inputs));
			if (t.prioChanged) {
				reniced++;
			}
		}
		if (reniced > 0) {
			warnings.add(file + ": " + reniced + " threads changed their nice value during the trace; each is replayed"
					+ " with the first one seen");
		}
		long span = Math.max(1, last - origin);
		warnings.add(file + ": replaying " + all.size() + " threads over " + span / 1000 + " us of trace ("
				+ migrations + " migrations in the original)");
		long duration = Math.min(Long.MAX_VALUE / 8, span * 4 + 1_000_000_000L);
		return new Workload(file, tasks, duration, null, 0, new int[0], 0, List.of(), List.of(), warnings, null);
	}
}
