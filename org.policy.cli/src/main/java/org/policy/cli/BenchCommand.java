package org.policy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.SimulationException;
import org.policy.sim.engine.Simulator;
import org.policy.sim.io.UnreadableInputException;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.Workload;
import org.policy.sim.workload.Workloads;
import org.policy.workload.WorkloadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code policy simulate-bench POLICY}: how fast the simulator runs a policy. Runs the workload
 * (default: the built-in mixed one scaled to 1000 threads) on 64 cores, after warm-up runs that let
 * the JIT settle, and reports scheduling events per wall second and simulated seconds per wall second.
 * Speed is measured here, never in tests.
 */
@Command(name = "simulate-bench", mixinStandardHelpOptions = true,
		description = "Measure simulator speed: events/s and simulated seconds per wall second.")
public final class BenchCommand implements Callable<Integer> {
	@Spec
	CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "POLICY", description = "The policy file.")
	Path policyFile;

	@Option(names = { "-w", "--workload" }, paramLabel = "FILE|NAME", defaultValue = "mixed",
			description = "Workload (default mixed).")
	String workload;

	@Option(names = "--threads", defaultValue = "1000", description = "Scale the workload to this many threads (default 1000).")
	int threads;

	@Option(names = { "-c", "--cores" }, defaultValue = "64", description = "Cores (default 64).")
	int cores;

	@Option(names = { "-d", "--duration" }, defaultValue = "10s", description = "Simulated time per run (default 10s).")
	String duration;

	@Option(names = "--warmup", defaultValue = "3", description = "Warm-up runs (default 3).")
	int warmup;

	@Option(names = "--runs", defaultValue = "3", description = "Measured runs; the best is reported (default 3).")
	int runs;

	@Override
	public Integer call() throws InvalidPolicyException {
		CommandLine cmd = spec.commandLine();
		PrintWriter out = cmd.getOut();
		long horizon = Flags.duration(cmd, "--duration", duration);
		Flags.between(cmd, "--threads", threads, 1, Integer.MAX_VALUE);
		Flags.between(cmd, "--cores", cores, 1, 4096);
		Flags.between(cmd, "--runs", runs, 1, Integer.MAX_VALUE);
		Flags.between(cmd, "--warmup", warmup, 0, Integer.MAX_VALUE);
		CompiledPolicy policy = InputFiles.policy(cmd, policyFile).compile();
		Workload w;
		try {
			w = Workloads.load(workload).scaledTo(threads);
		} catch (UnreadableInputException e) {
			throw new UsageError(cmd, "--workload " + e.getMessage(), e);
		} catch (WorkloadException | IOException | IllegalArgumentException e) {
			cmd.getErr().println(e.getMessage());
			return ExitStatus.PROBLEM;
		}
		SimOptions options = SimOptions.of(Topology.flat(cores), horizon, 1).withMaxSegments(0);
		try {
			for (int i = 0; i < warmup; i++) {
				new Simulator(policy, Map.of(), w, options).run();
			}
			// CPU time of this thread as well as wall time: on a shared machine the wall clock also counts
			// the time other processes had the core, CPU time only ours (the run is single-threaded)
			ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
			double bestCpuRate = 0;
			double bestWallRate = 0;
			double bestSimPerCpu = 0;
			long events = 0;
			for (int i = 0; i < runs; i++) {
				Simulator sim = new Simulator(policy, Map.of(), w, options);
				long cpuStart = cpu.getCurrentThreadCpuTime();
				long start = System.nanoTime();
				SimResult r = sim.run();
				long wall = System.nanoTime() - start;
				long cpuNs = Math.max(1, cpu.getCurrentThreadCpuTime() - cpuStart);
				events = r.events();
				bestWallRate = Math.max(bestWallRate, r.events() / (wall / 1e9));
				if (r.events() / (cpuNs / 1e9) > bestCpuRate) {
					bestCpuRate = r.events() / (cpuNs / 1e9);
					bestSimPerCpu = (r.endNs() / 1e9) / (cpuNs / 1e9);
				}
			}
			out.println(String.format(Locale.ROOT, "%s on %s, %d cores, %d threads at start, %s simulated, %d events; "
					+ "best of %d runs: %.2f M events per CPU second (%.2f M per wall second), "
					+ "%.3f simulated s per CPU second", policy.name(), w.name(), cores,
					w.tasks().stream().mapToInt(t -> t.instances()).sum(), duration, events, runs, bestCpuRate / 1e6,
					bestWallRate / 1e6, bestSimPerCpu));
		} catch (SimulationException e) {
			cmd.getErr().println(e.describe(w.name(), policyFile));
			return ExitStatus.PROBLEM;
		}
		return ExitStatus.OK;
	}
}
