package org.policy.cli.sweep;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sweep's directory: {@code sweep.json} (which sweep, which shard, every run's id in canonical order)
 * and {@code runs/ID.json}, one small file per finished run. Every file is written to a temporary file in
 * the same folder and renamed into place, so an interrupted sweep leaves finished runs whole and no
 * half-written file; re-running finds them by name and runs only the others.
 */
public final class RunStore {
	static final String SWEEP_FILE = "sweep.json";
	static final String RUNS = "runs";
	/** A run's wakeup latencies at RunRecord.QUANTILES quantiles; absent in a run stored before they were kept. */
	static final String QUANTILES_FIELD = "wakeup_latency_quantiles_ns";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final JsonFactory FACTORY = new JsonFactory();

	/** What {@code sweep.json} says: the SPEC's hash, this directory's shard and all runs of the sweep. */
	public record Manifest(String specHash, int shard, int shards, List<String> runs) {
		/** Whether this directory's shard holds the run of canonical index {@code index}. */
		public boolean owns(int index) {
			return index % shards == shard - 1;
		}
	}

	private final Path dir;

	public RunStore(Path dir) {
		this.dir = dir;
	}

	public Path dir() {
		return dir;
	}

	/**
	 * Opens {@code dir} for the sweep {@code manifest}: creates it if needed, refuses it when it holds runs
	 * the manifest's shard does not name (a changed SPEC that does more than add runs, another shard), and
	 * records the manifest.
	 *
	 * @return the ids of the runs already finished there
	 * @throws SweepDirException saying what is in the way
	 */
	public Set<String> open(Manifest manifest) throws SweepDirException {
		Set<String> mine = new HashSet<>();
		for (int i = 0; i < manifest.runs().size(); i++) {
			if (manifest.owns(i)) {
				mine.add(manifest.runs().get(i));
			}
		}
		Set<String> done = new HashSet<>();
		List<String> foreign = new ArrayList<>();
		for (String id : stored()) {
			(mine.contains(id) ? done : foreign).add(id);
		}
		if (!foreign.isEmpty()) {
			throw new SweepDirException(dir + " holds " + foreign.size() + " finished run(s) that "
					+ (manifest.shards() > 1 ? "shard " + manifest.shard() + "/" + manifest.shards() + " of " : "")
					+ "this SPEC does not name (first: " + describe(foreign.stream().sorted().findFirst().get())
					+ "): a SPEC may only add runs to an existing sweep directory (docs/sweeps.md, \"Resuming\");"
					+ " write to another --out");
		}
		try {
			Files.createDirectories(dir.resolve(RUNS));
			removeLeftovers();
			writeAtomically(dir.resolve(SWEEP_FILE), manifestJson(manifest));
		} catch (IOException e) {
			throw new SweepDirException("cannot write " + dir + ": " + e.getMessage());
		}
		return done;
	}

	/** Temporary files of runs a killed sweep was writing: never renamed into place, so never a result. */
	private void removeLeftovers() throws IOException {
		try (Stream<Path> files = Files.list(dir.resolve(RUNS))) {
			for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".")
					&& p.getFileName().toString().endsWith(".tmp")).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	/** The ids of the runs stored here. */
	public List<String> stored() throws SweepDirException {
		Path runs = dir.resolve(RUNS);
		if (!Files.isDirectory(runs)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(runs)) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
					.map(n -> n.substring(0, n.length() - 5)).sorted().toList();
		} catch (IOException e) {
			throw new SweepDirException("cannot list " + runs + ": " + e.getMessage());
		}
	}

	private String describe(String id) {
		try {
			RunRecord r = load(id);
			return r.policy() + " " + r.params() + " on " + r.workload() + ", " + r.cores() + " cores, " + r.topology()
					+ ", seed " + r.seed();
		} catch (SweepDirException e) {
			return RUNS + "/" + id + ".json";
		}
	}

	/** The manifest of {@code dir}. */
	public static Manifest manifest(Path dir) throws SweepDirException {
		Path file = dir.resolve(SWEEP_FILE);
		if (!Files.isRegularFile(file)) {
			throw new SweepDirException(dir + " is not a sweep directory: it has no " + SWEEP_FILE);
		}
		try {
			JsonNode n = JSON.readTree(file.toFile());
			List<String> runs = new ArrayList<>();
			n.get("runs").forEach(r -> runs.add(r.asText()));
			String[] shard = n.get("shard").asText().split("/");
			return new Manifest(n.get("spec_hash").asText(), Integer.parseInt(shard[0]), Integer.parseInt(shard[1]),
					List.copyOf(runs));
		} catch (IOException | RuntimeException e) {
			throw new SweepDirException(file + ": not a sweep manifest (" + e.getMessage() + ")");
		}
	}

	/** Stores a finished run, atomically. */
	public void save(RunRecord r) {
		try {
			writeAtomically(dir.resolve(RUNS).resolve(r.id() + ".json"), runJson(r));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Copies the stored run {@code id} of {@code from} here, atomically. */
	public void copyFrom(RunStore from, String id) throws IOException {
		writeAtomically(dir.resolve(RUNS).resolve(id + ".json"), Files.readAllBytes(from.runFile(id)));
	}

	public boolean has(String id) {
		return Files.isRegularFile(runFile(id));
	}

	private Path runFile(String id) {
		return dir.resolve(RUNS).resolve(id + ".json");
	}

	public RunRecord load(String id) throws SweepDirException {
		Path file = runFile(id);
		try {
			JsonNode n = JSON.readTree(file.toFile());
			Map<String, String> params = new LinkedHashMap<>();
			for (Iterator<Map.Entry<String, JsonNode>> it = n.get("params").fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				params.put(e.getKey(), e.getValue().asText());
			}
			Map<String, Number> metrics = new LinkedHashMap<>();
			JsonNode m = n.get("metrics");
			for (String name : RunRecord.METRICS) {
				JsonNode v = m.get(name);
				metrics.put(name, v.isIntegralNumber() ? (Number) v.asLong() : (Number) v.asDouble());
			}
			JsonNode q = n.get(QUANTILES_FIELD);
			long[] quantiles = new long[q == null ? 0 : q.size()];
			for (int i = 0; i < quantiles.length; i++) {
				quantiles[i] = q.get(i).asLong();
			}
			return new RunRecord(n.get("id").asText(), n.get("policy").asText(), n.get("policy_file").asText(), params,
					n.get("workload").asText(), n.get("cores").asInt(), n.get("topology").asText(),
					n.get("replicate").asInt(), n.get("seed").asLong(), metrics, quantiles);
		} catch (IOException | RuntimeException e) {
			throw new SweepDirException(file + ": not a finished run (" + e.getMessage() + "); delete it to run it again");
		}
	}

	/** Writes one JSON object's fields. */
	private interface Fields {
		void write(JsonGenerator g) throws IOException;
	}

	/** One pretty-printed JSON object with {@code fields}, and a final newline, as UTF-8 bytes. */
	private static byte[] jsonObject(Fields fields) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
			g.useDefaultPrettyPrinter();
			g.writeStartObject();
			fields.write(g);
			g.writeEndObject();
			g.writeRaw('\n');
		}
		return bytes.toByteArray();
	}

	static byte[] runJson(RunRecord r) throws IOException {
		return jsonObject(g -> {
			g.writeStringField("id", r.id());
			g.writeStringField("policy", r.policy());
			g.writeStringField("policy_file", r.policyFile());
			g.writeObjectFieldStart("params");
			for (Map.Entry<String, String> p : r.params().entrySet()) {
				g.writeStringField(p.getKey(), p.getValue());
			}
			g.writeEndObject();
			g.writeStringField("workload", r.workload());
			g.writeNumberField("cores", r.cores());
			g.writeStringField("topology", r.topology());
			g.writeNumberField("replicate", r.replicate());
			g.writeNumberField("seed", r.seed());
			g.writeObjectFieldStart("metrics");
			for (Map.Entry<String, Number> m : r.metrics().entrySet()) {
				if (m.getValue() instanceof Double d) {
					g.writeNumberField(m.getKey(), d);
				} else {
					g.writeNumberField(m.getKey(), m.getValue().longValue());
				}
			}
			g.writeEndObject();
			g.writeArrayFieldStart(QUANTILES_FIELD);
			for (long v : r.latencyQuantiles()) {
				g.writeNumber(v);
			}
			g.writeEndArray();
		});
	}

	private static byte[] manifestJson(Manifest m) throws IOException {
		return jsonObject(g -> {
			g.writeNumberField("format", 1);
			g.writeStringField("spec_hash", m.specHash());
			g.writeStringField("shard", m.shard() + "/" + m.shards());
			g.writeArrayFieldStart("runs");
			for (String id : m.runs()) {
				g.writeString(id);
			}
			g.writeEndArray();
		});
	}

	/** Writes {@code file} through a hidden temporary file beside it, renamed into place when complete. */
	public static void writeAtomically(Path file, byte[] content) throws IOException {
		Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
		try {
			Files.write(tmp, content);
			try {
				Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(tmp);
		}
	}

	public static void writeAtomically(Path file, String content) throws IOException {
		writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
	}
}
