package org.policy.fuzz.gen;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;

/**
 * Scheduler traces in the three formats the importer reads (docs/workloads.md, "Replaying a trace"):
 * ftrace text (with and without the flags and TGID columns), {@code trace-cmd report} (long and short
 * forms) and {@code perf sched script}; consistent event sequences of a few threads, then line-level
 * damage (dropped, swapped, duplicated, truncated lines, timestamps going backwards, mixed formats) and
 * token mutations. Each is replayed briefly through {@code policy simulate --trace}.
 */
public final class TraceGenerator implements Generator {
	public static final String FILE = "t.trace";
	private static final List<String> DICTIONARY = List.of("sched_switch:", "sched_wakeup:", "sched_wakeup_new:",
			"sched_process_fork:", "sched_process_exit:", "sched_migrate_task:", "prev_comm=", "prev_pid=",
			"prev_state=", "==>", "next_comm=", "next_pid=", "pid=", "comm=", "[000]", "[999]", "R", "S", "D", "X",
			":", "-", "0.000000:", "99999999999.999999:", "-1", "d..2.");
	private final TokenMutator mutator = new TokenMutator(DICTIONARY);
	private final String policy;

	public TraceGenerator(String policy) {
		this.policy = policy;
	}

	@Override
	public FuzzInput next(SplittableRandom r) {
		int format = r.nextInt(3);
		StringBuilder how = new StringBuilder(List.of("ftrace", "trace-cmd", "perf").get(format));
		String[] lines = trace(r, format).split("\n");
		StringBuilder text = new StringBuilder();
		if (format == 0 && Pick.chance(r, 0.5)) {
			text.append("# tracer: nop\n#\n#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n");
		}
		boolean damaged = Pick.chance(r, 0.5);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (damaged && Pick.chance(r, 0.1)) {
				int what = r.nextInt(4);
				how.append(' ').append(List.of("drop", "truncate", "duplicate", "swap").get(what));
				switch (what) {
					case 0 -> line = "";
					case 1 -> line = line.substring(0, r.nextInt(line.length() + 1));
					case 2 -> line = line + "\n" + line;
					default -> {
						if (i + 1 < lines.length) {
							String next = lines[i + 1];
							lines[i + 1] = line;
							line = next;
						}
					}
				}
			}
			text.append(line).append('\n');
		}
		String content = text.toString();
		if (Pick.chance(r, 0.3)) {
			how.append(" mutated:");
			content = mutator.mutate(content, r, 1 + r.nextInt(3), how);
		}
		List<String> args = new java.util.ArrayList<>(List.of("simulate", "{dir}/p.policy", "--trace", "{dir}/" + FILE,
				"--cores", "2", "--duration", "20ms", "--no-plots", "--out", "{dir}/out"));
		if (Pick.chance(r, 0.3)) {
			args.add("--trace-format");
			args.add(Pick.one(r, "ftrace", "trace-cmd", "perf", "auto"));
		}
		if (Pick.chance(r, 0.2)) {
			args.add("--skip-bad-lines");
		}
		return new FuzzInput(Kind.TRACE, how.toString(), Map.of(FILE, content, "p.policy", policy), args, false);
	}

	/** A consistent run of a few threads on a few CPUs. */
	private static String trace(SplittableRandom r, int format) {
		StringBuilder out = new StringBuilder();
		int threads = 1 + r.nextInt(4);
		long ns = 1_000_000_000L + r.nextInt(1000) * 1000L;
		int events = r.nextInt(30);
		int[] running = { 0, 0 };
		for (int i = 0; i < events; i++) {
			ns += r.nextInt(5_000_000);
			int cpu = r.nextInt(2);
			int pid = 100 + r.nextInt(threads);
			String comm = Pick.chance(r, 0.05) ? Pick.one(r, "a b", "x-1", "", "名前", "a:b") : "w" + pid;
			int prev = running[cpu];
			String prevComm = prev == 0 ? "swapper/" + cpu : "w" + prev;
			String event;
			String args;
			switch (r.nextInt(6)) {
				case 0, 1, 2 -> {
					event = "sched_switch";
					String state = Pick.one(r, "R", "S", "D", "R+", "X");
					args = format == 1 && Pick.chance(r, 0.5)
							? prevComm + ":" + prev + " [120] " + state + " ==> " + comm + ":" + pid + " [120]"
							: "prev_comm=" + prevComm + " prev_pid=" + prev + " prev_prio=120 prev_state=" + state
									+ " ==> next_comm=" + comm + " next_pid=" + pid + " next_prio=120";
					running[cpu] = pid;
				}
				case 3 -> {
					event = Pick.one(r, "sched_wakeup", "sched_wakeup_new");
					args = "comm=" + comm + " pid=" + pid + " prio=120 target_cpu=00" + cpu;
				}
				case 4 -> {
					event = "sched_process_fork";
					args = "comm=" + comm + " pid=" + pid + " child_comm=" + comm + " child_pid=" + (pid + 10);
				}
				default -> {
					event = Pick.one(r, "sched_process_exit", "sched_migrate_task", "sched_stat_runtime");
					args = "comm=" + comm + " pid=" + pid + " prio=120 orig_cpu=0 dest_cpu=1";
				}
			}
			String time = (ns / 1_000_000_000L) + "." + String.format("%06d", (ns / 1000) % 1_000_000);
			String who = (prev == 0 ? "<idle>" : "w" + prev);
			int whoPid = prev;
			out.append(switch (format) {
				case 0 -> String.format("%16s-%-5d [%03d] %s %s: %s: %s", who, whoPid, cpu,
						Pick.chance(r, 0.5) ? "d..2." : "....", time, event, args);
				case 1 -> String.format("%16s-%-5d [%03d] %s: %s: %s", who, whoPid, cpu, time, event, args);
				default -> String.format("%16s %5d [%03d] %s: sched:%s: %s", who, whoPid, cpu, time, event, args);
			}).append('\n');
		}
		return out.toString();
	}
}
