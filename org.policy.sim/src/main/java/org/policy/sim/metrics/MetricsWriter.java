package org.policy.sim.metrics;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's figures: {@code metrics.json} (docs/metrics.md describes every field) and CSV files
 * per core, per time bucket and per thread. Fields come in a fixed order and numbers in a fixed
 * format, so equal runs give equal bytes.
 */
public final class MetricsWriter {
	private static final JsonFactory JSON = new JsonFactory();

	private MetricsWriter() {
	}

	/** Writes metrics.json, cores.csv, utilisation.csv and threads.csv into {@code dir}. */
	public static void writeAll(Path dir, RunInfo info, SimResult r, Summary s) throws IOException {
		try (OutputStream out = Files.newOutputStream(dir.resolve("metrics.json"))) {
			writeJson(out, info, r, s);
		}
		try (Writer w = csv(dir.resolve("cores.csv"))) {
			w.write("core,busy_ns,utilisation,context_switches,preemptions\n");
			for (int c = 0; c < r.cores(); c++) {
				w.write(c + "," + r.busyNs()[c] + "," + fixed(s.utilisation()[c]) + "," + r.contextSwitches()[c] + ","
						+ r.preemptions()[c] + "\n");
			}
		}
		try (Writer w = csv(dir.resolve("utilisation.csv"))) {
			w.write("bucket_start_ns,bucket_ns");
			for (int c = 0; c < r.cores(); c++) {
				w.write(",core" + c);
			}
			w.write('\n');
			int buckets = (int) Math.min(r.busyBuckets().length == 0 ? 0 : r.busyBuckets()[0].length,
					(r.endNs() + r.bucketNs() - 1) / r.bucketNs());
			for (int b = 0; b < buckets; b++) {
				long start = b * r.bucketNs();
				long width = Math.min(r.bucketNs(), r.endNs() - start);
				w.write(start + "," + width);
				for (int c = 0; c < r.cores(); c++) {
					w.write("," + fixed(width <= 0 ? 0 : (double) r.busyBuckets()[c][b] / width));
				}
				w.write('\n');
			}
		}
		try (Writer w = csv(dir.resolve("threads.csv"))) {
			w.write("thread,task,created_ns,exited_ns,cpu_ns,migrations,cpu_bound,nice,group,affinity\n");
			for (int t = 0; t < r.threads().size(); t++) {
				ThreadInfo ti = r.threads().get(t);
				w.write(t + "," + csvField(ti.task()) + "," + ti.createdNs() + "," + ti.exitedNs() + "," + ti.cpuNs() + ","
						+ ti.migrations() + "," + ti.cpuBound() + "," + ti.nice() + "," + ti.group() + ","
						+ csvField(ti.affinity()) + "\n");
			}
		}
	}

	public static void writeJson(OutputStream out, RunInfo info, SimResult r, Summary s) throws IOException {
		try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
			DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
			g.setPrettyPrinter(pretty);
			g.writeStartObject();
			g.writeStringField("policy", r.policy());
			g.writeStringField("policy_file", info.policyFile());
			g.writeStringField("workload", info.workload());
			g.writeNumberField("cores", r.cores());
			g.writeStringField("topology", info.topology());
			g.writeNumberField("seed", info.seed());
			g.writeNumberField("hz", info.hz());
			g.writeNumberField("context_switch_ns", info.contextSwitchNs());
			g.writeNumberField("horizon_ns", info.horizonNs());
			g.writeObjectFieldStart("params");
			for (Map.Entry<String, Long> p : info.params().entrySet()) {
				g.writeNumberField(p.getKey(), p.getValue());
			}
			g.writeEndObject();
			g.writeNumberField("duration_ns", s.durationNs());
			g.writeNumberField("makespan_ns", s.makespanNs());
			g.writeNumberField("events", s.events());
			g.writeNumberField("threads", s.threads());
			g.writeObjectFieldStart("utilisation");
			g.writeNumberField("mean", round(s.meanUtilisation()));
			g.writeArrayFieldStart("per_core");
			for (double u : s.utilisation()) {
				g.writeNumber(round(u));
			}
			g.writeEndArray();
			g.writeEndObject();
			g.writeObjectFieldStart("wasted_core");
			g.writeNumberField("ns", s.wastedCoreNs());
			g.writeNumberField("fraction", round(s.wastedFraction()));
			g.writeNumberField("episodes", s.wcEpisodes());
			g.writeEndObject();
			g.writeObjectFieldStart("wakeup_latency_ns");
			g.writeNumberField("count", s.wakeups());
			g.writeNumberField("p50", s.latencyP50());
			g.writeNumberField("p95", s.latencyP95());
			g.writeNumberField("p99", s.latencyP99());
			g.writeNumberField("max", s.latencyMax());
			g.writeNumberField("mean", round(s.latencyMean()));
			g.writeEndObject();
			g.writeObjectFieldStart("fairness");
			g.writeNumberField("jain", round(s.jainFairness()));
			g.writeNumberField("cpu_bound_threads", s.cpuBoundThreads());
			g.writeEndObject();
			g.writeArrayFieldStart("groups");
			for (Summary.GroupShare gs : Summary.groupShares(r.threads())) {
				g.writeStartObject();
				g.writeNumberField("group", gs.group());
				g.writeNumberField("weight", gs.weight());
				g.writeNumberField("threads", gs.threads());
				g.writeNumberField("cpu_ns", gs.cpuNs());
				g.writeNumberField("share", round(gs.share()));
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeObjectFieldStart("affinity");
			g.writeNumberField("restricted_threads", r.threads().stream().filter(ThreadInfo::restricted).count());
			g.writeNumberField("changes", r.threads().stream().mapToLong(ThreadInfo::affinityChanges).sum());
			g.writeEndObject();
			g.writeNumberField("migrations", s.migrations());
			g.writeNumberField("context_switches", s.contextSwitches());
			g.writeNumberField("preemptions", s.preemptions());
			g.writeObjectFieldStart("deadlines");
			g.writeNumberField("jobs", s.deadlineJobs());
			g.writeNumberField("misses", s.deadlineMisses());
			g.writeEndObject();
			g.writeNumberField("schedule_segments", r.schedule().size());
			g.writeNumberField("schedule_segments_dropped", r.schedule().dropped());
			g.writeArrayFieldStart("warnings");
			for (String w : info.warnings()) {
				g.writeString(w);
			}
			g.writeEndArray();
			g.writeEndObject();
			g.writeRaw('\n');
		}
	}

	/** Six decimals, as a double: what JSON readers and humans want. */
	static double round(double v) {
		return Math.round(v * 1e6) / 1e6;
	}

	public static String fixed(double v) {
		return String.format(Locale.ROOT, "%.6f", v);
	}

	private static Writer csv(Path file) throws IOException {
		return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
	}

	private static String csvField(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
