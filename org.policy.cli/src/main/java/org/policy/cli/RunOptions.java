package org.policy.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.TopologySpec;
import org.policy.sim.engine.AffinityCheck;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.SimulationException;
import org.policy.sim.io.InputPath;
import org.policy.sim.io.UnreadableInputException;
import org.policy.sim.trace.TraceImport;
import org.policy.sim.workload.Workload;
import org.policy.sim.workload.Workloads;
import org.policy.workload.WorkloadException;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The options every simulation command shares: what to run, on which machine, for how long. */
final class RunOptions {
	@Option(names = { "-w", "--workload" }, paramLabel = "FILE|NAME",
			description = "rt-app JSON file, or a built-in: mixed (default), cpu-bound, io-bound, hackbench, periodic, group-imbalance.")
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

	@Option(names = "--kick-latency", paramLabel = "T", defaultValue = "0ns",
			description = "How long a pending reschedule takes to reach its core (the IPI), e.g. 5us (default 0;"
					+ " docs/simulator.md).")
	String kickLatency;

	@Option(names = "--idle-exit-latency", paramLabel = "T", defaultValue = "0ns",
			description = "How long a core that ran nothing takes to start the thread it is given (a C-state's exit"
					+ " latency), e.g. 50us (default 0; docs/simulator.md).")
	String idleExitLatency;

	@Option(names = { "-p", PolicyParams.OPTION }, paramLabel = "NAME=VALUE",
			description = "Set a policy parameter (repeatable); durations take a unit (slice=4ms).")
	List<String> params = new ArrayList<>();

	@Option(names = "--max-threads", paramLabel = "N", defaultValue = "0",
			description = "Most threads the run may create (default: estimated from the workload).")
	int maxThreads;

	@Option(names = "--max-events", paramLabel = "N", defaultValue = "0",
			description = "The event budget: most events the run may handle (default 2^31, a few minutes).")
	long maxEvents;

	@Option(names = "--abort-at-deadline",
			description = "Abort a periodic job still unfinished at its deadline: the rest of its work is dropped and"
					+ " its thread waits for its next release (default: it runs to its end, late).")
	boolean abortAtDeadline;

	/**
	 * Loads the workload or trace; messages name the file, line and column.
	 *
	 * @throws UsageError        for contradicting or unknown flag values, and for a file that cannot be opened
	 * @throws WorkloadException for a file with errors, or one that fails while it is read (the command's
	 *                           handler reports it: exit status 1)
	 */
	Workload loadWorkload(CommandLine cmd) throws WorkloadException {
		if (workload != null && trace != null) {
			throw new UsageError(cmd, "--workload and --trace exclude each other");
		}
		if (!List.of("auto", "ftrace", "trace-cmd", "perf").contains(traceFormat)) {
			throw Flags.error(cmd, "--trace-format", "must be auto, ftrace, trace-cmd or perf, not '" + traceFormat + "'");
		}
		try {
			if (trace != null) {
				InputPath.check("--trace", trace);
				return TraceImport.load(trace, traceFormat, skipBadLines);
			}
			try {
				return Workloads.load(workload == null ? Workloads.DEFAULT : workload);
			} catch (UnreadableInputException e) {
				throw new UnreadableInputException("--workload " + e.getMessage());
			}
		} catch (UnreadableInputException e) {
			throw new UsageError(cmd, e.getMessage(), e);
		} catch (IOException e) {
			String file = trace != null ? trace.toString() : workload != null ? workload : Workloads.DEFAULT;
			throw new WorkloadException(file, 1, 1, "cannot read the workload: " + e.getMessage());
		}
	}

	/** @throws UsageError naming the flag */
	SimOptions simOptions(CommandLine cmd, Workload w) {
		Flags.between(cmd, "--cores", cores, 1, 4096);
		Flags.between(cmd, "--hz", hz, 1, 100_000);
		if (maxThreads < 0 || maxThreads > SimOptions.MAX_THREADS) {
			throw Flags.error(cmd, "--max-threads", "must be between 1 and " + SimOptions.MAX_THREADS
					+ " (0: estimated from the workload), not " + maxThreads);
		}
		if (maxEvents < 0) {
			throw Flags.error(cmd, "--max-events", "must be positive (0: the default, 2^31), not " + maxEvents);
		}
		Topology topo;
		try {
			topo = TopologySpec.parse(topology, cores);
		} catch (IllegalArgumentException e) {
			throw Flags.error(cmd, "--topology", e.getMessage());
		}
		long horizon = duration != null ? Flags.duration(cmd, "--duration", duration)
				: w.durationNs() > 0 ? w.durationNs() : 10_000_000_000L;
		if (horizon <= 0) {
			throw Flags.error(cmd, "--duration", "must be positive, not " + duration);
		}
		// a duration is never negative (Durations.parse takes no sign): nothing more to check here
		long cs = Flags.duration(cmd, "--cs-cost", contextSwitch);
		long kick = Flags.duration(cmd, "--kick-latency", kickLatency);
		long idleExit = Flags.duration(cmd, "--idle-exit-latency", idleExitLatency);
		long s = seed != null ? seed : w.seed() != null ? w.seed() : 1L;
		return new SimOptions(topo, horizon, hz, s, cs, maxThreads, SimOptions.DEFAULT_BUCKETS,
				SimOptions.DEFAULT_MAX_SEGMENTS, maxEvents, abortAtDeadline, kick, idleExit);
	}

	/**
	 * The workload as it runs on the machine of {@code options}: with a warning for each rt-app {@code cpus}
	 * list that names cores the machine lacks ({@link AffinityCheck}).
	 *
	 * @throws SimulationException at the list's file:line:col when a list names none of the machine's cores
	 */
	static Workload onMachine(Workload w, SimOptions options) {
		return w.withWarnings(AffinityCheck.check(w, options.topology().cores()));
	}

	/**
	 * The {@code --param} values for {@code policy} ({@link PolicyParams}), which the simulator can run: a
	 * balancing period below its shortest is refused here, with the flag.
	 *
	 * @throws UsageError naming the flag and the parameter
	 */
	Map<String, Long> policyParams(CommandLine cmd, CompiledPolicy policy) {
		return policyParams(cmd, policy, params);
	}

	/** The same for the settings {@code settings}, a part of {@code --param} (compare: those of one policy). */
	static Map<String, Long> policyParams(CommandLine cmd, CompiledPolicy policy, List<String> settings) {
		Map<String, Long> values = PolicyParams.parse(cmd, policy, settings);
		long period = policy.newInterpreter(values).balancePeriod();
		if (period > 0 && period < SimOptions.MIN_PERIOD_NS && !values.isEmpty()) {
			throw Flags.error(cmd, PolicyParams.OPTION, String.join(" ", settings) + ": policy " + policy.name()
					+ " would balance every " + Durations.format(period) + ", below the simulator's shortest period of "
					+ Durations.format(SimOptions.MIN_PERIOD_NS) + " (docs/simulator.md, \"Limits\"): choose a longer period");
		}
		return values;
	}

	String topologyLabel() {
		return topology;
	}
}
