package org.policy.verifier.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.output.OutputException;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.verifier.Counterexample;
import org.policy.verifier.TraceStep;
import org.policy.workload.Cpus;
import org.policy.workload.RtAppFile;
import org.policy.workload.RtAppPhase;
import org.policy.workload.RtAppTask;
import org.policy.workload.RtAppWriter;
import org.policy.workload.SchedParams;
import org.policy.workload.Step;
import org.policy.workload.VerifierRun;

/**
 * A counterexample as an rt-app JSON workload (docs/verification.md, "Counterexample files").
 *
 * <p>The {@code tasks} part is standard rt-app: one task per thread, with run/sleep phases laid on a
 * timeline of one step per {@value #STEP_US} µs, so that rt-app (or a simulator that only reads rt-app)
 * gets a workload of the same shape. It is an approximation: rt-app's {@code run} is CPU time, which
 * stretches when threads share a core. Each task has its thread's inputs as rt-app scheduling
 * parameters ({@code priority} for a nice value, {@code policy: SCHED_DEADLINE} and {@code dl-*} for a
 * real-time thread; {@code taskgroup} {@code "/g<N>"} for a thread of group N, whose cpu.weight is in the
 * global {@code "policy-sim"} extension's {@code groups}; {@code cpus}, an array of CPU numbers, for a
 * thread that may not run on every core), which is also where an exact replay takes them from. The {@code "policy-verifier"}
 * extension carries the exact event sequence; a simulator that knows it replays the counterexample exactly. Same counterexample, same bytes.
 */
public final class RtAppWorkload {
	/** Wall-clock time given to each step on the rt-app timeline. */
	public static final long STEP_US = 1000;

	private RtAppWorkload() {
	}

	public static String render(Counterexample cx) {
		return RtAppWriter.text(model(cx));
	}

	/** The counterexample as an rt-app model: tasks on the step timeline, and the exact run. */
	public static RtAppFile model(Counterexample cx) {
		long endUs = (cx.steps().size() + 1) * STEP_US;
		List<RtAppTask> tasks = new ArrayList<>();
		Map<String, ThreadInputs> inputs = new TreeMap<>();
		Map<String, Integer> groupWeights = new TreeMap<>();
		for (TraceStep s : cx.steps()) {
			if (s.inputs() != null) {
				inputs.put("t" + s.thread(), s.inputs());
				String path = groupPath(s.inputs());
				if (path != null) {
					Integer before = groupWeights.put(path, s.inputs().groupWeight());
					if (before != null && before != s.inputs().groupWeight()) {
						throw new IllegalStateException("internal error: group " + s.inputs().group() + " has two weights");
					}
				}
			}
		}
		RtAppFile.Global global = new RtAppFile.Global(Math.max(1, (endUs + 999_999) / 1_000_000), "SCHED_OTHER", "CPU0",
				null, groupWeights);
		for (Map.Entry<String, List<long[]>> task : phases(cx).entrySet()) {
			List<long[]> timeline = task.getValue();
			List<RtAppPhase> phases = new ArrayList<>();
			for (int p = 1; p < timeline.size(); p++) {
				long us = timeline.get(p)[1];
				phases.add(RtAppPhase.of("p" + p, timeline.get(p)[0] == 0 ? new Step.Run(us) : new Step.Sleep(us)));
			}
			ThreadInputs in = inputs.get(task.getKey());
			tasks.add(new RtAppTask(task.getKey(), 1, 1, timeline.get(0)[1], -1, null, Map.of(), phases, null, sched(in),
					groupPath(in), cpusField(in, cx.cores())));
		}
		List<VerifierRun.Event> events = new ArrayList<>();
		for (TraceStep s : cx.steps()) {
			boolean advance = s.event().equals("advance");
			events.add(new VerifierRun.Event(s.number(), s.event(), s.now(), advance ? -1 : s.core(), s.thread(),
					advance ? s.delta() : 0));
		}
		// a fault of the initial state has no step: its state is the initial one
		List<String> state = cx.steps().isEmpty() ? cx.initialState() : cx.steps().get(cx.steps().size() - 1).state();
		VerifierRun.Outcome outcome = new VerifierRun.Outcome(cx.isFault(), cx.steps().size(),
				cx.isFault() ? -1 : cx.idleCore(), cx.isFault() ? cx.fault() : cx.verdict(), state);
		VerifierRun run = new VerifierRun(cx.policy(), cx.property().id(), cx.cores(), cx.threadsCreated(), cx.params(),
				STEP_US, events, outcome, cx.topology());
		RtAppFile file = new RtAppFile(cx.policy(), global, tasks, run, List.of());
		// a reader numbers groups by first appearance in the tasks: the replay must see the verifier's numbers
		for (RtAppTask t : tasks) {
			ThreadInputs in = inputs.get(t.name());
			if (in != null && file.groupNumber(t) != in.group()) {
				throw new IllegalStateException("internal error: group " + in.group() + " of " + t.name()
						+ " would read back as group " + file.groupNumber(t) + " (groups are numbered by first appearance)");
			}
		}
		return file;
	}

	/**
	 * A thread's group as rt-app's {@code taskgroup}: {@code "/g<N>"} for group N, null for the root group
	 * (whose weight must be the default: a cgroup file cannot give the root another).
	 */
	public static String groupPath(ThreadInputs in) {
		if (in == null || in.group() == ThreadInputs.ROOT_GROUP) {
			if (in != null && in.groupWeight() != ThreadInputs.DEFAULT_GROUP_WEIGHT) {
				throw new IllegalStateException("internal error: a root group of cpu.weight " + in.groupWeight()
						+ " has no rt-app form");
			}
			return null;
		}
		return "/g" + in.group();
	}

	/**
	 * Per thread (by name, in creation order): first {delay, start µs}, then {0 = run | 1 = sleep, µs}.
	 * A thread is running or waiting (run) from its creation to its block, sleeping until its unblock, and
	 * so on; a thread that never terminates runs until one step after the last.
	 */
	private static Map<String, List<long[]>> phases(Counterexample cx) {
		Map<String, List<long[]>> result = new TreeMap<>((a, b) -> Integer.compare(number(a), number(b)));
		Map<String, Long> since = new TreeMap<>();
		Map<String, Boolean> asleep = new TreeMap<>();
		for (TraceStep s : cx.steps()) {
			long at = s.number() * STEP_US;
			String t = "t" + s.thread();
			switch (s.event()) {
				case "new" -> {
					List<long[]> list = new ArrayList<>();
					list.add(new long[] { -1, at });
					result.put(t, list);
					since.put(t, at);
					asleep.put(t, false);
				}
				case "block" -> {
					result.get(t).add(new long[] { 0, at - since.get(t) });
					since.put(t, at);
					asleep.put(t, true);
				}
				case "unblock" -> {
					result.get(t).add(new long[] { 1, at - since.get(t) });
					since.put(t, at);
					asleep.put(t, false);
				}
				case "terminate" -> {
					result.get(t).add(new long[] { 0, at - since.get(t) });
					since.remove(t);
				}
				default -> {
				}
			}
		}
		long end = (cx.steps().size() + 1) * STEP_US;
		for (Map.Entry<String, Long> open : since.entrySet()) {
			String t = open.getKey();
			result.get(t).add(new long[] { asleep.get(t) ? 1 : 0, end - open.getValue() });
		}
		return result;
	}

	/**
	 * A thread's inputs as rt-app's scheduling parameters, as the simulator reads them back
	 * (RtAppFlattener.inputs): SCHED_DEADLINE with dl-* in µs, else SCHED_OTHER with priority = nice.
	 */
	public static SchedParams sched(ThreadInputs in) {
		if (in == null) {
			return SchedParams.DEFAULT;
		}
		if (in.runtime() > 0) {
			if (in.nice() != 0 || in.runtime() % 1000 != 0 || in.deadline() % 1000 != 0 || in.period() % 1000 != 0) {
				throw new IllegalStateException("internal error: inputs " + in + " have no rt-app form");
			}
			return SchedParams.deadline(in.runtime() / 1000, in.deadline() / 1000, in.period() / 1000);
		}
		return SchedParams.nice(in.nice());
	}

	/** The task's {@code cpus}: null (no key, every CPU) unless the thread's affinity is restricted. */
	private static Cpus cpusField(ThreadInputs in, int cores) {
		List<Integer> cpus = cpus(in, cores);
		return cpus.isEmpty() ? null : new Cpus(cpus, null, null);
	}

	/**
	 * A thread's affinity as rt-app's {@code cpus}: the cores it may run on, of a machine of {@code cores};
	 * empty (no key: every CPU) for a thread that may run on all of them.
	 */
	public static List<Integer> cpus(ThreadInputs in, int cores) {
		if (in == null || in.affinity().allowsEveryCoreBelow(cores)) {
			return List.of();
		}
		List<Integer> cpus = new ArrayList<>();
		for (int c = 0; c < cores; c++) {
			if (in.affinity().allows(c)) {
				cpus.add(c);
			}
		}
		return cpus;
	}

	private static int number(String thread) {
		return Integer.parseInt(thread.substring(1));
	}

	/**
	 * Writes the file whole or not at all (see {@link AtomicOutput}).
	 *
	 * @throws OutputException when it cannot be written, naming it as "output"
	 */
	public static void write(Counterexample cx, Path file) {
		try (AtomicOutput out = AtomicOutput.file("output", file)) {
			write(cx, out);
		}
	}

	/** Writes into an output the caller opened, and checked, before the search. */
	public static void write(Counterexample cx, AtomicOutput out) {
		out.write(staging -> Files.writeString(staging, render(cx), StandardCharsets.UTF_8));
	}
}
