package org.policy.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link RtAppFile} as rt-app JSON that {@link RtAppReader} reads back to the same model (and
 * rt-app runs): two-space indentation, keys in a fixed order, a number after a key only where a phase
 * repeats an event ({@code "run"}, {@code "run1"}, ...: rt-app's workgen convention, which the reader
 * undoes). Same model, same bytes. Keys that hold their default are left out.
 */
public final class RtAppWriter {
	private static final JsonFactory FACTORY = JsonFactory.builder().build();

	private RtAppWriter() {
	}

	/** The file's text, ending in a newline. */
	public static String text(RtAppFile file) {
		StringWriter out = new StringWriter();
		try (JsonGenerator g = FACTORY.createGenerator(out)) {
			g.setPrettyPrinter(prettyPrinter());
			writeFile(g, file);
		} catch (IOException e) {
			throw new UncheckedIOException("writing to a string cannot fail", e);
		}
		return out.append('\n').toString();
	}

	private static DefaultPrettyPrinter prettyPrinter() {
		DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
		Separators separators = Separators.createDefaultInstance()
				.withObjectFieldValueSpacing(Separators.Spacing.AFTER)
				.withObjectEmptySeparator("")
				.withArrayEmptySeparator("");
		return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
	}

	private static void writeFile(JsonGenerator g, RtAppFile file) throws IOException {
		g.writeStartObject();
		if (!file.global().equals(RtAppFile.Global.DEFAULT)) {
			g.writeFieldName("global");
			writeGlobal(g, file.global());
		}
		g.writeObjectFieldStart("tasks");
		SchedParams.Policy named = SchedParams.Policy.of(file.global().defaultPolicy());
		SchedParams.Policy defaultPolicy = named == null ? SchedParams.Policy.OTHER : named;
		for (RtAppTask task : file.tasks()) {
			g.writeFieldName(task.name());
			writeTask(g, task, defaultPolicy);
		}
		g.writeEndObject();
		if (file.verifierRun() != null) {
			g.writeFieldName(RtAppReader.VERIFIER_EXTENSION);
			writeVerifierRun(g, file.verifierRun());
		}
		g.writeEndObject();
	}

	private static void writeGlobal(JsonGenerator g, RtAppFile.Global global) throws IOException {
		g.writeStartObject();
		if (global.durationSeconds() != -1) {
			g.writeNumberField("duration", global.durationSeconds());
		}
		if (global.defaultPolicy() != null) {
			g.writeStringField("default_policy", global.defaultPolicy());
		}
		if (global.calibration() != null) {
			if (global.calibration().matches("-?[0-9]{1,18}")) {
				g.writeNumberField("calibration", Long.parseLong(global.calibration()));
			} else {
				g.writeStringField("calibration", global.calibration());
			}
		}
		if (global.seed() != null || !global.groupWeights().isEmpty()) {
			g.writeObjectFieldStart(RtAppReader.EXTENSION);
			if (global.seed() != null) {
				g.writeNumberField("seed", global.seed());
			}
			if (!global.groupWeights().isEmpty()) {
				g.writeObjectFieldStart("groups");
				for (Map.Entry<String, Integer> w : global.groupWeights().entrySet()) {
					g.writeNumberField(w.getKey(), w.getValue());
				}
				g.writeEndObject();
			}
			g.writeEndObject();
		}
		g.writeEndObject();
	}

	/** {@code defaultPolicy}: the class the reader gives a task without {@code policy} (the file's default). */
	private static void writeTask(JsonGenerator g, RtAppTask task, SchedParams.Policy defaultPolicy)
			throws IOException {
		g.writeStartObject();
		if (task.instances() != 1) {
			g.writeNumberField("instance", task.instances());
		}
		if (task.delayUs() != 0) {
			g.writeNumberField("delay", task.delayUs());
		}
		if (task.loops() != -1) {
			g.writeNumberField("loop", task.loops());
		}
		SchedParams sched = task.sched();
		if (sched.policy() != defaultPolicy) {
			g.writeStringField("policy", sched.policy().rtAppName());
		}
		if (sched.nice() != 0) {
			g.writeNumberField("priority", sched.nice());
		}
		boolean dl = sched.policy() == SchedParams.Policy.DEADLINE;
		if (dl) {
			g.writeNumberField("dl-runtime", sched.dlRuntimeUs());
			g.writeNumberField("dl-period", sched.dlPeriodUs());
			g.writeNumberField("dl-deadline", sched.dlDeadlineUs());
		}
		if (task.taskgroup() != null) {
			g.writeStringField("taskgroup", task.taskgroup());
		}
		writeCpus(g, task.cpus());
		// a SCHED_DEADLINE task's jobs are due at its dl-deadline unless the extension says otherwise
		boolean extDeadline = task.deadlineUs() >= 0 && !(dl && task.deadlineUs() == sched.dlDeadlineUs());
		if (extDeadline || task.arrivals() != null || !task.distributions().isEmpty()) {
			g.writeObjectFieldStart(RtAppReader.EXTENSION);
			if (task.arrivals() != null) {
				writeArrivals(g, task.arrivals());
			}
			if (extDeadline) {
				g.writeNumberField("deadline", task.deadlineUs());
			}
			writeDistributions(g, task.distributions());
			g.writeEndObject();
		}
		if (task.inline()) {
			writeSteps(g, task.phases().get(0).steps());
		} else {
			g.writeObjectFieldStart("phases");
			for (RtAppPhase phase : task.phases()) {
				g.writeObjectFieldStart(phase.name());
				if (phase.loops() != 1) {
					g.writeNumberField("loop", phase.loops());
				}
				writeCpus(g, phase.cpus());
				if (!phase.distributions().isEmpty()) {
					g.writeObjectFieldStart(RtAppReader.EXTENSION);
					writeDistributions(g, phase.distributions());
					g.writeEndObject();
				}
				writeSteps(g, phase.steps());
				g.writeEndObject();
			}
			g.writeEndObject();
		}
		g.writeEndObject();
	}

	/** rt-app's {@code "cpus": [0, 2]}, when there are any (null: every CPU, the key left out). */
	private static void writeCpus(JsonGenerator g, Cpus cpus) throws IOException {
		if (cpus == null) {
			return;
		}
		g.writeArrayFieldStart("cpus");
		for (int c : cpus.cpus()) {
			g.writeNumber(c);
		}
		g.writeEndArray();
	}

	private static void writeArrivals(JsonGenerator g, Arrivals arrivals) throws IOException {
		g.writeObjectFieldStart("arrivals");
		g.writeStringField("process", "poisson");
		if (arrivals.meanGapNs() % 1000 == 0) {
			g.writeNumberField("mean_gap", arrivals.meanGapNs() / 1000);
		} else {
			// the reader rounds 1e9 / rate to the ns: the same gap again
			g.writeNumberField("rate", 1e9 / arrivals.meanGapNs());
		}
		if (arrivals.count() != -1) {
			g.writeNumberField("count", arrivals.count());
		}
		g.writeEndObject();
	}

	private static void writeDistributions(JsonGenerator g, Map<String, Distribution> distributions)
			throws IOException {
		if (distributions.isEmpty()) {
			return;
		}
		g.writeObjectFieldStart("distribution");
		for (StepKind kind : List.of(StepKind.RUN, StepKind.RUNTIME, StepKind.SLEEP)) {
			Distribution d = distributions.get(kind.key());
			if (d != null) {
				g.writeObjectFieldStart(kind.key());
				g.writeStringField("type", d.kind().name().toLowerCase(java.util.Locale.ROOT));
				if (d.spread() != 0) {
					g.writeNumberField("spread", d.spread());
				}
				g.writeEndObject();
			}
		}
		g.writeEndObject();
	}

	private static void writeSteps(JsonGenerator g, List<Step> steps) throws IOException {
		Map<String, Integer> seen = new HashMap<>();
		for (Step step : steps) {
			String key = step.kind().key();
			int n = seen.merge(key, 1, Integer::sum);
			g.writeFieldName(n == 1 ? key : key + (n - 1));
			writeStep(g, step);
		}
	}

	private static void writeStep(JsonGenerator g, Step step) throws IOException {
		// Java 17: no pattern switch over the sealed steps, so one test per kind, in StepKind's order
		if (step instanceof Step.Run s) {
			g.writeNumber(s.us());
		} else if (step instanceof Step.Runtime s) {
			g.writeNumber(s.us());
		} else if (step instanceof Step.Sleep s) {
			g.writeNumber(s.us());
		} else if (step instanceof Step.Timer s) {
			g.writeStartObject();
			g.writeStringField("ref", s.ref());
			g.writeNumberField("period", s.periodUs());
			if (s.absolute()) {
				g.writeStringField("mode", "absolute");
			}
			g.writeEndObject();
		} else if (step instanceof Step.Yield) {
			g.writeNumber(0);
		} else if (step instanceof Step.Fork s) {
			g.writeString(s.task());
		} else if (step instanceof Step.Barrier s) {
			g.writeString(s.name());
		} else if (step instanceof Step.Suspend s) {
			g.writeString(s.thread());
		} else if (step instanceof Step.Resume s) {
			g.writeString(s.thread());
		} else if (step instanceof Step.Wait s) {
			writeRef(g, s.ref(), s.mutex());
		} else if (step instanceof Step.Signal s) {
			g.writeString(s.ref());
		} else if (step instanceof Step.Broad s) {
			g.writeString(s.ref());
		} else if (step instanceof Step.Sync s) {
			writeRef(g, s.ref(), s.mutex());
		} else if (step instanceof Step.Lock s) {
			g.writeString(s.mutex());
		} else if (step instanceof Step.Unlock s) {
			g.writeString(s.mutex());
		} else {
			throw new IllegalArgumentException("unknown step " + step);
		}
	}

	private static void writeRef(JsonGenerator g, String ref, String mutex) throws IOException {
		g.writeStartObject();
		g.writeStringField("ref", ref);
		if (mutex != null) {
			g.writeStringField("mutex", mutex);
		}
		g.writeEndObject();
	}

	private static void writeVerifierRun(JsonGenerator g, VerifierRun run) throws IOException {
		g.writeStartObject();
		g.writeNumberField("format", VerifierRun.FORMAT);
		g.writeStringField("policy", run.policy());
		if (run.property() != null) {
			g.writeStringField("property", run.property());
		}
		g.writeNumberField("cores", run.cores());
		if (!VerifierRun.FLAT.equals(run.topology())) {
			g.writeStringField("topology", run.topology());
		}
		g.writeNumberField("threads", run.threads());
		g.writeObjectFieldStart("params");
		for (Map.Entry<String, Long> p : run.params().entrySet()) {
			g.writeNumberField(p.getKey(), p.getValue());
		}
		g.writeEndObject();
		g.writeNumberField("step_us", run.stepUs());
		g.writeArrayFieldStart("events");
		for (VerifierRun.Event e : run.events()) {
			g.writeStartObject();
			g.writeNumberField("step", e.step());
			g.writeNumberField("now", e.now());
			g.writeStringField("event", e.kind());
			if (e.isAdvance()) {
				g.writeNumberField("by", e.by());
			} else {
				g.writeNumberField("core", e.core());
			}
			if (e.thread() >= 0) {
				g.writeStringField("thread", "t" + e.thread());
			}
			g.writeEndObject();
		}
		g.writeEndArray();
		VerifierRun.Outcome outcome = run.outcome();
		if (outcome != null) {
			g.writeObjectFieldStart(outcome.fault() ? "fault" : "violation");
			g.writeNumberField("after_step", outcome.afterStep());
			if (!outcome.fault()) {
				g.writeNumberField("idle_core", outcome.idleCore());
			}
			g.writeStringField("message", outcome.message());
			g.writeArrayFieldStart("state");
			for (String line : outcome.state()) {
				g.writeString(line);
			}
			g.writeEndArray();
			g.writeEndObject();
		}
		g.writeEndObject();
	}
}
