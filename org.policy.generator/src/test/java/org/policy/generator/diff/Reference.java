package org.policy.generator.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.PolicyFault;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.WorkConservation;

/**
 * Runs sequences on the reference semantics ({@link Interpreter}) and prints what the C driver
 * prints for them (kernel-runtime/user/prt_driver.c): same skip rules, same transition lines,
 * same dump hash after each event.
 */
final class Reference {
	private final CompiledPolicy policy;
	private final Map<Map<String, Long>, Interpreter> interpreters = new HashMap<>();
	private Interpreter interpreter;
	private Machine machine;
	private boolean faulted;
	private final StringBuilder moves = new StringBuilder();
	private final List<String> output = new ArrayList<>();

	Reference(CompiledPolicy policy) {
		this.policy = policy;
	}

	List<String> run(Sequence s) {
		start(s);
		for (Event e : s.events()) {
			apply(e);
		}
		return finish();
	}

	void start(Sequence s) {
		interpreter = interpreters.computeIfAbsent(s.params(), policy::newInterpreter);
		machine = policy.newMachine(Topology.of(s.cores(), s.smt(), s.llc(), s.numa()), s.capacity());
		interpreter.initialise(machine);
		faulted = false;
		try {
			interpreter.boot(machine);
		} catch (PolicyFault fault) {
			faulted = true; // as the driver: every event of the sequence is then silent
		}
		machine.setListener((t, fs, fc, ts, tc, q) -> moves.append(" m ").append(t).append(' ').append(fs).append(' ')
				.append(fc).append(' ').append(ts).append(' ').append(tc).append(' ').append(q));
		output.clear();
	}

	Machine machine() {
		return machine;
	}

	boolean faulted() {
		return faulted;
	}

	/** Runs one event and records the driver's line for it (nothing once faulted). */
	void apply(Event e) {
		if (faulted) {
			return;
		}
		Machine m = machine;
		m.setNow(e.now());
		moves.setLength(0);
		try {
			if (!run(m, e)) {
				output.add("skip");
				return;
			}
		} catch (PolicyFault fault) {
			faulted = true;
			output.add("fault " + fault.line());
			return;
		}
		output.add("ok" + moves + " #" + CanonicalDump.hashOf(m) + wasted(m));
	}

	/** The driver's note of the lowest wasted core and the thread it could run, if one is wasted. */
	private static String wasted(Machine m) {
		int c = WorkConservation.idleCoreWithWaitingWork(m);
		return c == Machine.NONE ? "" : " wasted " + c + " " + WorkConservation.waitingThreadFor(m, c);
	}

	List<String> finish() {
		List<String> lines = new ArrayList<>(output);
		if (!faulted) {
			lines.addAll(List.of(CanonicalDump.of(machine).split("\n")));
		}
		lines.add("end");
		return lines;
	}

	/** Runs the event; false when it does not apply in this state (the driver prints "skip"). */
	private boolean run(Machine m, Event e) {
		int c = e.core();
		switch (e.op()) {
			case "new" -> {
				if (m.threads() >= m.threadCapacity()) {
					return false;
				}
				interpreter.create(m, c, m.threads(), e.inputs());
			}
			case "tick", "yield", "block", "terminate" -> {
				if (m.current(c) == Machine.NONE) {
					return false;
				}
				switch (e.op()) {
					case "tick" -> interpreter.tick(m, c);
					case "yield" -> interpreter.yield(m, c);
					case "block" -> interpreter.block(m, c);
					default -> interpreter.terminate(m, c);
				}
			}
			case "unblock" -> {
				int t = e.thread();
				if (t < 0 || t >= m.threads() || m.state(t) != ThreadState.BLOCKED) {
					return false;
				}
				interpreter.unblock(m, c, t);
			}
			case "schedule" -> {
				if (m.current(c) != Machine.NONE) {
					return false;
				}
				interpreter.schedule(m, c);
			}
			case "affinity" -> {
				// prt_change_affinity()'s skips: a thread that is not live, a set with none of the cores
				int t = e.thread();
				if (t < 0 || t >= m.threads() || m.state(t) == ThreadState.TERMINATED
						|| !e.inputs().affinity().allowsSomeCoreBelow(m.cores())) {
					return false;
				}
				interpreter.changeAffinity(m, c, t, e.inputs().affinity());
			}
			case "balance" -> interpreter.balance(m, c);
			case "complete" -> interpreter.complete(m, c);
			case "reschedule" -> {
				if (!m.reschedulePending(c)) {
					return false;
				}
				interpreter.reschedule(m, c);
			}
			case "enter_idle" -> interpreter.enterIdle(m, c);
			case "exit_idle" -> interpreter.exitIdle(m, c);
			default -> throw new IllegalArgumentException("unknown op " + e.op());
		}
		return true;
	}
}
