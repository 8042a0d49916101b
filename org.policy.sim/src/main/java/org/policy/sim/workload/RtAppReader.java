package org.policy.sim.workload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an rt-app workload file (rt-app's doc/tutorial.txt) into a {@link Workload}; docs/workloads.md
 * says what each key means here. Durations are in µs as in rt-app. What has no meaning in a
 * simulation (calibration, logging, priorities, affinity, memory and I/O events, mutexes) is ignored
 * with a warning; what is wrong is an error naming file, line, column and JSON path.
 *
 * <p>Extensions live under {@code "policy-sim"} keys, which rt-app ignores, so one file drives both:
 * a global seed, duration distributions per phase or task, Poisson arrivals and deadlines per task.
 */
public final class RtAppReader {
	public static final String EXTENSION = "policy-sim";
	/** The verifier's extension: the exact run of a counterexample (org.policy.verifier writes it). */
	public static final String VERIFIER_EXTENSION = "policy-verifier";

	private static final Set<String> IGNORED_GLOBAL = Set.of("calibration", "pi_enabled", "lock_pages", "logdir",
			"log_basename", "log_size", "ftrace", "gnuplot", "io_device", "mem_buffer_size", "cumulative_slack");
	private static final Set<String> IGNORED_TASK = Set.of("priority", "policy", "cpus", "dl-runtime", "dl-period",
			"nodes_membind", "taskgroup", "util_min", "util_max");

	private final String file;
	private final List<String> warnings = new ArrayList<>();
	private final List<Distribution> distributions = new ArrayList<>();
	private final Map<String, Integer> sharedTimers = new LinkedHashMap<>();
	private final Map<String, Integer> barriers = new LinkedHashMap<>();
	private final Map<String, Integer> conditions = new LinkedHashMap<>();
	private final Map<String, Integer> mutexes = new LinkedHashMap<>();
	private final List<Integer> barrierParticipants = new ArrayList<>();
	private Map<String, Integer> taskIds;
	private long totalInstances;

	private RtAppReader(String file) {
		this.file = file;
	}

	/**
	 * @param file the file's name for messages and reports
	 * @throws WorkloadException naming file:line:col and the JSON path of the first problem
	 */
	public static Workload read(String file, Reader in) throws WorkloadException, IOException {
		return new RtAppReader(file).read(JsonTreeReader.read(file, in));
	}

	private Workload read(JsonNode rootNode) throws WorkloadException {
		JsonNode.Obj root = object(rootNode, "the workload");
		long durationNs = -1;
		Long seed = null;
		JsonNode global = root.get("global");
		if (global != null) {
			for (Map.Entry<String, JsonNode> e : object(global, "global").entries()) {
				String key = e.getKey();
				JsonNode v = e.getValue();
				switch (key) {
					case "duration" -> {
						long seconds = integer(v, -1, Long.MAX_VALUE / 1_000_000_000L);
						if (seconds == 0) {
							throw error(v, "duration must be -1 (until every thread exits) or a number of seconds > 0");
						}
						durationNs = seconds < 0 ? -1 : seconds * 1_000_000_000L;
					}
					case "default_policy" -> {
						if (!(v instanceof JsonNode.Str s && s.value().equals("SCHED_OTHER"))) {
							warn(v, "ignored: every thread is scheduled by the simulated policy");
						}
					}
					case EXTENSION -> seed = globalExtension(object(v, "the extension"));
					default -> warn(v, IGNORED_GLOBAL.contains(key) ? "ignored: it has no meaning in a simulation"
							: "unknown global key, ignored");
				}
			}
		}
		VerifierRun verifierRun = null;
		for (Map.Entry<String, JsonNode> e : root.entries()) {
			if (e.getKey().equals(VERIFIER_EXTENSION)) {
				verifierRun = verifierRun(object(e.getValue(), "the " + VERIFIER_EXTENSION + " extension"));
			} else if (!e.getKey().equals("tasks") && !e.getKey().equals("global")) {
				warn(e.getValue(), e.getKey().equals("resources") ? "ignored: resources are made on first use"
						: "unknown top-level key, ignored");
			}
		}
		JsonNode tasksNode = root.get("tasks");
		if (tasksNode == null) {
			throw error(root, "missing \"tasks\": an rt-app file needs at least one task");
		}
		JsonNode.Obj tasks = object(tasksNode, "tasks");
		if (tasks.entries().isEmpty()) {
			throw error(tasks, "no tasks: an rt-app file needs at least one task");
		}
		taskIds = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : tasks.entries()) {
			if (taskIds.putIfAbsent(e.getKey(), taskIds.size()) != null) {
				throw error(e.getValue(), "task '" + e.getKey() + "' is defined twice");
			}
		}
		List<TaskProgram> programs = new ArrayList<>();
		List<Set<Integer>> barriersUsed = new ArrayList<>();
		for (Map.Entry<String, JsonNode> e : tasks.entries()) {
			Set<Integer> used = new LinkedHashSet<>();
			programs.add(task(e.getKey(), object(e.getValue(), "a task"), used));
			barriersUsed.add(used);
		}
		for (TaskProgram p : programs) {
			for (int i = 0; i < p.length(); i++) {
				if (p.ops()[i] == Op.TIMER) {
					p.b()[i] = resolveTimer(p.b()[i], sharedTimers.size());
				}
			}
		}
		int[] participants = new int[barriers.size()];
		for (int i = 0; i < programs.size(); i++) {
			for (int b : barriersUsed.get(i)) {
				participants[b] += programs.get(i).instances();
			}
		}
		return new Workload(file, programs, durationNs, seed, sharedTimers.size(), participants, conditions.size(),
				List.copyOf(mutexes.keySet()), distributions, warnings, verifierRun, List.copyOf(barriers.keySet()),
				List.copyOf(conditions.keySet()));
	}

	private Long globalExtension(JsonNode.Obj ext) throws WorkloadException {
		Long seed = null;
		for (Map.Entry<String, JsonNode> e : ext.entries()) {
			if (e.getKey().equals("seed")) {
				seed = integer(e.getValue(), Long.MIN_VALUE, Long.MAX_VALUE);
			} else {
				throw error(e.getValue(), "unknown key of the " + EXTENSION + " extension (global has: seed)");
			}
		}
		return seed;
	}

	// ------------------------------------------------------------------ tasks

	/** What a task or phase says about distributions: event kind → distribution index. */
	private record Distributions(Map<String, Integer> byEvent) {
	}

	private TaskProgram task(String name, JsonNode.Obj task, Set<Integer> barriersUsed) throws WorkloadException {
		int instances = 1;
		long loops = -1;
		long delayNs = 0;
		long deadlineUs = -1;
		Arrivals arrivals = null;
		Distributions taskDistributions = new Distributions(Map.of());
		JsonNode phases = null;
		List<Map.Entry<String, JsonNode>> inlineEvents = new ArrayList<>();
		for (Map.Entry<String, JsonNode> e : task.entries()) {
			String key = e.getKey();
			JsonNode v = e.getValue();
			switch (key) {
				case "instance" -> {
					instances = (int) integer(v, 0, 1_000_000);
					totalInstances += instances;
					if (totalInstances > Limits.MAX_THREADS) {
						throw error(v, "the tasks' instances add up to " + totalInstances + " threads, more than the "
								+ Limits.MAX_THREADS + " a run simulates");
					}
				}
				case "loop" -> loops = loopCount(v);
				case "delay" -> delayNs = integer(v, 0, Long.MAX_VALUE / 1000) * 1000;
				case "phases" -> phases = v;
				case "dl-deadline" -> {
					if (deadlineUs < 0) {
						deadlineUs = integer(v, 1, Long.MAX_VALUE / 1000);
					}
				}
				case EXTENSION -> {
					JsonNode.Obj ext = object(v, "the extension");
					for (Map.Entry<String, JsonNode> x : ext.entries()) {
						switch (x.getKey()) {
							case "arrivals" -> arrivals = arrivals(object(x.getValue(), "arrivals"));
							case "deadline" -> deadlineUs = integer(x.getValue(), 1, Long.MAX_VALUE / 1000);
							case "distribution" -> taskDistributions = distributions(object(x.getValue(), "distribution"));
							default -> throw error(x.getValue(), "unknown key of the " + EXTENSION
									+ " extension (a task has: arrivals, deadline, distribution)");
						}
					}
				}
				default -> {
					if (IGNORED_TASK.contains(key)) {
						warn(v, "ignored: the simulated policy alone decides where and when threads run");
					} else {
						inlineEvents.add(e);
					}
				}
			}
		}
		ProgramBuilder out = new ProgramBuilder();
		Map<String, Integer> uniqueTimers = new LinkedHashMap<>();
		if (delayNs > 0) {
			out.sleep(delayNs);
		}
		int loopStart = out.size();
		if (phases != null) {
			if (!inlineEvents.isEmpty()) {
				throw error(inlineEvents.get(0).getValue(), "a task with \"phases\" cannot also have events of its own");
			}
			JsonNode.Obj phaseObj = object(phases, "phases");
			if (phaseObj.entries().isEmpty()) {
				throw error(phaseObj, "no phases");
			}
			for (Map.Entry<String, JsonNode> p : phaseObj.entries()) {
				phase(name, object(p.getValue(), "a phase").entries(), taskDistributions, out, uniqueTimers, barriersUsed);
			}
		} else {
			if (inlineEvents.isEmpty()) {
				throw error(task, "task '" + name + "' has no events (run, sleep, timer, ...) and no phases");
			}
			phase(name, inlineEvents, taskDistributions, out, uniqueTimers, barriersUsed);
		}
		out.add(Op.LOOP_END, loopStart, loops);
		long deadlineNs = deadlineUs < 0 ? -1 : deadlineUs * 1000;
		return out.build(name, instances, arrivals, uniqueTimers.size(), deadlineNs,
				file + ":" + task.line() + ":" + task.column() + ": " + JsonTreeReader.shortPath(task.path()));
	}

	private Arrivals arrivals(JsonNode.Obj obj) throws WorkloadException {
		double rate = -1;
		long meanGapUs = -1;
		long count = -1;
		for (Map.Entry<String, JsonNode> e : obj.entries()) {
			JsonNode v = e.getValue();
			switch (e.getKey()) {
				case "process" -> {
					if (!(v instanceof JsonNode.Str s && s.value().equals("poisson"))) {
						throw error(v, "the only arrival process is \"poisson\"");
					}
				}
				case "rate" -> {
					rate = number(v);
					if (!(rate > 0)) {
						throw error(v, "the rate (arrivals per second) must be positive");
					}
					if (!(rate <= Limits.MAX_RATE)) {
						throw error(v, "a rate of " + ((JsonNode.Num) v).text() + " per second is more than one arrival per"
								+ " ns (the clock's resolution): at most " + (long) Limits.MAX_RATE);
					}
				}
				case "mean_gap" -> meanGapUs = integer(v, 1, Long.MAX_VALUE / 1000);
				case "count" -> count = integer(v, -1, Limits.MAX_THREADS);
				default -> throw error(v, "unknown key of arrivals (it has: process, rate, mean_gap, count)");
			}
		}
		if ((rate > 0) == (meanGapUs > 0)) {
			throw error(obj, "arrivals need exactly one of \"rate\" (per second) and \"mean_gap\" (µs)");
		}
		long gapNs = rate > 0 ? Math.max(1, Math.round(1e9 / rate)) : meanGapUs * 1000;
		return new Arrivals(gapNs, count, file + ":" + obj.line() + ":" + obj.column() + ": " + obj.path());
	}

	private Distributions distributions(JsonNode.Obj obj) throws WorkloadException {
		Map<String, Integer> byEvent = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : obj.entries()) {
			String event = e.getKey();
			if (!event.equals("run") && !event.equals("runtime") && !event.equals("sleep")) {
				throw error(e.getValue(), "a distribution applies to run, runtime or sleep, not '" + event + "'");
			}
			JsonNode.Obj d = object(e.getValue(), "a distribution");
			String type = null;
			double spread = 0;
			for (Map.Entry<String, JsonNode> f : d.entries()) {
				switch (f.getKey()) {
					case "type" -> type = string(f.getValue());
					case "spread" -> {
						spread = number(f.getValue());
						if (spread < 0) {
							throw error(f.getValue(), "the spread must not be negative");
						}
					}
					default -> throw error(f.getValue(), "unknown key of a distribution (it has: type, spread)");
				}
			}
			Distribution.Kind kind;
			if (type == null) {
				throw error(d, "a distribution needs a \"type\": exponential, uniform or normal");
			}
			switch (type) {
				case "exponential" -> kind = Distribution.Kind.EXPONENTIAL;
				case "uniform" -> kind = Distribution.Kind.UNIFORM;
				case "normal" -> kind = Distribution.Kind.NORMAL;
				default -> throw error(d.get("type"), "unknown distribution '" + type + "' (exponential, uniform, normal)");
			}
			if (kind == Distribution.Kind.UNIFORM && spread > 1) {
				throw error(d.get("spread"), "a uniform spread above 1 would give negative durations");
			}
			distributions.add(new Distribution(kind, spread));
			byEvent.put(event, distributions.size() - 1);
			if (event.equals("run")) {
				byEvent.putIfAbsent("runtime", distributions.size() - 1);
			}
		}
		return new Distributions(byEvent);
	}

	// ------------------------------------------------------------------ phases and events

	private void phase(String task, List<Map.Entry<String, JsonNode>> entries, Distributions inherited,
			ProgramBuilder out, Map<String, Integer> uniqueTimers, Set<Integer> barriersUsed) throws WorkloadException {
		long loops = 1;
		Distributions dist = inherited;
		for (Map.Entry<String, JsonNode> e : entries) {
			if (e.getKey().equals("loop")) {
				loops = loopCount(e.getValue());
			} else if (e.getKey().equals(EXTENSION)) {
				JsonNode.Obj ext = object(e.getValue(), "the extension");
				for (Map.Entry<String, JsonNode> x : ext.entries()) {
					if (!x.getKey().equals("distribution")) {
						throw error(x.getValue(), "unknown key of the " + EXTENSION + " extension (a phase has: distribution)");
					}
					Map<String, Integer> merged = new LinkedHashMap<>(inherited.byEvent());
					merged.putAll(distributions(object(x.getValue(), "distribution")).byEvent());
					dist = new Distributions(merged);
				}
			}
		}
		int phaseOp = out.add(Op.PHASE, loops, 0);
		int events = 0;
		for (Map.Entry<String, JsonNode> e : entries) {
			String key = e.getKey();
			if (key.equals("loop") || key.equals(EXTENSION)) {
				continue;
			}
			if (key.equals("cpus") || key.equals("nodes_membind") || key.equals("taskgroup")) {
				warn(e.getValue(), "ignored: the simulated policy alone decides where threads run");
				continue;
			}
			events += event(task, stripIndex(key), e.getValue(), dist, out, uniqueTimers, barriersUsed);
		}
		if (events == 0) {
			throw error(entries.isEmpty() ? null : entries.get(0).getValue(), "a phase of task '" + task + "' has no events");
		}
		out.add(Op.PHASE_END, phaseOp + 1, 0);
	}

	/** rt-app's workgen makes repeated keys unique by appending digits ("run0", "run1"): drop them. */
	private static String stripIndex(String key) {
		int end = key.length();
		while (end > 0 && Character.isDigit(key.charAt(end - 1))) {
			end--;
		}
		return key.substring(0, end);
	}

	/** Emits one event's ops; returns 1 when it counts as an event of the phase, else 0. */
	private int event(String task, String kind, JsonNode v, Distributions dist, ProgramBuilder out,
			Map<String, Integer> uniqueTimers, Set<Integer> barriersUsed) throws WorkloadException {
		switch (kind) {
			case "run", "runtime" -> out.add(Op.RUN, integer(v, 0, Long.MAX_VALUE / 1000) * 1000,
					dist.byEvent().getOrDefault(kind, -1));
			case "sleep" -> out.add(Op.SLEEP, integer(v, 0, Long.MAX_VALUE / 1000) * 1000,
					dist.byEvent().getOrDefault("sleep", -1));
			case "timer" -> timer(v, out, uniqueTimers);
			case "yield" -> out.add(Op.YIELD, 0, 0);
			case "fork" -> {
				String target = string(v);
				Integer id = taskIds.get(target);
				if (id == null) {
					throw error(v, "fork of unknown task '" + target + "' (tasks: " + String.join(", ", taskIds.keySet()) + ")");
				}
				out.add(Op.FORK, id, 0);
			}
			case "barrier" -> {
				int id = barriers.computeIfAbsent(string(v), k -> barriers.size());
				barriersUsed.add(id);
				out.add(Op.BARRIER, id, 0);
			}
			case "suspend" -> {
				String name = string(v);
				out.add(Op.WAIT, condition("thread:" + (name.isEmpty() ? task : name)), 0);
			}
			case "resume" -> out.add(Op.SIGNAL, condition("thread:" + string(v)), 1);
			case "wait" -> await(v, out);
			case "signal" -> out.add(Op.SIGNAL, condition("cond:" + refOrString(v)), 0);
			case "broad" -> out.add(Op.SIGNAL, condition("cond:" + refOrString(v)), 1);
			case "sync" -> {
				out.add(Op.SIGNAL, condition("cond:" + ref(v)), 0);
				await(v, out);
			}
			case "lock" -> out.add(Op.LOCK, mutex(string(v)), 0);
			case "unlock" -> out.add(Op.UNLOCK, mutex(string(v)), 0);
			case "mem", "iorun" -> {
				warn(v, "ignored: memory and I/O traffic are not simulated");
				return 0;
			}
			default -> {
				warn(v, "unknown event '" + kind + "', ignored");
				return 0;
			}
		}
		return 1;
	}

	private void timer(JsonNode v, ProgramBuilder out, Map<String, Integer> uniqueTimers) throws WorkloadException {
		JsonNode.Obj t = object(v, "a timer ({\"ref\": ..., \"period\": ...})");
		String ref = null;
		long periodUs = -1;
		boolean absolute = false;
		for (Map.Entry<String, JsonNode> e : t.entries()) {
			switch (e.getKey()) {
				case "ref" -> ref = string(e.getValue());
				case "period" -> periodUs = integer(e.getValue(), 1, (Op.ABSOLUTE - 1) / 1000);
				case "mode" -> {
					String mode = string(e.getValue());
					if (!mode.equals("relative") && !mode.equals("absolute")) {
						throw error(e.getValue(), "a timer's mode is \"relative\" or \"absolute\"");
					}
					absolute = mode.equals("absolute");
				}
				default -> warn(e.getValue(), "unknown key of a timer, ignored");
			}
		}
		if (ref == null || periodUs < 0) {
			throw error(t, "a timer needs \"ref\" and \"period\" (µs)");
		}
		int id;
		if (ref.startsWith("unique")) {
			// per thread; ids after the shared ones, which are only known at the end: stored negative for now
			int local = uniqueTimers.computeIfAbsent(ref, k -> uniqueTimers.size());
			id = -1 - local;
		} else {
			id = sharedTimers.computeIfAbsent(ref, k -> sharedTimers.size());
		}
		out.add(Op.TIMER, periodUs * 1000 | (absolute ? Op.ABSOLUTE : 0), id);
	}

	private static final java.util.Set<String> VERIFIER_EVENTS = java.util.Set.of("new", "tick", "yield", "block",
			"unblock", "terminate", "balance", "advance");

	/** The exact run of a verifier counterexample (docs/verification.md, "Replaying exactly"). */
	private VerifierRun verifierRun(JsonNode.Obj x) throws WorkloadException {
		JsonNode format = x.get("format");
		if (format == null || integer(format, 1, Integer.MAX_VALUE) != 1) {
			throw error(format == null ? x : format, "this simulator reads format 1 of the " + VERIFIER_EXTENSION
					+ " extension");
		}
		String policy = string(required(x, "policy"));
		int cores = (int) integer(required(x, "cores"), 1, 4096);
		int threads = (int) integer(required(x, "threads"), 0, 1 << 20);
		long stepNs = integer(required(x, "step_us"), 1, Long.MAX_VALUE / 1000 / (1 << 20)) * 1000;
		Map<String, Long> params = new LinkedHashMap<>();
		JsonNode paramsNode = x.get("params");
		if (paramsNode != null) {
			for (Map.Entry<String, JsonNode> p : object(paramsNode, "params").entries()) {
				params.put(p.getKey(), integer(p.getValue(), Long.MIN_VALUE, Long.MAX_VALUE));
			}
		}
		JsonNode eventsNode = required(x, "events");
		if (!(eventsNode instanceof JsonNode.Arr events)) {
			throw error(eventsNode, "expected a list of events");
		}
		List<VerifierRun.Event> out = new ArrayList<>();
		int created = 0;
		for (JsonNode item : events.items()) {
			JsonNode.Obj ev = object(item, "an event");
			String kind = string(required(ev, "event"));
			if (!VERIFIER_EVENTS.contains(kind)) {
				throw error(ev.get("event"), "unknown event '" + kind + "' (events: " + String.join(", ",
						new java.util.TreeSet<>(VERIFIER_EVENTS)) + ")");
			}
			long now = integer(required(ev, "now"), 0, Long.MAX_VALUE);
			int core = kind.equals("advance") ? -1 : (int) integer(required(ev, "core"), 0, cores - 1);
			int thread = -1;
			if (kind.equals("new") || kind.equals("unblock")) {
				JsonNode t = required(ev, "thread");
				String name = string(t);
				if (!name.matches("t[0-9]{1,7}")) {
					throw error(t, "expected a thread name t0, t1, ...");
				}
				thread = Integer.parseInt(name.substring(1));
				if (kind.equals("new") && thread != created++) {
					throw error(t, "creations name t0, t1, ... in order: expected t" + (created - 1));
				}
				if (thread >= threads || (kind.equals("unblock") && thread >= created)) {
					throw error(t, "t" + thread + " is not a thread of this run yet");
				}
			}
			out.add(new VerifierRun.Event(kind, now, core, thread));
		}
		return new VerifierRun(policy, cores, threads, params, stepNs, out);
	}

	private JsonNode required(JsonNode.Obj o, String key) throws WorkloadException {
		JsonNode v = o.get(key);
		if (v == null) {
			throw error(o, "missing \"" + key + "\"");
		}
		return v;
	}

	private int condition(String name) {
		return conditions.computeIfAbsent(name, k -> conditions.size());
	}

	private int mutex(String name) {
		return mutexes.computeIfAbsent(name, k -> mutexes.size());
	}

	/**
	 * rt-app's {@code wait} ({@code pthread_cond_wait}): with a {@code "mutex"}, release it, wait for
	 * the condition, then take the mutex again before going on. The release and the wait happen at one
	 * instant, so no signal can fall between them.
	 */
	private void await(JsonNode v, ProgramBuilder out) throws WorkloadException {
		int cond = condition("cond:" + ref(v));
		JsonNode m = ((JsonNode.Obj) v).get("mutex");
		if (m == null) {
			out.add(Op.WAIT, cond, 0);
			return;
		}
		int id = mutex(string(m));
		out.add(Op.UNLOCK, id, 1);
		out.add(Op.WAIT, cond, 0);
		out.add(Op.LOCK, id, 0);
	}

	private String ref(JsonNode v) throws WorkloadException {
		JsonNode.Obj o = object(v, "{\"ref\": ..., \"mutex\": ...}");
		JsonNode ref = o.get("ref");
		if (ref == null) {
			throw error(o, "missing \"ref\"");
		}
		return string(ref);
	}

	private String refOrString(JsonNode v) throws WorkloadException {
		return v instanceof JsonNode.Obj ? ref(v) : string(v);
	}

	// ------------------------------------------------------------------ values

	private long loopCount(JsonNode v) throws WorkloadException {
		long n = integer(v, -1, Long.MAX_VALUE);
		if (n == 0) {
			throw error(v, "loop must be -1 (forever) or a positive count");
		}
		return n;
	}

	/** Keys of a task or phase that are settings, not events: each may appear once. */
	private static final Set<String> SETTINGS = Set.of("instance", "loop", "delay", "phases", "dl-deadline", EXTENSION,
			"priority", "policy", "cpus", "dl-runtime", "dl-period", "nodes_membind", "taskgroup", "util_min", "util_max");

	private JsonNode.Obj object(JsonNode v, String what) throws WorkloadException {
		if (v instanceof JsonNode.Obj o) {
			// repeated keys mean repeated events (workgen's convention); anywhere else only the last would
			// count, silently: an error. Tasks have their own message; phases may repeat names (they all run).
			boolean events = what.equals("a task") || what.equals("a phase");
			if (!what.equals("tasks") && !what.equals("phases")) {
				Map<String, JsonNode> seen = new java.util.HashMap<>();
				for (Map.Entry<String, JsonNode> e : o.entries()) {
					if ((!events || SETTINGS.contains(e.getKey())) && seen.putIfAbsent(e.getKey(), e.getValue()) != null) {
						JsonNode first = seen.get(e.getKey());
						throw error(e.getValue(), "duplicate key \"" + e.getKey() + "\" (first at line " + first.line()
								+ ", column " + first.column() + "): only one would count");
					}
				}
			}
			return o;
		}
		throw error(v, "expected " + what + " (a JSON object), found " + v.describe());
	}

	private String string(JsonNode v) throws WorkloadException {
		if (v instanceof JsonNode.Str s) {
			return s.value();
		}
		throw error(v, "expected a string, found " + v.describe());
	}

	private double number(JsonNode v) throws WorkloadException {
		if (v instanceof JsonNode.Num n) {
			return n.value();
		}
		throw error(v, "expected a number, found " + v.describe());
	}

	private long integer(JsonNode v, long min, long max) throws WorkloadException {
		if (!(v instanceof JsonNode.Num n) || !n.integral()) {
			throw error(v, "expected an integer, found " + (v instanceof JsonNode.Num n2 ? n2.value() : v.describe()));
		}
		if (n.longValue() < min || n.longValue() > max) {
			throw error(v, n.text() + " is out of range [" + min + ", " + max + "]");
		}
		return n.longValue();
	}

	private WorkloadException error(JsonNode at, String message) {
		if (at == null) {
			return new WorkloadException(file, 1, 1, message);
		}
		return new WorkloadException(file, at.line(), at.column(), JsonTreeReader.shortPath(at.path()) + ": " + message);
	}

	private void warn(JsonNode at, String message) {
		warnings.add(file + ":" + at.line() + ":" + at.column() + ": warning: " + JsonTreeReader.shortPath(at.path()) + ": "
				+ message);
	}

	/** Unique timer ids are per task while reading; the engine numbers them after the shared ones. */
	static int resolveTimer(long id, int sharedTimers) {
		return id >= 0 ? (int) id : sharedTimers + (int) (-1 - id);
	}
}
