package org.policy.cli.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.policy.sim.workload.Workloads;

/**
 * Turns a SPEC's {@link SpecNode} tree into a {@link SweepSpec}: every key known, every value of its
 * kind, every list non-empty and without repeats; each refusal names the value's file:line:col. Files
 * named in the SPEC are resolved against the SPEC's folder, so a SPEC means the same from any directory.
 */
public final class SweepSpecReader {
	static final Set<String> TOP_KEYS = Set.of("seed", "seeds", "policies", "workloads", "cores", "topologies",
			"duration", "hz", "cs_cost", "abort_at_deadline");
	private static final List<String> TOP_ORDER = List.of("policies", "workloads", "cores", "topologies", "seeds",
			"seed", "duration", "hz", "cs_cost", "abort_at_deadline");
	private static final List<String> TRACE_FORMATS = List.of("auto", "ftrace", "trace-cmd", "perf");

	private final Path folder;

	private SweepSpecReader(Path folder) {
		this.folder = folder;
	}

	/** Whether {@code file}'s name says YAML or JSON. */
	public static boolean knownFormat(String file) {
		return SpecTree.factoryFor(file) != null;
	}

	/**
	 * Reads the SPEC {@code file} from {@code in}.
	 *
	 * @throws SpecException at the position of the first problem
	 */
	public static SweepSpec read(String file, Reader in) throws SpecException, IOException {
		JsonFactory factory = SpecTree.factoryFor(file);
		if (factory == null) {
			throw new IllegalArgumentException(file + ": a SPEC is .yaml, .yml or .json");
		}
		SpecNode root = SpecTree.read(file, factory, in);
		Path parent = Path.of(file).toAbsolutePath().getParent();
		return new SweepSpecReader(parent).spec(file, root);
	}

	private SweepSpec spec(String file, SpecNode root) throws SpecException {
		SpecNode.Mapping m = mapping(root, "the SPEC");
		refuseUnknown(m, TOP_ORDER);
		if (!m.values().containsKey("policies")) {
			throw new SpecException(m.at(), "the SPEC names no policies: add 'policies: [FILE, ...]'");
		}
		long seed = m.values().containsKey("seed") ? integer(m.values().get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 1;
		int seedCount = 1;
		List<Long> seedList = List.of();
		SpecNode seeds = m.values().get("seeds");
		if (seeds instanceof SpecNode.Sequence s) {
			seedCount = 0;
			seedList = new ArrayList<>();
			for (SpecNode item : nonEmpty(s, "seeds")) {
				long v = integer(item, "a seed", Long.MIN_VALUE, Long.MAX_VALUE);
				if (seedList.contains(v)) {
					throw new SpecException(item.at(), "seed " + v + " is listed twice");
				}
				seedList.add(v);
			}
		} else if (seeds != null) {
			seedCount = (int) integer(seeds, "seeds (a count, or a list of seeds)", 1, 1_000_000);
		}
		List<SweepSpec.PolicyEntry> policies = new ArrayList<>();
		for (SpecNode item : nonEmpty(list(m.values().get("policies"), "policies"), "policies")) {
			policies.add(policy(item));
		}
		List<SweepSpec.WorkloadEntry> workloads = new ArrayList<>();
		SpecNode w = m.values().get("workloads");
		if (w == null) {
			workloads.add(new SweepSpec.WorkloadEntry(SweepSpec.Source.BUILTIN, Workloads.DEFAULT, Workloads.DEFAULT,
					null, false, m.at()));
		} else {
			for (SpecNode item : nonEmpty(list(w, "workloads"), "workloads")) {
				SweepSpec.WorkloadEntry e = workload(item);
				if (workloads.stream().anyMatch(x -> x.label().equals(e.label()))) {
					throw new SpecException(item.at(), "workload '" + e.label() + "' is listed twice");
				}
				workloads.add(e);
			}
		}
		List<SweepSpec.Value<Integer>> cores = new ArrayList<>();
		SpecNode c = m.values().get("cores");
		if (c == null) {
			cores.add(new SweepSpec.Value<>(8, m.at()));
		} else {
			for (SpecNode item : nonEmpty(oneOrMore(c), "cores")) {
				int n = (int) integer(item, "a core count", 1, 4096);
				if (cores.stream().anyMatch(x -> x.value() == n)) {
					throw new SpecException(item.at(), n + " cores are listed twice");
				}
				cores.add(new SweepSpec.Value<>(n, item.at()));
			}
		}
		List<SweepSpec.Value<String>> topologies = new ArrayList<>();
		SpecNode t = m.values().get("topologies");
		if (t == null) {
			topologies.add(new SweepSpec.Value<>("flat", m.at()));
		} else {
			for (SpecNode item : nonEmpty(oneOrMore(t), "topologies")) {
				String text = string(item, "a topology (flat, or e.g. smt=2,llc=4)");
				if (topologies.stream().anyMatch(x -> x.value().equals(text))) {
					throw new SpecException(item.at(), "topology '" + text + "' is listed twice");
				}
				topologies.add(new SweepSpec.Value<>(text, item.at()));
			}
		}
		SweepSpec.Value<String> duration = null;
		if (m.values().containsKey("duration")) {
			SpecNode d = m.values().get("duration");
			duration = new SweepSpec.Value<>(string(d, "a duration with a unit, e.g. 200ms"), d.at());
		}
		int hz = m.values().containsKey("hz") ? (int) integer(m.values().get("hz"), "hz", 1, 100_000) : 250;
		SweepSpec.Value<String> cs = m.values().containsKey("cs_cost")
				? new SweepSpec.Value<>(string(m.values().get("cs_cost"), "a duration with a unit, e.g. 2us"),
						m.values().get("cs_cost").at())
				: new SweepSpec.Value<>("0ns", m.at());
		boolean abort = m.values().containsKey("abort_at_deadline") && bool(m.values().get("abort_at_deadline"),
				"abort_at_deadline");
		return new SweepSpec(file, seed, seedCount, List.copyOf(seedList), policies, workloads, cores, topologies,
				duration, hz, cs, abort);
	}

	/** {@code FILE} or {@code {file: FILE, params: {NAME: [VALUE, ...]}}}. */
	private SweepSpec.PolicyEntry policy(SpecNode item) throws SpecException {
		if (item instanceof SpecNode.Scalar) {
			String written = string(item, "a policy file");
			return new SweepSpec.PolicyEntry(resolve(written), written, item.at(), Map.of(), Map.of());
		}
		SpecNode.Mapping m = mapping(item, "a policy: a file, or {file: FILE, params: {NAME: [VALUE, ...]}}");
		refuseUnknown(m, List.of("file", "params"));
		SpecNode f = m.values().get("file");
		if (f == null) {
			throw new SpecException(m.at(), "a policy needs 'file'");
		}
		String written = string(f, "a policy file");
		Map<String, List<SweepSpec.Value<String>>> grid = new LinkedHashMap<>();
		Map<String, SpecNode.Position> keys = new LinkedHashMap<>();
		SpecNode p = m.values().get("params");
		if (p != null) {
			SpecNode.Mapping params = mapping(p, "params: {NAME: [VALUE, ...]}");
			for (Map.Entry<String, SpecNode> e : params.values().entrySet()) {
				List<SweepSpec.Value<String>> values = new ArrayList<>();
				for (SpecNode v : nonEmpty(oneOrMore(e.getValue()), "parameter '" + e.getKey() + "'")) {
					if (!(v instanceof SpecNode.Scalar s)) {
						throw new SpecException(v.at(), "a value of parameter '" + e.getKey() + "' is " + v.kind()
								+ ", not a number, duration or boolean");
					}
					if (values.stream().anyMatch(x -> x.value().equals(s.text()))) {
						throw new SpecException(v.at(), e.getKey() + "=" + s.text() + " is listed twice");
					}
					values.add(new SweepSpec.Value<>(s.text(), v.at()));
				}
				grid.put(e.getKey(), values);
				keys.put(e.getKey(), params.keys().get(e.getKey()));
			}
		}
		return new SweepSpec.PolicyEntry(resolve(written), written, f.at(), grid, keys);
	}

	/** A built-in name or an rt-app file, or {@code {trace: FILE, format: F, skip_bad_lines: B}}. */
	private SweepSpec.WorkloadEntry workload(SpecNode item) throws SpecException {
		if (item instanceof SpecNode.Scalar) {
			String written = string(item, "a workload");
			if (Workloads.BUILTIN.contains(written)) {
				return new SweepSpec.WorkloadEntry(SweepSpec.Source.BUILTIN, written, written, null, false, item.at());
			}
			return new SweepSpec.WorkloadEntry(SweepSpec.Source.RTAPP, written, resolve(written), null, false, item.at());
		}
		SpecNode.Mapping m = mapping(item, "a workload: a built-in name, an rt-app file, or {trace: FILE}");
		refuseUnknown(m, List.of("trace", "format", "skip_bad_lines"));
		SpecNode f = m.values().get("trace");
		if (f == null) {
			throw new SpecException(m.at(), "a workload mapping needs 'trace' (a built-in or rt-app file is written as a string)");
		}
		String written = string(f, "a trace file");
		String format = "auto";
		if (m.values().containsKey("format")) {
			SpecNode fm = m.values().get("format");
			format = string(fm, "a trace format");
			if (!TRACE_FORMATS.contains(format)) {
				throw new SpecException(fm.at(), "format must be auto, ftrace, trace-cmd or perf, not '" + format + "'");
			}
		}
		boolean skip = m.values().containsKey("skip_bad_lines") && bool(m.values().get("skip_bad_lines"), "skip_bad_lines");
		return new SweepSpec.WorkloadEntry(SweepSpec.Source.TRACE, written, resolve(written), format, skip, f.at());
	}

	private String resolve(String written) {
		return folder.resolve(written).normalize().toString();
	}

	private static void refuseUnknown(SpecNode.Mapping m, List<String> known) throws SpecException {
		for (Map.Entry<String, SpecNode.Position> k : m.keys().entrySet()) {
			if (!known.contains(k.getKey())) {
				throw new SpecException(k.getValue(), "unknown key '" + k.getKey() + "' (known here: "
						+ String.join(", ", known) + ")");
			}
		}
	}

	private static SpecNode.Mapping mapping(SpecNode n, String what) throws SpecException {
		if (n instanceof SpecNode.Mapping m) {
			return m;
		}
		throw new SpecException(n.at(), what + " must be a mapping, not " + n.kind());
	}

	private static SpecNode.Sequence list(SpecNode n, String what) throws SpecException {
		if (n instanceof SpecNode.Sequence s) {
			return s;
		}
		throw new SpecException(n.at(), what + " must be a list, not " + n.kind());
	}

	/** A list, or one value standing for a list of one. */
	private static SpecNode.Sequence oneOrMore(SpecNode n) {
		return n instanceof SpecNode.Sequence s ? s : new SpecNode.Sequence(n.at(), List.of(n));
	}

	private static List<SpecNode> nonEmpty(SpecNode.Sequence s, String what) throws SpecException {
		if (s.items().isEmpty()) {
			throw new SpecException(s.at(), what + " must not be empty");
		}
		return s.items();
	}

	private static String string(SpecNode n, String what) throws SpecException {
		if (n instanceof SpecNode.Scalar s && !s.text().isBlank()) {
			return s.text();
		}
		throw new SpecException(n.at(), "expected " + what + ", not " + n.kind());
	}

	private static boolean bool(SpecNode n, String what) throws SpecException {
		if (n instanceof SpecNode.Scalar s && s.bool()) {
			return Boolean.parseBoolean(s.text());
		}
		throw new SpecException(n.at(), what + " must be true or false, not " + n.kind());
	}

	private static long integer(SpecNode n, String what, long min, long max) throws SpecException {
		if (n instanceof SpecNode.Scalar s && s.number()) {
			long v;
			try {
				v = Long.parseLong(s.text());
			} catch (NumberFormatException e) {
				throw new SpecException(n.at(), "expected " + what + " (an integer), not " + s.text());
			}
			if (v < min || v > max) {
				throw new SpecException(n.at(), what + " must be between " + min + " and " + max + ", not " + v);
			}
			return v;
		}
		throw new SpecException(n.at(), "expected " + what + " (an integer), not " + n.kind());
	}
}
