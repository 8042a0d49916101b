package org.policy.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.output.OutputException;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.sim.engine.AffinityCheck;
import org.policy.sim.engine.ExactReplay;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.Simulator;
import org.policy.sim.metrics.MetricsWriter;
import org.policy.sim.metrics.RunInfo;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.plot.Charts;
import org.policy.sim.plot.Report;
import org.policy.sim.trace.PerfettoExport;
import org.policy.sim.workload.Workload;
import org.policy.workload.VerifierRun;

/**
 * The simulator's Java API: run one policy on one workload, and write what it measured.
 *
 * <pre>
 * Simulation.Outcome o = Simulation.run(new Simulation.Request(policy, "cfs.policy", Map.of(), workload,
 *         SimOptions.of(Topology.flat(8), 2_000_000_000L, 1), "flat"), Simulator.ProgressListener.NONE);
 * Simulation.write(Path.of("out"), o, true, false);
 * </pre>
 */
public final class Simulation {
	private Simulation() {
	}

	/** One run's inputs; {@code params} are policy parameter overrides in the parameter's unit (ns for time). */
	public record Request(CompiledPolicy policy, String policyFile, Map<String, Long> params, Workload workload,
			SimOptions options, String topologySpec) {
	}

	/** One run's results. */
	public record Outcome(RunInfo info, SimResult result, Summary summary) {
	}

	/**
	 * @throws IllegalArgumentException for a parameter the policy does not have, or out of range
	 * @throws org.policy.sim.engine.SimulationException when the policy faults or the workload is impossible
	 */
	public static Outcome run(Request request, Simulator.ProgressListener progress) {
		if (replaysExactly(request)) {
			return replay(request);
		}
		Simulator sim = new Simulator(request.policy(), request.params(), request.workload(), request.options());
		sim.setProgressListener(progress);
		SimResult result = sim.run();
		SimOptions o = request.options();
		RunInfo info = new RunInfo(request.policyFile(), request.workload().name(), o.topology().cores(),
				request.topologySpec(), o.seed(), o.hz(), o.contextSwitchNs(), o.horizonNs(),
				new LinkedHashMap<>(request.params()), request.workload().warnings());
		return new Outcome(info, result, Summary.of(result));
	}

	/**
	 * Whether the request replays a verifier counterexample event by event ({@link ExactReplay}): the
	 * workload carries the verifier's exact run and the policy is the one it was found for. Under
	 * another policy the counterexample's rt-app tasks are simulated like any workload.
	 */
	public static boolean replaysExactly(Request request) {
		VerifierRun run = request.workload().verifierRun();
		return run != null && run.policy().equals(request.policy().name());
	}

	/** Thread tK's inputs are those of the workload's task tK, where the verifier wrote them. */
	private static ThreadInputs[] replayInputs(Workload workload, VerifierRun run) {
		ThreadInputs[] inputs = new ThreadInputs[run.threads()];
		for (int k = 0; k < inputs.length; k++) {
			int task = workload.taskIndex("t" + k);
			inputs[k] = task < 0 ? ThreadInputs.DEFAULT : workload.tasks().get(task).inputs();
		}
		return inputs;
	}

	private static Outcome replay(Request request) {
		VerifierRun run = request.workload().verifierRun();
		// the run's own machine: its tasks' cpus must name some of its cores, as in any simulation
		AffinityCheck.check(request.workload(), run.cores());
		SimOptions o = ExactReplay.optionsFor(run, request.options());
		SimResult result = new ExactReplay(request.policy(), run, request.workload().name(), o,
				replayInputs(request.workload(), run)).run();
		RunInfo info = new RunInfo(request.policyFile(), request.workload().name() + " (the verifier's exact run)",
				run.cores(), run.topology(), o.seed(), o.hz(), 0, o.horizonNs(), new LinkedHashMap<>(run.params()),
				request.workload().warnings());
		return new Outcome(info, result, Summary.of(result));
	}

	/**
	 * Writes metrics.json and the CSV files, the plots (PNG and SVG) and report.html when {@code plots},
	 * and schedule.json (Chrome trace events for Perfetto) when {@code exportTrace}; all or nothing.
	 *
	 * @throws OutputException when {@code dir} cannot be written, the message naming it as "output"
	 */
	public static void write(Path dir, Outcome outcome, boolean plots, boolean exportTrace) {
		try (AtomicOutput out = AtomicOutput.directory("output", dir)) {
			write(out, outcome, plots, exportTrace);
		}
	}

	/** Like {@link #write(Path, Outcome, boolean, boolean)}, into an output the caller opened (and checked) before the run. */
	public static void write(AtomicOutput out, Outcome outcome, boolean plots, boolean exportTrace) {
		out.write(staging -> {
			MetricsWriter.writeAll(staging, outcome.info(), outcome.result(), outcome.summary());
			if (plots) {
				Charts.writeRunCharts(staging, outcome.result());
				Report.writeRun(staging, outcome);
			}
			if (exportTrace) {
				PerfettoExport.write(staging.resolve("schedule.json"), outcome.result());
			}
		});
	}
}
