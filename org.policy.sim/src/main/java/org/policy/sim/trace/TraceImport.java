package org.policy.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.policy.sim.io.UnreadableInputException;
import org.policy.sim.workload.Workload;
import org.policy.sim.workload.WorkloadException;

/**
 * Reads a Linux scheduler trace line by line — ftrace text ({@code /sys/kernel/tracing/trace}),
 * {@code trace-cmd report} or {@code perf sched script} — and hands its scheduler events to a
 * {@link TraceProgramBuilder}, which turns each thread into a run/sleep program. The input is streamed:
 * memory grows with the programs, not with the file.
 */
public final class TraceImport {
	/** Which line syntax to accept. */
	public enum Format {
		AUTO, FTRACE, TRACE_CMD, PERF
	}

	// "comm-pid [cpu] (flags) secs.frac: event: args", with an optional "(tgid)" column (ftrace, trace-cmd)
	private static final Pattern FTRACE_LINE = Pattern.compile(
			"^\\s*(.+)-(\\d+)\\s+(?:\\(\\s*[-\\d]+\\)\\s+)?\\[(\\d+)\\]\\s+(?:[^\\s\\[\\]:]{4,6}\\s+)?(\\d+)\\.(\\d+):\\s+([\\w:]+):\\s*(.*)$");
	// "comm pid(/tid) [cpu] secs.frac: sched:event: args" (perf script)
	private static final Pattern PERF_LINE = Pattern.compile(
			"^\\s*(.*?)\\s+(\\d+)(?:/(\\d+))?\\s+\\[(\\d+)\\]\\s+(\\d+)\\.(\\d+):\\s+(?:\\d+\\s+)?([\\w:]+):\\s*(.*)$");

	private static final Pattern KV_SWITCH = Pattern.compile(
			"prev_comm=(.*?) prev_pid=(-?\\d+) prev_prio=(-?\\d+) prev_state=(\\S+) ==> next_comm=(.*?) next_pid=(-?\\d+)(?: next_prio=(-?\\d+))?.*$");
	private static final Pattern CMD_SWITCH = Pattern.compile(
			"^(.*):(-?\\d+) \\[(-?\\d+)\\] (\\S+) ==> (.*):(-?\\d+) \\[(-?\\d+)\\].*$");
	private static final Pattern KV_PID = Pattern.compile("(?:^|\\s)pid=(\\d+)");
	private static final Pattern CMD_WAKEUP = Pattern.compile("^(.*):(\\d+) \\[(-?\\d+)\\]");
	private static final Pattern KV_COMM = Pattern.compile("comm=(.*?) pid=");
	private static final Pattern KV_FORK = Pattern.compile(
			"comm=(.*?) pid=(\\d+) child_comm=(.*?) child_pid=(\\d+)");

	private final String file;
	/** The format in use: as asked, or, for AUTO, fixed by the first event line. */
	private Format format;
	private final boolean skipBad;
	private final TraceProgramBuilder programs;
	private long lineNumber;
	private long badLines;
	private long firstBadLine;

	private TraceImport(String file, Format format, boolean skipBad) {
		this.file = file;
		this.format = format;
		this.skipBad = skipBad;
		this.programs = new TraceProgramBuilder(file);
	}

	/**
	 * @param formatName auto, ftrace, trace-cmd or perf
	 * @param skipBad    count malformed lines and go on (reported as a warning) instead of failing
	 * @throws WorkloadException for a malformed line (file:line:1) or a trace without scheduler events
	 */
	public static Workload load(String file, String formatName, boolean skipBad)
			throws WorkloadException, UnreadableInputException, IOException {
		Format format = switch (formatName) {
			case "auto" -> Format.AUTO;
			case "ftrace" -> Format.FTRACE;
			case "trace-cmd" -> Format.TRACE_CMD;
			case "perf" -> Format.PERF;
			default -> throw new WorkloadException(file, 1, 1, "unknown trace format '" + formatName
					+ "' (auto, ftrace, trace-cmd, perf)");
		};
		try (InputStream in = Files.newInputStream(Path.of(file))) {
			return read(file, new InputStreamReader(in, StandardCharsets.UTF_8), format, skipBad);
		} catch (NoSuchFileException e) {
			throw new UnreadableInputException(file + ": no such file");
		} catch (java.nio.file.AccessDeniedException e) {
			throw new UnreadableInputException(file + ": permission denied");
		}
	}

	public static Workload read(String file, Reader in, Format format, boolean skipBad) throws WorkloadException, IOException {
		return new TraceImport(file, format, skipBad).read(new BufferedReader(in, 1 << 16));
	}

	private Workload read(BufferedReader in) throws WorkloadException, IOException {
		String line;
		while ((line = in.readLine()) != null) {
			lineNumber++;
			parse(line);
		}
		if (badLines > 0) {
			programs.warn(file + ": warning: skipped " + badLines + " malformed line" + (badLines == 1 ? "" : "s")
					+ " (the first at line " + firstBadLine + ")");
		}
		return programs.build(lineNumber);
	}

	private void parse(String line) throws WorkloadException {
		String trimmed = line.strip();
		if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("cpus=") || trimmed.startsWith("CPU ")
				|| trimmed.startsWith("version =") || trimmed.startsWith("TRACE")) {
			return;
		}
		String event;
		String args;
		long secs;
		String frac;
		int cpu;
		Matcher m = null;
		boolean perf = false;
		if (format != Format.PERF) {
			m = FTRACE_LINE.matcher(line);
			if (!m.matches()) {
				m = null;
			}
		}
		if (m == null && (format == Format.AUTO || format == Format.PERF)) {
			m = PERF_LINE.matcher(line);
			if (m.matches()) {
				perf = true;
			} else {
				m = null;
			}
		}
		if (m != null && format == Format.AUTO) {
			// the first event line decides: perf names its events "sched:..."; a perf line can also look like
			// an ftrace line when its comm ends in "-digits", so perf is tried first here
			Matcher p = PERF_LINE.matcher(line);
			if (p.matches() && p.group(7).startsWith("sched:")) {
				m = p;
				perf = true;
				format = Format.PERF;
			} else {
				format = perf ? Format.PERF : Format.FTRACE;
			}
		}
		if (m == null) {
			bad("not a trace event line (expected 'comm-pid [cpu] seconds: event: ...'"
					+ (format == Format.AUTO || format == Format.PERF ? " or perf's 'comm pid [cpu] seconds: sched:event: ...'" : "")
					+ ")");
			return;
		}
		if (perf) {
			cpu = Integer.parseInt(m.group(4));
			secs = Long.parseLong(m.group(5));
			frac = m.group(6);
			event = m.group(7);
			args = m.group(8);
		} else {
			cpu = Integer.parseInt(m.group(3));
			secs = Long.parseLong(m.group(4));
			frac = m.group(5);
			event = m.group(6);
			args = m.group(7);
		}
		if (event.startsWith("sched:")) {
			event = event.substring("sched:".length());
		}
		long ns = secs * 1_000_000_000L + fractionNs(frac);
		switch (event) {
			case "sched_switch" -> sw(args, ns, cpu);
			case "sched_wakeup", "sched_waking" -> {
				if (event.equals("sched_wakeup")) {
					int pid = wakeupPid(args);
					if (pid >= 0) {
						programs.wakeup(pid, comm(args), ns);
					}
				}
			}
			case "sched_wakeup_new" -> {
				int pid = wakeupPid(args);
				if (pid >= 0) {
					programs.wakeupNew(pid, comm(args), ns);
				}
			}
			case "sched_process_fork" -> {
				Matcher f = KV_FORK.matcher(args);
				if (!f.find()) {
					bad("sched_process_fork without comm=, pid=, child_comm=, child_pid=");
					return;
				}
				programs.fork(Integer.parseInt(f.group(2)), f.group(1), Integer.parseInt(f.group(4)), f.group(3), ns);
			}
			case "sched_process_exit" -> {
				Matcher p = KV_PID.matcher(args);
				if (!p.find()) {
					bad("sched_process_exit without pid=");
					return;
				}
				programs.exit(Integer.parseInt(p.group(1)), ns);
			}
			case "sched_migrate_task" -> programs.migrated(ns);
			default -> programs.otherEvent(ns);
		}
	}

	private void sw(String args, long ns, int cpu) throws WorkloadException {
		Matcher s = KV_SWITCH.matcher(args);
		if (s.find()) {
			programs.switched(Integer.parseInt(s.group(2)), s.group(1), s.group(4), Integer.parseInt(s.group(6)),
					s.group(5), ns, cpu);
			return;
		}
		Matcher c = CMD_SWITCH.matcher(args);
		if (c.find()) {
			programs.switched(Integer.parseInt(c.group(2)), c.group(1).strip(), c.group(4), Integer.parseInt(c.group(6)),
					c.group(5).strip(), ns, cpu);
			return;
		}
		bad("sched_switch without 'prev_comm=.. prev_pid=.. prev_prio=.. prev_state=.. ==> next_comm=.. next_pid=..' "
				+ "or 'comm:pid [prio] state ==> comm:pid [prio]'");
	}

	private int wakeupPid(String args) throws WorkloadException {
		Matcher p = KV_PID.matcher(args);
		if (p.find()) {
			return Integer.parseInt(p.group(1));
		}
		Matcher c = CMD_WAKEUP.matcher(args.strip());
		if (c.find()) {
			return Integer.parseInt(c.group(2));
		}
		bad("wakeup without pid= or 'comm:pid [prio]'");
		return -1;
	}

	private static String comm(String args) {
		Matcher c = KV_COMM.matcher(args);
		if (c.find()) {
			return c.group(1);
		}
		Matcher t = CMD_WAKEUP.matcher(args.strip());
		return t.find() ? t.group(1).strip() : "?";
	}

	private static long fractionNs(String frac) {
		String digits = frac.length() > 9 ? frac.substring(0, 9) : frac;
		long v = Long.parseLong(digits);
		for (int i = digits.length(); i < 9; i++) {
			v *= 10;
		}
		return v;
	}

	private void bad(String why) throws WorkloadException {
		if (!skipBad) {
			throw new WorkloadException(file, (int) Math.min(Integer.MAX_VALUE, lineNumber), 1, "malformed line: " + why
					+ " (--skip-bad-lines counts such lines instead)");
		}
		if (badLines++ == 0) {
			firstBadLine = lineNumber;
		}
	}
}
