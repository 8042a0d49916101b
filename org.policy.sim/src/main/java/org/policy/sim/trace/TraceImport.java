package org.policy.sim.trace;

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
import org.policy.workload.WorkloadException;

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

	/** Linux's PID_MAX_LIMIT: no pid is larger. */
	static final long MAX_PID = 4_194_304;
	/** Linux's largest NR_CPUS. */
	static final long MAX_CPU = 8_191;
	/** Timestamps up to 4e9 s (boot-based clocks, and wall clocks until 2096) fit in a long of ns. */
	static final long MAX_SECONDS = 4_000_000_000L;
	/**
	 * The longest a trace may pass without any event: a running system has scheduler events every few
	 * ms, so a longer gap is a corrupt timestamp (which would otherwise make the replay endless).
	 */
	static final long MAX_GAP_NS = 3_600_000_000_000L;

	private final String file;
	/** The format in use: as asked, or, for AUTO, fixed by the first event line. */
	private Format format;
	private final boolean skipBad;
	private final TraceProgramBuilder programs;
	private long lineNumber;
	private long badLines;
	private long firstBadLine;
	/** Where the current line's event arguments start (0-based), for the columns of their fields. */
	private int argsOffset;
	/** The previous event's time and line: events must come in time order. */
	private long previousNs = -1;
	private long previousLine;

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
		return new TraceImport(file, format, skipBad).read(in);
	}

	private Workload read(Reader reader) throws WorkloadException, IOException {
		TraceLineReader in = new TraceLineReader(reader);
		String line;
		try {
			while ((line = in.next()) != null) {
				lineNumber = in.lineNumber();
				parse(line);
			}
		} catch (TraceLineReader.BadInput e) {
			throw new WorkloadException(file, (int) Math.min(Integer.MAX_VALUE, e.line), e.column, e.getMessage());
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
		int base = perf ? 4 : 3;
		argsOffset = m.start(base + 4);
		long cpuValue = number(m, base, 0, MAX_CPU, "cpu", 0);
		long secsValue = number(m, base + 1, 0, MAX_SECONDS, "timestamp (seconds)", 0);
		if (cpuValue < 0 || secsValue < 0) {
			return;
		}
		cpu = (int) cpuValue;
		secs = secsValue;
		frac = m.group(base + 2);
		event = m.group(base + 3);
		args = m.group(base + 4);
		if (event.startsWith("sched:")) {
			event = event.substring("sched:".length());
		}
		long ns = secs * 1_000_000_000L + fractionNs(frac);
		inOrder(ns, m.start(base + 1) + 1);
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
				int parent = pid(f, 2, 0);
				int child = pid(f, 4, 0);
				if (parent >= 0 && child >= 0) {
					programs.fork(parent, f.group(1), child, f.group(3), ns);
				}
			}
			case "sched_process_exit" -> {
				Matcher p = KV_PID.matcher(args);
				if (!p.find()) {
					bad("sched_process_exit without pid=");
					return;
				}
				int pid = pid(p, 1, 0);
				if (pid >= 0) {
					programs.exit(pid, ns);
				}
			}
			case "sched_migrate_task" -> programs.migrated(ns);
			default -> programs.otherEvent(ns);
		}
	}

	private void sw(String args, long ns, int cpu) throws WorkloadException {
		Matcher s = KV_SWITCH.matcher(args);
		if (s.find()) {
			int prev = pid(s, 2, 0);
			int next = pid(s, 6, 0);
			if (prev >= 0 && next >= 0 && prio(s, 3) && (s.group(7) == null || prio(s, 7))) {
				programs.switched(prev, s.group(1), s.group(4), next, s.group(5), ns, cpu);
				programs.priorities(prev, Integer.parseInt(s.group(3)), next,
						s.group(7) == null ? TraceProgramBuilder.NO_PRIO : Integer.parseInt(s.group(7)));
			}
			return;
		}
		Matcher c = CMD_SWITCH.matcher(args);
		if (c.find()) {
			int prev = pid(c, 2, 0);
			int next = pid(c, 6, 0);
			if (prev >= 0 && next >= 0 && prio(c, 3) && prio(c, 7)) {
				programs.switched(prev, c.group(1).strip(), c.group(4), next, c.group(5).strip(), ns, cpu);
				programs.priorities(prev, Integer.parseInt(c.group(3)), next, Integer.parseInt(c.group(7)));
			}
			return;
		}
		bad("sched_switch without 'prev_comm=.. prev_pid=.. prev_prio=.. prev_state=.. ==> next_comm=.. next_pid=..' "
				+ "or 'comm:pid [prio] state ==> comm:pid [prio]'");
	}

	private int wakeupPid(String args) throws WorkloadException {
		Matcher p = KV_PID.matcher(args);
		if (p.find()) {
			return pid(p, 1, 0);
		}
		String stripped = args.strip();
		Matcher c = CMD_WAKEUP.matcher(stripped);
		if (c.find()) {
			return pid(c, 2, args.indexOf(stripped));
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

	/**
	 * Events must come in time order, as every tracer writes them: a timestamp before the previous one
	 * (a line moved, files concatenated, a reversed file) would change the replay silently, and a jump of
	 * more than {@link #MAX_GAP_NS} (a corrupt timestamp) would make its default duration endless. Both
	 * stop the import, even with --skip-bad-lines: dropping such lines would change the result too.
	 */
	private void inOrder(long ns, int column) throws WorkloadException {
		if (previousNs >= 0 && ns < previousNs) {
			throw new WorkloadException(file, line(), column, "timestamp " + seconds(ns) + " is before the previous"
					+ " event's " + seconds(previousNs) + " (line " + previousLine + "): a trace's events must be in time"
					+ " order (was it edited, concatenated or sorted?)");
		}
		if (previousNs >= 0 && ns - previousNs > MAX_GAP_NS) {
			throw new WorkloadException(file, line(), column, "timestamp " + seconds(ns) + " is " + (ns - previousNs)
					/ 1_000_000_000L + " s after the previous event's " + seconds(previousNs) + " (line " + previousLine
					+ "): more than the hour a trace may pass without an event (a corrupt timestamp?)");
		}
		previousNs = ns;
		previousLine = lineNumber;
	}

	private static String seconds(long ns) {
		return String.format(java.util.Locale.ROOT, "%d.%09d s", ns / 1_000_000_000L, ns % 1_000_000_000L);
	}

	private int line() {
		return (int) Math.min(Integer.MAX_VALUE, lineNumber);
	}

	/** A pid field of the event's arguments (0 is the idle task); -1 after a malformed (skipped) field. */
	private int pid(Matcher m, int group, int shift) throws WorkloadException {
		return (int) number(m, group, 0, MAX_PID, "pid", argsOffset + shift);
	}

	/**
	 * A priority field, checked: kernel priorities are -1 (deadline) to 139; a sched_switch's give the
	 * replayed threads their nice values ({@link TraceProgramBuilder#priorities}).
	 */
	private boolean prio(Matcher m, int group) throws WorkloadException {
		return number(m, group, -1, 139, "prio", argsOffset) != Long.MIN_VALUE;
	}

	/**
	 * A number field, checked against its plausible range with a positioned message (instead of an
	 * overflow exception or a silently wrapped value).
	 *
	 * @param shift where the matched text starts in the line (0-based)
	 * @return the value; -1 (Long.MIN_VALUE for ranges with negatives) when the line is skipped
	 */
	private long number(Matcher m, int group, long min, long max, String what, int shift) throws WorkloadException {
		String text = m.group(group);
		int column = shift + m.start(group) + 1;
		long v;
		try {
			v = text.length() > 19 ? Long.MAX_VALUE : Long.parseLong(text);
		} catch (NumberFormatException e) {
			v = Long.MAX_VALUE;
		}
		if (v < min || v > max) {
			badAt(column, what + " " + (text.length() > 24 ? text.substring(0, 24) + "..." : text) + " is out of range ["
					+ min + ", " + max + "]");
			return min < 0 ? Long.MIN_VALUE : -1;
		}
		return v;
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
		badAt(1, why);
	}

	private void badAt(int column, String why) throws WorkloadException {
		if (!skipBad) {
			throw new WorkloadException(file, line(), column, "malformed line: " + why
					+ " (--skip-bad-lines counts such lines instead)");
		}
		if (badLines++ == 0) {
			firstBadLine = lineNumber;
		}
	}
}
