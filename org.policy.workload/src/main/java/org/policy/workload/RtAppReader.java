package org.policy.workload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an rt-app workload file (rt-app's doc/tutorial.txt) into an {@link RtAppFile}; docs/workloads.md
 * says what each key means. Durations are in µs as in rt-app. What the model does not carry
 * (logging, memory and I/O events, a phase's scheduling parameters, ...) is ignored with a warning; what is wrong is
 * an error naming file, line, column and JSON path.
 *
 * <p>Extensions live under {@code "policy-sim"} keys, which rt-app ignores, so one file drives both:
 * a global seed, duration distributions per phase or task, Poisson arrivals and deadlines per task. The
 * {@code "policy-verifier"} key holds a counterexample's exact run ({@link VerifierRun}).
 */
public final class RtAppReader {
	public static final String EXTENSION = "policy-sim";
	/** The verifier's extension: the exact run of a counterexample (org.policy.verifier writes it). */
	public static final String VERIFIER_EXTENSION = "policy-verifier";

	private static final Set<String> IGNORED_GLOBAL = Set.of("pi_enabled", "lock_pages", "logdir", "log_basename",
			"log_size", "ftrace", "gnuplot", "io_device", "mem_buffer_size", "cumulative_slack");
	private static final Set<String> IGNORED_TASK = Set.of("nodes_membind", "util_min", "util_max");
	/** A phase's scheduling keys: rt-app changes the thread's class or parameters there; not simulated. */
	private static final Set<String> PHASE_SCHED = Set.of("policy", "priority", "dl-runtime", "dl-period", "dl-deadline",
			"util_min", "util_max");
	/** Keys of a task or phase that are settings, not events: each may appear once. */
	private static final Set<String> SETTINGS = Set.of("instance", "loop", "delay", "phases", "dl-deadline", EXTENSION,
			"priority", "policy", "cpus", "dl-runtime", "dl-period", "nodes_membind", "taskgroup", "util_min", "util_max");

	private final String file;
	private final List<String> warnings = new ArrayList<>();
	private Set<String> taskNames;
	private long totalInstances;
	/** The class of a task without its own {@code policy}: {@code global.default_policy}, else SCHED_OTHER. */
	private SchedParams.Policy defaultPolicy = SchedParams.Policy.OTHER;
	/** The global extension's group weights by path, where they are written (for the unused-group warning). */
	private final Map<String, JsonNode> groupWeightNodes = new LinkedHashMap<>();

	private RtAppReader(String file) {
		this.file = file;
	}

	/**
	 * @param file the file's name for messages and reports
	 * @throws WorkloadException naming file:line:col and the JSON path of the first problem
	 */
	public static RtAppFile read(String file, Reader in) throws WorkloadException, IOException {
		return new RtAppReader(file).read(JsonTreeReader.read(file, in));
	}

	private RtAppFile read(JsonNode rootNode) throws WorkloadException {
		JsonNode.Obj root = object(rootNode, "the workload");
		RtAppFile.Global global = RtAppFile.Global.DEFAULT;
		JsonNode globalNode = root.get("global");
		if (globalNode != null) {
			global = global(object(globalNode, "global"));
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
		taskNames = new LinkedHashSet<>();
		for (Map.Entry<String, JsonNode> e : tasks.entries()) {
			if (!taskNames.add(e.getKey())) {
				throw error(e.getValue(), "task '" + e.getKey() + "' is defined twice");
			}
		}
		List<RtAppTask> out = new ArrayList<>();
		for (Map.Entry<String, JsonNode> e : tasks.entries()) {
			out.add(task(e.getKey(), object(e.getValue(), "a task")));
		}
		for (Map.Entry<String, JsonNode> g : groupWeightNodes.entrySet()) {
			if (out.stream().noneMatch(t -> g.getKey().equals(t.taskgroup()))) {
				warn(g.getValue(), "ignored: no task has taskgroup \"" + g.getKey() + "\"");
			}
		}
		return new RtAppFile(file, global, out, verifierRun, warnings);
	}

	private RtAppFile.Global global(JsonNode.Obj global) throws WorkloadException {
		long durationSeconds = -1;
		String defaultPolicy = null;
		String calibration = null;
		Long seed = null;
		Map<String, Integer> groupWeights = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : global.entries()) {
			String key = e.getKey();
			JsonNode v = e.getValue();
			switch (key) {
				case "duration" -> {
					durationSeconds = integer(v, -1, Long.MAX_VALUE / 1_000_000_000L);
					if (durationSeconds == 0) {
						throw error(v, "duration must be -1 (until every thread exits) or a number of seconds > 0");
					}
				}
				case "default_policy" -> {
					this.defaultPolicy = policy(v);
					defaultPolicy = this.defaultPolicy.rtAppName();
					if (!this.defaultPolicy.simulated()) {
						warn(v, "ignored: " + defaultPolicy + " is not simulated; threads of tasks without a policy of"
								+ " their own get the default inputs (nice 0)");
					}
				}
				case "calibration" -> {
					// a CPU name or ns per loop: kept (as text) so that a file written back calibrates as before
					calibration = v instanceof JsonNode.Str s ? s.value() : v instanceof JsonNode.Num n ? n.text() : null;
					warn(v, "ignored: it has no meaning in a simulation");
				}
				case EXTENSION -> seed = globalExtension(object(v, "the extension"), groupWeights);
				default -> warn(v, IGNORED_GLOBAL.contains(key) ? "ignored: it has no meaning in a simulation"
						: "unknown global key, ignored");
			}
		}
		return new RtAppFile.Global(durationSeconds, defaultPolicy, calibration, seed, groupWeights);
	}

	/** The global extension: its seed (returned) and its {@code groups}' cpu.weights (into {@code groupWeights}). */
	private Long globalExtension(JsonNode.Obj ext, Map<String, Integer> groupWeights) throws WorkloadException {
		Long seed = null;
		for (Map.Entry<String, JsonNode> e : ext.entries()) {
			switch (e.getKey()) {
				case "seed" -> seed = integer(e.getValue(), Long.MIN_VALUE, Long.MAX_VALUE);
				case "groups" -> {
					for (Map.Entry<String, JsonNode> g : object(e.getValue(), "groups").entries()) {
						String path = g.getKey();
						JsonNode w = g.getValue();
						if (!RtAppTask.isGroupPath(path)) {
							throw error(w, "'" + path + "' is not a task group's path: a taskgroup is a cgroup path such as"
									+ " \"/tg1\"");
						}
						if (path.equals(RtAppTask.ROOT_GROUP)) {
							throw error(w, "the root group has no cpu.weight of its own: name a task group such as \"/tg1\"");
						}
						if (!(w instanceof JsonNode.Num n) || !n.integral()) {
							throw error(w, "a group's cpu.weight is an integer, " + RtAppFile.MIN_GROUP_WEIGHT + " to "
									+ RtAppFile.MAX_GROUP_WEIGHT + ", found " + w.describe());
						}
						long weight = n.longValue();
						if (weight < RtAppFile.MIN_GROUP_WEIGHT || weight > RtAppFile.MAX_GROUP_WEIGHT) {
							throw error(w, "cpu.weight " + n.text() + " is out of range: it is " + RtAppFile.MIN_GROUP_WEIGHT
									+ " to " + RtAppFile.MAX_GROUP_WEIGHT + " (default " + RtAppFile.DEFAULT_GROUP_WEIGHT + ")");
						}
						groupWeights.put(path, (int) weight);
						groupWeightNodes.put(path, w);
					}
				}
				default -> throw error(e.getValue(), "unknown key of the " + EXTENSION
						+ " extension (global has: seed, groups)");
			}
		}
		return seed;
	}

	// ------------------------------------------------------------------ tasks

	private RtAppTask task(String name, JsonNode.Obj task) throws WorkloadException {
		int instances = 1;
		long loops = -1;
		long delayUs = 0;
		long deadlineUs = -1;
		JsonNode policyNode = null;
		JsonNode priorityNode = null;
		JsonNode dlRuntimeNode = null;
		JsonNode dlPeriodNode = null;
		JsonNode dlDeadlineNode = null;
		String taskgroup = null;
		Cpus cpus = null;
		Arrivals arrivals = null;
		Map<String, Distribution> distributions = Map.of();
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
				case "delay" -> delayUs = integer(v, 0, Long.MAX_VALUE / 1000);
				case "phases" -> phases = v;
				case "policy" -> policyNode = v;
				case "priority" -> priorityNode = v;
				case "dl-runtime" -> dlRuntimeNode = v;
				case "dl-period" -> dlPeriodNode = v;
				case "dl-deadline" -> dlDeadlineNode = v;
				case "cpus" -> cpus = cpus(v);
				case "taskgroup" -> {
					taskgroup = string(v);
					if (!RtAppTask.isGroupPath(taskgroup)) {
						throw error(v, "a taskgroup is a cgroup path such as \"/tg1\" (\"/\": the root group), not '"
								+ taskgroup + "'");
					}
				}
				case EXTENSION -> {
					JsonNode.Obj ext = object(v, "the extension");
					for (Map.Entry<String, JsonNode> x : ext.entries()) {
						switch (x.getKey()) {
							case "arrivals" -> arrivals = arrivals(object(x.getValue(), "arrivals"));
							case "deadline" -> deadlineUs = integer(x.getValue(), 1, Long.MAX_VALUE / 1000);
							case "distribution" -> distributions = distributions(object(x.getValue(), "distribution"));
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
		SchedParams sched = sched(task, policyNode, priorityNode, dlRuntimeNode, dlPeriodNode, dlDeadlineNode);
		if (deadlineUs < 0 && dlDeadlineNode != null && sched.policy() != SchedParams.Policy.DEADLINE) {
			// not a SCHED_DEADLINE task (rt-app ignores it then): only the deadline-miss metric uses it
			deadlineUs = integer(dlDeadlineNode, 1, Long.MAX_VALUE / 1000);
		}
		List<RtAppPhase> out = new ArrayList<>();
		if (phases != null) {
			if (!inlineEvents.isEmpty()) {
				throw error(inlineEvents.get(0).getValue(), "a task with \"phases\" cannot also have events of its own");
			}
			JsonNode.Obj phaseObj = object(phases, "phases");
			if (phaseObj.entries().isEmpty()) {
				throw error(phaseObj, "no phases");
			}
			for (Map.Entry<String, JsonNode> p : phaseObj.entries()) {
				out.add(phase(name, p.getKey(), object(p.getValue(), "a phase").entries()));
			}
		} else {
			if (inlineEvents.isEmpty()) {
				throw error(task, "task '" + name + "' has no events (run, sleep, timer, ...) and no phases");
			}
			out.add(phase(name, null, inlineEvents));
		}
		return new RtAppTask(name, instances, loops, delayUs, deadlineUs, arrivals, distributions, out,
				file + ":" + task.line() + ":" + task.column() + ": " + JsonTreeReader.shortPath(task.path()), sched,
				taskgroup, cpus);
	}

	/**
	 * rt-app's {@code cpus}: an array of CPU numbers (doc/tutorial.txt, "CPUs affinity"). Order and repeats do
	 * not matter (it is a set, as rt-app's CPU_SET builds it); an empty list is an error, since
	 * sched_setaffinity() refuses it. Whether the CPUs exist depends on the machine, which the simulator
	 * checks ({@link Cpus}).
	 */
	private Cpus cpus(JsonNode v) throws WorkloadException {
		if (!(v instanceof JsonNode.Arr list)) {
			throw error(v, "expected an array of CPU numbers such as [0, 2], found " + v.describe());
		}
		if (list.items().isEmpty()) {
			throw error(v, "an empty CPU list allows no CPU (sched_setaffinity() refuses it): list at least one, such"
					+ " as [0]");
		}
		java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
		for (JsonNode item : list.items()) {
			if (!(item instanceof JsonNode.Num n) || !n.integral()) {
				throw error(item, "a CPU number is an integer, found " + (item instanceof JsonNode.Num n2 ? n2.text()
						: item.describe()));
			}
			if (n.longValue() < 0) {
				throw error(item, "CPU " + n.text() + " is negative: CPUs are numbered from 0");
			}
			if (n.longValue() > Cpus.MAX_CPU) {
				throw error(item, "CPU " + n.text() + " is beyond the CPUs Linux numbers (0 to " + Cpus.MAX_CPU + ")");
			}
			set.add((int) n.longValue());
		}
		return new Cpus(new ArrayList<>(set), file + ":" + v.line() + ":" + v.column(), JsonTreeReader.shortPath(v.path()));
	}

	/** A policy name: one of rt-app's, else an error (rt-app refuses it too). */
	private SchedParams.Policy policy(JsonNode v) throws WorkloadException {
		String name = string(v);
		SchedParams.Policy p = SchedParams.Policy.of(name);
		if (p == null) {
			throw error(v, "unknown policy '" + name + "' (rt-app's: SCHED_OTHER, SCHED_IDLE, SCHED_FIFO, SCHED_RR,"
					+ " SCHED_DEADLINE)");
		}
		return p;
	}

	/**
	 * A task's scheduling parameters (docs/workloads.md, "Scheduling parameters"), as rt-app reads them: the
	 * class is the task's {@code policy}, else {@code default_policy}; a SCHED_OTHER task's {@code priority}
	 * is its nice value; a SCHED_DEADLINE task's {@code dl-period} defaults to its {@code dl-runtime} and its
	 * {@code dl-deadline} to its period, and they must satisfy sched_setattr()'s 0 < runtime <= deadline <=
	 * period.
	 */
	private SchedParams sched(JsonNode.Obj task, JsonNode policyNode, JsonNode priorityNode, JsonNode dlRuntimeNode,
			JsonNode dlPeriodNode, JsonNode dlDeadlineNode) throws WorkloadException {
		SchedParams.Policy policy = policyNode == null ? defaultPolicy : policy(policyNode);
		String name = policy.rtAppName();
		if (policy != SchedParams.Policy.DEADLINE) {
			for (JsonNode dl : new JsonNode[] { dlRuntimeNode, dlPeriodNode }) {
				if (dl != null) {
					warn(dl, "ignored: only a SCHED_DEADLINE task has a runtime and a period (this task is " + name + ")");
				}
			}
		}
		switch (policy) {
			case OTHER -> {
				if (priorityNode == null) {
					return SchedParams.DEFAULT;
				}
				long nice = integer(priorityNode, Long.MIN_VALUE, Long.MAX_VALUE);
				if (nice < SchedParams.MIN_NICE || nice > SchedParams.MAX_NICE) {
					throw error(priorityNode, "the priority of a SCHED_OTHER task is its nice value, " + SchedParams.MIN_NICE
							+ " to " + SchedParams.MAX_NICE + ": " + nice + " is out of range");
				}
				return SchedParams.nice((int) nice);
			}
			case DEADLINE -> {
				if (priorityNode != null) {
					warn(priorityNode, "ignored: a SCHED_DEADLINE task has no priority (its runtime, deadline and period"
							+ " are its parameters)");
				}
				if (dlRuntimeNode == null) {
					throw error(policyNode != null ? policyNode : task, "a SCHED_DEADLINE task needs \"dl-runtime\" (µs, > 0)");
				}
				long runtime = dlTime(dlRuntimeNode);
				long period = dlPeriodNode == null ? runtime : dlTime(dlPeriodNode);
				long deadline = dlDeadlineNode == null ? period : dlTime(dlDeadlineNode);
				String rule = ": sched_setattr() needs 0 < runtime <= deadline <= period (runtime " + runtime
						+ " us, deadline " + deadline + " us" + (dlDeadlineNode == null ? " (its period's)" : "") + ", period "
						+ period + " us" + (dlPeriodNode == null ? " (dl-period defaults to dl-runtime)" : "") + ")";
				if (runtime > deadline) {
					JsonNode at = dlDeadlineNode != null ? dlDeadlineNode : dlPeriodNode;
					throw error(at, "the deadline is shorter than the runtime" + rule);
				}
				if (deadline > period) {
					throw error(dlPeriodNode != null ? dlPeriodNode : dlDeadlineNode, "the period is shorter than the"
							+ " deadline" + rule);
				}
				return SchedParams.deadline(runtime, deadline, period);
			}
			default -> {
				if (policyNode != null) {
					warn(policyNode, "ignored: " + name + " is not simulated; the task's threads get the default inputs"
							+ " (nice 0)");
				}
				if (priorityNode != null) {
					warn(priorityNode, "ignored: the priority of a " + name + " task (" + name + " is not simulated)");
				}
				return SchedParams.unsimulated(policy);
			}
		}
	}

	/** A dl-* time in µs: positive, and its ns fit in a long. */
	private long dlTime(JsonNode v) throws WorkloadException {
		return integer(v, 1, SchedParams.MAX_DL_US);
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

	private Map<String, Distribution> distributions(JsonNode.Obj obj) throws WorkloadException {
		Map<String, Distribution> byEvent = new LinkedHashMap<>();
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
			byEvent.put(event, new Distribution(kind, spread));
		}
		return byEvent;
	}

	// ------------------------------------------------------------------ phases and events

	/** A phase; {@code name} null for a task's inline events (whose {@code loop} is the task's). */
	private RtAppPhase phase(String task, String name, List<Map.Entry<String, JsonNode>> entries)
			throws WorkloadException {
		long loops = 1;
		Map<String, Distribution> distributions = Map.of();
		Cpus cpus = null;
		for (Map.Entry<String, JsonNode> e : entries) {
			if (e.getKey().equals("loop")) {
				loops = loopCount(e.getValue());
			} else if (e.getKey().equals("cpus")) {
				// a task's inline events never include its cpus: task() reads them as the task's setting
				cpus = cpus(e.getValue());
			} else if (e.getKey().equals(EXTENSION)) {
				JsonNode.Obj ext = object(e.getValue(), "the extension");
				for (Map.Entry<String, JsonNode> x : ext.entries()) {
					if (!x.getKey().equals("distribution")) {
						throw error(x.getValue(), "unknown key of the " + EXTENSION + " extension (a phase has: distribution)");
					}
					distributions = distributions(object(x.getValue(), "distribution"));
				}
			}
		}
		List<Step> steps = new ArrayList<>();
		for (Map.Entry<String, JsonNode> e : entries) {
			String key = e.getKey();
			if (key.equals("loop") || key.equals(EXTENSION) || key.equals("cpus")) {
				continue;
			}
			if (key.equals("nodes_membind")) {
				warn(e.getValue(), "ignored: the simulated policy alone decides where threads run");
				continue;
			}
			if (name != null && key.equals("taskgroup")) {
				warn(e.getValue(), "ignored: a phase's taskgroup is not simulated (the task's holds for the whole thread)");
				continue;
			}
			if (name != null && PHASE_SCHED.contains(key)) {
				warn(e.getValue(), "ignored: a phase's scheduling parameters are not simulated (the task's hold for the"
						+ " whole thread)");
				continue;
			}
			Step step = step(task, stripIndex(key), e.getValue());
			if (step != null) {
				steps.add(step);
			}
		}
		if (steps.isEmpty()) {
			throw error(entries.isEmpty() ? null : entries.get(0).getValue(), "a phase of task '" + task + "' has no events");
		}
		return new RtAppPhase(name, loops, distributions, steps, cpus);
	}

	/** rt-app's workgen makes repeated keys unique by appending digits ("run0", "run1"): drop them. */
	private static String stripIndex(String key) {
		int end = key.length();
		while (end > 0 && Character.isDigit(key.charAt(end - 1))) {
			end--;
		}
		return key.substring(0, end);
	}

	/** One event, or null for an event that is ignored (with a warning). */
	private Step step(String task, String key, JsonNode v) throws WorkloadException {
		StepKind kind = StepKind.of(key);
		if (kind == null) {
			warn(v, key.equals("mem") || key.equals("iorun") ? "ignored: memory and I/O traffic are not simulated"
					: "unknown event '" + key + "', ignored");
			return null;
		}
		return switch (kind) {
			case RUN -> new Step.Run(integer(v, 0, Long.MAX_VALUE / 1000));
			case RUNTIME -> new Step.Runtime(integer(v, 0, Long.MAX_VALUE / 1000));
			case SLEEP -> new Step.Sleep(integer(v, 0, Long.MAX_VALUE / 1000));
			case TIMER -> timer(v);
			case YIELD -> new Step.Yield();
			case FORK -> {
				String target = string(v);
				if (!taskNames.contains(target)) {
					throw error(v, "fork of unknown task '" + target + "' (tasks: " + String.join(", ", taskNames) + ")");
				}
				yield new Step.Fork(target);
			}
			case BARRIER -> new Step.Barrier(string(v));
			case SUSPEND -> new Step.Suspend(string(v));
			case RESUME -> new Step.Resume(string(v));
			case WAIT -> new Step.Wait(ref(v), mutexOf(v));
			case SIGNAL -> new Step.Signal(refOrString(v));
			case BROAD -> new Step.Broad(refOrString(v));
			case SYNC -> new Step.Sync(ref(v), mutexOf(v));
			case LOCK -> new Step.Lock(string(v));
			case UNLOCK -> new Step.Unlock(string(v));
		};
	}

	private Step.Timer timer(JsonNode v) throws WorkloadException {
		JsonNode.Obj t = object(v, "a timer ({\"ref\": ..., \"period\": ...})");
		String ref = null;
		long periodUs = -1;
		boolean absolute = false;
		for (Map.Entry<String, JsonNode> e : t.entries()) {
			switch (e.getKey()) {
				case "ref" -> ref = string(e.getValue());
				case "period" -> periodUs = integer(e.getValue(), 1, Limits.MAX_TIMER_PERIOD_US);
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
		return new Step.Timer(ref, periodUs, absolute);
	}

	/** The exact run of a verifier counterexample (docs/verification.md, "Replaying exactly"). */
	private VerifierRun verifierRun(JsonNode.Obj x) throws WorkloadException {
		JsonNode format = x.get("format");
		long version = format == null ? -1 : integer(format, 1, Integer.MAX_VALUE);
		if (version == 1) {
			throw error(format, "format 1 of the " + VERIFIER_EXTENSION + " extension was written when every core"
					+ " settled after every event; cores now reschedule on their own (docs/semantics.md, \"Concurrency\"),"
					+ " so this run does not replay: run policy verify again for a format " + VerifierRun.FORMAT + " file");
		}
		if (version != VerifierRun.FORMAT) {
			throw error(format == null ? x : format, "this simulator reads format " + VerifierRun.FORMAT + " of the "
					+ VERIFIER_EXTENSION + " extension");
		}
		String policy = string(required(x, "policy"));
		JsonNode propertyNode = x.get("property");
		String property = propertyNode == null ? null : string(propertyNode);
		int cores = (int) integer(required(x, "cores"), 1, 4096);
		// checked against the machine by the replayer, which knows topologies
		JsonNode topologyNode = x.get("topology");
		String topology = topologyNode == null ? VerifierRun.FLAT : string(topologyNode);
		int threads = (int) integer(required(x, "threads"), 0, 1 << 20);
		long stepUs = integer(required(x, "step_us"), 1, Long.MAX_VALUE / 1000 / (1 << 20));
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
			if (!VerifierRun.EVENTS.contains(kind)) {
				throw error(ev.get("event"), "unknown event '" + kind + "' (events: " + String.join(", ", VerifierRun.EVENTS)
						+ ")");
			}
			JsonNode stepNode = ev.get("step");
			int step = stepNode == null ? out.size() + 1 : (int) integer(stepNode, 1, Integer.MAX_VALUE);
			long now = integer(required(ev, "now"), 0, Long.MAX_VALUE);
			int core = kind.equals("advance") ? -1 : (int) integer(required(ev, "core"), 0, cores - 1);
			JsonNode byNode = ev.get("by");
			long by = byNode == null ? 0 : integer(byNode, 0, Long.MAX_VALUE);
			int thread = -1;
			JsonNode t = ev.get("thread");
			if (t == null && (kind.equals("new") || kind.equals("unblock"))) {
				t = required(ev, "thread");
			}
			if (t != null) {
				thread = threadNumber(t);
				if (kind.equals("new") && thread != created++) {
					throw error(t, "creations name t0, t1, ... in order: expected t" + (created - 1));
				}
				if (thread >= threads || (kind.equals("unblock") && thread >= created)) {
					throw error(t, "t" + thread + " is not a thread of this run yet");
				}
			}
			out.add(new VerifierRun.Event(step, kind, now, core, thread, by));
		}
		VerifierRun.Outcome outcome = null;
		for (String key : List.of("violation", "fault")) {
			JsonNode o = x.get(key);
			if (o != null) {
				outcome = outcome(object(o, "the " + key), key.equals("fault"));
			}
		}
		return new VerifierRun(policy, property, cores, threads, params, stepUs, out, outcome, topology);
	}

	private int threadNumber(JsonNode t) throws WorkloadException {
		String name = string(t);
		if (!name.matches("t[0-9]{1,7}")) {
			throw error(t, "expected a thread name t0, t1, ...");
		}
		return Integer.parseInt(name.substring(1));
	}

	private VerifierRun.Outcome outcome(JsonNode.Obj o, boolean fault) throws WorkloadException {
		int afterStep = (int) integer(required(o, "after_step"), 0, Integer.MAX_VALUE);
		JsonNode idle = o.get("idle_core");
		int idleCore = idle == null ? -1 : (int) integer(idle, 0, 4095);
		String message = string(required(o, "message"));
		List<String> state = new ArrayList<>();
		JsonNode stateNode = o.get("state");
		if (stateNode != null) {
			if (!(stateNode instanceof JsonNode.Arr lines)) {
				throw error(stateNode, "expected a list of lines");
			}
			for (JsonNode line : lines.items()) {
				state.add(string(line));
			}
		}
		return new VerifierRun.Outcome(fault, afterStep, idleCore, message, state);
	}

	private JsonNode required(JsonNode.Obj o, String key) throws WorkloadException {
		JsonNode v = o.get(key);
		if (v == null) {
			throw error(o, "missing \"" + key + "\"");
		}
		return v;
	}

	private String ref(JsonNode v) throws WorkloadException {
		JsonNode.Obj o = object(v, "{\"ref\": ..., \"mutex\": ...}");
		JsonNode ref = o.get("ref");
		if (ref == null) {
			throw error(o, "missing \"ref\"");
		}
		return string(ref);
	}

	/** The {@code "mutex"} of a wait or sync object, or null. */
	private String mutexOf(JsonNode v) throws WorkloadException {
		JsonNode m = ((JsonNode.Obj) v).get("mutex");
		return m == null ? null : string(m);
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

	private JsonNode.Obj object(JsonNode v, String what) throws WorkloadException {
		if (v instanceof JsonNode.Obj o) {
			// repeated keys mean repeated events (workgen's convention); anywhere else only the last would
			// count, silently: an error. Tasks have their own message; phases may repeat names (they all run).
			boolean events = what.equals("a task") || what.equals("a phase");
			if (!what.equals("tasks") && !what.equals("phases")) {
				Map<String, JsonNode> seen = new HashMap<>();
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
}
