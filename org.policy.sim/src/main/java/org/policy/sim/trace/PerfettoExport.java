package org.policy.sim.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.policy.sim.metrics.Schedule;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.ThreadInfo;

/**
 * The simulated schedule as a Chrome JSON trace (the "Trace Event Format"), which Perfetto's UI and
 * chrome://tracing open: one track per core ({@code tid} = core), one complete event ({@code ph: X})
 * per time a thread ran there, named after the thread and its task. Times are in µs with ns precision.
 */
public final class PerfettoExport {
	private PerfettoExport() {
	}

	public static void write(Path file, SimResult r) throws IOException {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			write(out, r);
		}
	}

	public static void write(OutputStream out, SimResult r) throws IOException {
		try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
			g.writeStartObject();
			g.writeStringField("displayTimeUnit", "ns");
			g.writeArrayFieldStart("traceEvents");
			meta(g, "process_name", 0, "name", "simulated cores (" + r.policy() + " on " + r.workload() + ")");
			for (int c = 0; c < r.cores(); c++) {
				meta(g, "thread_name", c, "name", "core " + c);
				meta(g, "thread_sort_index", c, "sort_index", null);
			}
			Schedule s = r.schedule();
			for (int k = 0; k < s.size(); k++) {
				int t = s.thread()[k];
				ThreadInfo info = r.threads().get(t);
				g.writeStartObject();
				g.writeStringField("name", "t" + t + " " + info.task());
				g.writeStringField("cat", info.task());
				g.writeStringField("ph", "X");
				g.writeFieldName("ts");
				g.writeRawValue(micros(s.start()[k]));
				g.writeFieldName("dur");
				g.writeRawValue(micros(s.end()[k] - s.start()[k]));
				g.writeNumberField("pid", 0);
				g.writeNumberField("tid", s.core()[k]);
				g.writeObjectFieldStart("args");
				g.writeNumberField("thread", t);
				g.writeEndObject();
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeObjectFieldStart("metadata");
			g.writeNumberField("dropped_segments", s.dropped());
			g.writeEndObject();
			g.writeEndObject();
			g.writeRaw('\n');
		}
	}

	private static void meta(JsonGenerator g, String name, int tid, String key, String value) throws IOException {
		g.writeStartObject();
		g.writeStringField("name", name);
		g.writeStringField("ph", "M");
		g.writeNumberField("pid", 0);
		g.writeNumberField("tid", tid);
		g.writeObjectFieldStart("args");
		if (value == null) {
			g.writeNumberField(key, tid);
		} else {
			g.writeStringField(key, value);
		}
		g.writeEndObject();
		g.writeEndObject();
	}

	/** ns as a decimal number of µs, exact (no floating point): 1234567 → 1234.567. */
	static String micros(long ns) {
		long whole = ns / 1000;
		long frac = Math.abs(ns % 1000);
		return frac == 0 ? Long.toString(whole) : whole + "." + String.format("%03d", frac);
	}
}
