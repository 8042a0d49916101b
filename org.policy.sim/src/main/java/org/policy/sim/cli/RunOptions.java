package org.policy.sim.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.io.InputPath;
import org.policy.sim.io.UnreadableInputException;
import org.policy.sim.trace.TraceImport;
import org.policy.sim.workload.Workload;
import org.policy.sim.workload.WorkloadException;
import org.policy.sim.workload.Workloads;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every simulation command shares: what to run, on which machine, for how long. */
public final class RunOptions {
	@Option(names = { "-w", "--workload" }, paramLabel = "FILE|NAME",
			description = "rt-app JSON file, or a built-in: mixed (default), cpu-bound, io-bound, hackbench, periodic.")
	String workload;

	@Option(names = "--trace", paramLabel = "FILE",
			description = "Replay a Linux scheduler trace (ftrace text, trace-cmd report, perf sched script) instead of a workload.")
	String trace;

	@Option(names = "--trace-format", paramLabel = "FORMAT", defaultValue = "auto",
			description = "auto (default), ftrace, trace-cmd or perf.")
	String traceFormat;

	@Option(names = "--skip-bad-lines",
			description = "Count and report malformed trace lines instead of stopping at the first one.")
	boolean skipBadLines;

	@Option(names = { "-c", "--cores" }, paramLabel = "N", defaultValue = "8", description = "Cores (default 8).")
	int cores;

	@Option(names = "--topology", paramLabel = "SPEC", defaultValue = "flat",
			description = "Group sizes per level, e.g. smt=2,llc=4,numa=16 (default flat).")
	String topology;

	@Option(names = { "-d", "--duration" }, paramLabel = "T",
			description = "Simulated time, e.g. 10s, 250ms (default: the workload's duration, else 10s).")
	String duration;

	@Option(names = "--hz", paramLabel = "N", defaultValue = "250", description = "Tick frequency (default 250).")
	int hz;

	@Option(names = "--seed", paramLabel = "S", description = "Random seed (default: the workload's, else 1).")
	Long seed;

	@Option(names = "--cs-cost", paramLabel = "T", defaultValue = "0ns",
			description = "Context-switch cost, e.g. 2us (default 0).")
	String contextSwitch;

	@Option(names = { "-p", "--param" }, paramLabel = "NAME=VALUE",
			description = "Set a policy parameter (repeatable); time values take units (4ms).")
	List<String> params = new ArrayList<>();

	@Option(names = "--max-threads", paramLabel = "N", defaultValue = "0",
			description = "Most threads the run may create (default: estimated from the workload).")
	int maxThreads;

	@Option(names = "--max-events", paramLabel = "N", defaultValue = "0",
			description = "The event budget: most events the run may handle (default 2^31, a few minutes).")
	long maxEvents;

	/**
	 * Loads the workload or trace; messages name the file, line and column.
	 *
	 * @throws CommandLine.ParameterException for contradicting or unknown flag values
	 */
	Workload loadWorkload(CommandLine cmd) throws WorkloadException, UnreadableInputException, IOException {
		if (workload != null && trace != null) {
			throw new CommandLine.ParameterException(cmd, "--workload and --trace exclude each other");
		}
		if (!List.of("auto", "ftrace", "trace-cmd", "perf").contains(traceFormat)) {
			throw new CommandLine.ParameterException(cmd, "--trace-format must be auto, ftrace, trace-cmd or perf, not '"
					+ traceFormat + "'");
		}
		if (trace != null) {
			InputPath.check("--trace", trace);
			return TraceImport.load(trace, traceFormat, skipBadLines);
		}
		try {
			return Workloads.load(workload == null ? Workloads.DEFAULT : workload);
		} catch (UnreadableInputException e) {
			throw new UnreadableInputException("--workload " + e.getMessage());
		}
	}

	/** @throws CommandLine.ParameterException naming the flag */
	SimOptions simOptions(CommandLine cmd, Workload w) {
		if (cores < 1 || cores > 4096) {
			throw new CommandLine.ParameterException(cmd, "--cores must be between 1 and 4096, not " + cores);
		}
		if (hz < 1 || hz > 100_000) {
			throw new CommandLine.ParameterException(cmd, "--hz must be between 1 and 100000, not " + hz);
		}
		if (maxThreads < 0 || maxThreads > SimOptions.MAX_THREADS) {
			throw new CommandLine.ParameterException(cmd, "--max-threads must be between 1 and " + SimOptions.MAX_THREADS
					+ " (0: estimated from the workload), not " + maxThreads);
		}
		if (maxEvents < 0) {
			throw new CommandLine.ParameterException(cmd, "--max-events must be positive (0: the default, 2^31), not "
					+ maxEvents);
		}
		Topology topo;
		try {
			topo = TopologySpec.parse(topology, cores);
		} catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(cmd, "--topology: " + e.getMessage());
		}
		long horizon = duration != null ? duration(cmd, "--duration", duration)
				: w.durationNs() > 0 ? w.durationNs() : 10_000_000_000L;
		if (horizon <= 0) {
			throw new CommandLine.ParameterException(cmd, "--duration must be positive, not " + duration);
		}
		long cs = duration(cmd, "--cs-cost", contextSwitch);
		long s = seed != null ? seed : w.seed() != null ? w.seed() : 1L;
		return new SimOptions(topo, horizon, hz, s, cs, maxThreads, SimOptions.DEFAULT_BUCKETS,
				SimOptions.DEFAULT_MAX_SEGMENTS, maxEvents);
	}

	/**
	 * The {@code --param} values in the policy's units, checked against its declarations.
	 *
	 * @throws CommandLine.ParameterException naming the flag and the parameter
	 */
	Map<String, Long> policyParams(CommandLine cmd, CompiledPolicy policy) {
		Map<String, Long> out = new LinkedHashMap<>();
		for (String p : params) {
			int eq = p.indexOf('=');
			if (eq <= 0) {
				throw new CommandLine.ParameterException(cmd, "--param '" + p + "' is not NAME=VALUE");
			}
			String name = p.substring(0, eq).trim();
			String value = p.substring(eq + 1).trim();
			CompiledPolicy.ParamSpec spec = policy.params().get(name);
			if (spec == null) {
				throw new CommandLine.ParameterException(cmd, "--param: policy " + policy.name() + " has no parameter '"
						+ name + "'" + (policy.params().isEmpty() ? " (it has none)"
								: " (it has: " + String.join(", ", policy.params().keySet()) + ")"));
			}
			long v;
			try {
				v = switch (spec.type()) {
					case "time" -> value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Durations.parse(value);
					case "bool" -> switch (value) {
						case "true" -> 1L;
						case "false" -> 0L;
						default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
					};
					default -> Long.parseLong(value);
				};
			} catch (NumberFormatException e) {
				throw new CommandLine.ParameterException(cmd, "--param " + name + ": '" + value + "' is not an integer");
			} catch (IllegalArgumentException e) {
				throw new CommandLine.ParameterException(cmd, "--param " + name + ": " + e.getMessage());
			}
			if (v < spec.min() || v > spec.max()) {
				throw new CommandLine.ParameterException(cmd, "--param " + name + "=" + value + " is outside its range "
						+ range(spec) + " (policy " + policy.name() + ")");
			}
			out.put(name, v);
		}
		Interpreter interpreter;
		try {
			interpreter = policy.newInterpreter(out);
		} catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(cmd, "--param: " + e.getMessage());
		}
		long period = interpreter.balancePeriod();
		if (period > 0 && period < SimOptions.MIN_PERIOD_NS && !out.isEmpty()) {
			throw new CommandLine.ParameterException(cmd, "--param " + String.join(" --param ", params) + ": policy "
					+ policy.name() + " would balance every " + Durations.format(period) + ", below the simulator's shortest"
					+ " period of " + Durations.format(SimOptions.MIN_PERIOD_NS)
					+ " (docs/simulator.md, \"Limits\"): choose a longer period");
		}
		return out;
	}

	/** A parameter's range in its own units: durations as 1ms, not 1000000 (open ends as -inf/+inf). */
	static String range(CompiledPolicy.ParamSpec spec) {
		return "[" + bound(spec, spec.min(), "-inf") + ", " + bound(spec, spec.max(), "+inf") + "]";
	}

	private static String bound(CompiledPolicy.ParamSpec spec, long v, String open) {
		if (v == Long.MIN_VALUE || v == Long.MAX_VALUE) {
			return open;
		}
		return switch (spec.type()) {
			case "time" -> Durations.format(v);
			case "bool" -> v != 0 ? "true" : "false";
			default -> Long.toString(v);
		};
	}

	private static long duration(CommandLine cmd, String flag, String text) {
		try {
			return Durations.parse(text);
		} catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(cmd, flag + ": " + e.getMessage());
		}
	}

	String topologyLabel() {
		return topology;
	}
}
