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
import org.policy.verifier.Counterexample;
import org.policy.verifier.TraceStep;

/**
 * A counterexample as an rt-app JSON workload (docs/verification.md, "Counterexample files").
 *
 * <p>The {@code tasks} part is standard rt-app: one task per thread, with run/sleep phases laid on a
 * timeline of one step per {@value #STEP_US} µs, so that rt-app (or a simulator that only reads rt-app)
 * gets a workload of the same shape. It is an approximation: rt-app's {@code run} is CPU time, which
 * stretches when threads share a core. The {@code "policy-verifier"} extension carries the exact event
 * sequence; a simulator that knows it replays the counterexample exactly. Same counterexample, same bytes.
 */
public final class RtAppWorkload {
	/** Wall-clock time given to each step on the rt-app timeline. */
	public static final long STEP_US = 1000;
	/** Version of the {@code "policy-verifier"} extension. */
	public static final int FORMAT = 1;

	private RtAppWorkload() {
	}

	public static String render(Counterexample cx) {
		Json j = new Json();
		j.open();
		j.key("global").open();
		long endUs = (cx.steps().size() + 1) * STEP_US;
		j.key("duration").number(Math.max(1, (endUs + 999_999) / 1_000_000));
		j.key("default_policy").string("SCHED_OTHER");
		j.key("calibration").string("CPU0");
		j.close();
		j.key("tasks").open();
		for (Map.Entry<String, List<long[]>> task : phases(cx).entrySet()) {
			List<long[]> phases = task.getValue();
			j.key(task.getKey()).open();
			j.key("delay").number(phases.get(0)[1]);
			j.key("loop").number(1);
			j.key("phases").open();
			for (int p = 1; p < phases.size(); p++) {
				j.key("p" + p).open();
				j.key(phases.get(p)[0] == 0 ? "run" : "sleep").number(phases.get(p)[1]);
				j.close();
			}
			j.close();
			j.close();
		}
		j.close();
		j.key("policy-verifier").open();
		j.key("format").number(FORMAT);
		j.key("policy").string(cx.policy());
		j.key("property").string(cx.property().id());
		j.key("cores").number(cx.cores());
		j.key("threads").number(cx.threadsCreated());
		j.key("params").open();
		for (Map.Entry<String, Long> p : new TreeMap<>(cx.params()).entrySet()) {
			j.key(p.getKey()).number(p.getValue());
		}
		j.close();
		j.key("step_us").number(STEP_US);
		j.key("events").openArray();
		for (TraceStep s : cx.steps()) {
			j.element().open();
			j.key("step").number(s.number());
			j.key("now").number(s.now());
			j.key("event").string(s.event());
			if (s.event().equals("advance")) {
				j.key("by").number(s.delta());
			} else {
				j.key("core").number(s.core());
			}
			if (s.thread() >= 0) {
				j.key("thread").string("t" + s.thread());
			}
			j.close();
		}
		j.closeArray();
		j.key(cx.isFault() ? "fault" : "violation").open();
		j.key("after_step").number(cx.steps().size());
		if (!cx.isFault()) {
			j.key("idle_core").number(cx.idleCore());
		}
		j.key("message").string(cx.isFault() ? cx.fault() : cx.verdict());
		j.key("state").openArray();
		// a fault of the initial state has no step: its state is the initial one
		for (String line : cx.steps().isEmpty() ? cx.initialState() : cx.steps().get(cx.steps().size() - 1).state()) {
			j.element().string(line);
		}
		j.closeArray();
		j.close();
		j.close();
		j.close();
		return j.text();
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
