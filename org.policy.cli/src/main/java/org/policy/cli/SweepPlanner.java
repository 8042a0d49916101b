package org.policy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.cli.sweep.RunIds;
import org.policy.cli.sweep.RunRecord;
import org.policy.cli.sweep.SpecException;
import org.policy.cli.sweep.SpecNode;
import org.policy.cli.sweep.SweepRun;
import org.policy.cli.sweep.SweepSpec;
import org.policy.dsl.Durations;
import org.policy.dsl.load.InputFile;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.TopologySpec;
import org.policy.sim.Simulation;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.io.UnreadableInputException;
import org.policy.sim.trace.TraceImport;
import org.policy.sim.workload.Workload;
import org.policy.sim.workload.Workloads;
import org.policy.workload.WorkloadException;

/**
 * Expands a {@link SweepSpec} into its runs in canonical order — policy (SPEC order), parameter
 * combination (the grid's first parameter outermost), workload, cores, topology, seed — loading every
 * policy and workload once and checking every value against them first, so that a bad SPEC is refused
 * before any run starts, at the position of the value to blame.
 */
final class SweepPlanner {
	private SweepPlanner() {
	}

	private record LoadedWorkload(SweepSpec.WorkloadEntry entry, Workload workload, String digest) {
	}

	static List<SweepRun> plan(SweepSpec spec) throws SpecException, InvalidPolicyException, WorkloadException {
		List<CompiledPolicy> policies = new ArrayList<>();
		List<String> digests = new ArrayList<>();
		for (SweepSpec.PolicyEntry p : spec.policies()) {
			checkFile(p.at(), "policy file", p.written(), p.path());
			if (!p.path().endsWith(InputFiles.EXTENSION)) {
				throw new SpecException(p.at(), "policy file '" + p.written() + "' is not a .policy file");
			}
			try {
				policies.add(new PolicyLoader().load(PolicyFile.of(p.path())).requireNoErrors().compile());
			} catch (PolicyLoadException e) {
				throw new SpecException(p.at(), e.getMessage());
			}
			digests.add(digest(Path.of(p.path())));
		}
		List<String> names = CompareCommand.uniqueNames(policies);
		List<LoadedWorkload> workloads = new ArrayList<>();
		for (SweepSpec.WorkloadEntry w : spec.workloads()) {
			workloads.add(load(w));
		}
		List<Map.Entry<SweepSpec.Value<Integer>, SweepSpec.Value<String>>> machines = new ArrayList<>();
		for (SweepSpec.Value<Integer> c : spec.cores()) {
			for (SweepSpec.Value<String> t : spec.topologies()) {
				try {
					TopologySpec.parse(t.value(), c.value());
				} catch (IllegalArgumentException e) {
					throw new SpecException(t.at(), "topology '" + t.value() + "' on " + c.value() + " cores: " + e.getMessage());
				}
				machines.add(Map.entry(c, t));
			}
		}
		Long duration = null;
		if (spec.duration() != null) {
			duration = duration(spec.duration().at(), "duration", spec.duration().value());
		}
		long cs = duration(spec.contextSwitch().at(), "cs_cost", spec.contextSwitch().value());
		int replicates = spec.seedCount() > 0 ? spec.seedCount() : spec.seedList().size();
		List<SweepRun> runs = new ArrayList<>();
		Map<String, SpecNode.Position> seen = new java.util.HashMap<>();
		for (int pi = 0; pi < policies.size(); pi++) {
			CompiledPolicy policy = policies.get(pi);
			SweepSpec.PolicyEntry entry = spec.policies().get(pi);
			for (Map<String, String> combination : combinations(entry, policy)) {
				Map<String, Long> values = check(entry, policy, combination);
				for (LoadedWorkload w : workloads) {
					for (Map.Entry<SweepSpec.Value<Integer>, SweepSpec.Value<String>> m : machines) {
						int cores = m.getKey().value();
						String topology = m.getValue().value();
						Topology topo = TopologySpec.parse(topology, cores);
						long horizon = duration != null ? duration
								: w.workload().durationNs() > 0 ? w.workload().durationNs() : 10_000_000_000L;
						for (int k = 0; k < replicates; k++) {
							long seed = spec.seedCount() > 0
									? RunIds.seed(spec.seed(), w.entry().label(), cores, topology, k)
									: spec.seedList().get(k);
							SimOptions options = new SimOptions(topo, horizon, spec.hz(), seed, cs, 0,
									SimOptions.DEFAULT_BUCKETS, SimOptions.DEFAULT_MAX_SEGMENTS, 0, spec.abortAtDeadline());
							String identity = String.join("\n", "policy=" + entry.written(), "policy_sha=" + digests.get(pi),
									"params=" + combination, "workload=" + w.entry().label(), "workload_sha=" + w.digest(),
									"trace_format=" + w.entry().traceFormat(), "skip_bad_lines=" + w.entry().skipBadLines(),
									"cores=" + cores, "topology=" + topology, "replicate=" + k, "seed=" + seed,
									"horizon=" + horizon, "hz=" + spec.hz(), "cs=" + cs, "abort=" + spec.abortAtDeadline());
							String id = RunIds.hex(identity, 20);
							SpecNode.Position first = seen.putIfAbsent(id, entry.at());
							if (first != null) {
								throw new SpecException(entry.at(), "policy '" + entry.written() + "' with " + combination
										+ " repeats the runs of the entry at line " + first.line() + " (same file, same parameter values)");
							}
							RunRecord coords = new RunRecord(id, names.get(pi), entry.written(),
									combination, w.entry().label(), cores, topology, k, seed, Map.of());
							Simulation.Request request = new Simulation.Request(policy, entry.written(), values,
									w.workload(), options, topology);
							runs.add(new SweepRun(runs.size(), coords, request, entry.path()));
						}
					}
				}
			}
		}
		return runs;
	}

	/** Every combination of the grid's values, the first parameter outermost, each value checked alone first. */
	private static List<Map<String, String>> combinations(SweepSpec.PolicyEntry entry, CompiledPolicy policy)
			throws SpecException {
		List<Map<String, String>> result = new ArrayList<>();
		result.add(new LinkedHashMap<>());
		for (Map.Entry<String, List<SweepSpec.Value<String>>> g : entry.grid().entrySet()) {
			String name = g.getKey();
			if (!policy.params().containsKey(name)) {
				throw new SpecException(entry.gridKeys().get(name), "policy " + policy.name() + " has no parameter '" + name
						+ "'" + (policy.params().isEmpty() ? " (it has none)"
								: " (it has: " + String.join(", ", policy.params().keySet()) + ")"));
			}
			List<Map<String, String>> next = new ArrayList<>();
			for (Map<String, String> partial : result) {
				for (SweepSpec.Value<String> v : g.getValue()) {
					long value;
					try {
						value = PolicyParams.check(policy, List.of(name + "=" + v.value())).get(name);
					} catch (IllegalArgumentException e) {
						throw new SpecException(v.at(), e.getMessage());
					}
					Map<String, String> m = new LinkedHashMap<>(partial);
					m.put(name, PolicyParams.format(policy.params().get(name), value));
					next.add(m);
				}
			}
			result = next;
		}
		return result;
	}

	/** The values of one combination, checked together (a combination may be refused where each value is not). */
	private static Map<String, Long> check(SweepSpec.PolicyEntry entry, CompiledPolicy policy, Map<String, String> combination)
			throws SpecException {
		List<String> settings = new ArrayList<>();
		combination.forEach((k, v) -> settings.add(k + "=" + v));
		try {
			Map<String, Long> values = PolicyParams.check(policy, settings);
			long period = policy.newInterpreter(values).balancePeriod();
			if (period > 0 && period < SimOptions.MIN_PERIOD_NS && !values.isEmpty()) {
				throw new IllegalArgumentException(String.join(" ", settings) + ": policy " + policy.name()
						+ " would balance every " + Durations.format(period) + ", below the simulator's shortest period of "
						+ Durations.format(SimOptions.MIN_PERIOD_NS));
			}
			return values;
		} catch (IllegalArgumentException e) {
			SpecNode.Position at = entry.gridKeys().isEmpty() ? entry.at() : entry.gridKeys().values().iterator().next();
			throw new SpecException(at, e.getMessage());
		}
	}

	private static LoadedWorkload load(SweepSpec.WorkloadEntry w) throws SpecException, WorkloadException {
		try {
			switch (w.source()) {
				case BUILTIN:
					return new LoadedWorkload(w, Workloads.builtin(w.label()),
							hex(RunIds.sha256(Workloads.builtinText(w.label()).getBytes(StandardCharsets.UTF_8))));
				case RTAPP:
					checkFile(w.at(), "workload file", w.label(), w.path());
					return new LoadedWorkload(w, Workloads.load(w.path()), digest(Path.of(w.path())));
				default:
					checkFile(w.at(), "trace file", w.label(), w.path());
					return new LoadedWorkload(w, TraceImport.load(w.path(), w.traceFormat(), w.skipBadLines()),
							digest(Path.of(w.path())));
			}
		} catch (UnreadableInputException e) {
			throw new SpecException(w.at(), e.getMessage());
		} catch (IOException e) {
			throw new SpecException(w.at(), "cannot read '" + w.label() + "': " + e.getMessage());
		}
	}

	private static void checkFile(SpecNode.Position at, String what, String written, String path) throws SpecException {
		String problem = InputFile.problem(path);
		if (problem != null) {
			throw new SpecException(at, what + " '" + written + "': " + problem + " (paths are relative to the SPEC's folder)");
		}
	}

	private static long duration(SpecNode.Position at, String key, String text) throws SpecException {
		try {
			long ns = Durations.parse(text);
			if (ns <= 0 && key.equals("duration")) {
				throw new IllegalArgumentException("must be positive");
			}
			return ns;
		} catch (IllegalArgumentException e) {
			throw new SpecException(at, key + ": " + e.getMessage());
		}
	}

	private static String digest(Path file) throws SpecException {
		try {
			return hex(RunIds.sha256(Files.readAllBytes(file)));
		} catch (IOException e) {
			throw new SpecException(new SpecNode.Position(file.toString(), 1, 1), "cannot read: " + e.getMessage());
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}
}
