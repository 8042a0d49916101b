package org.policy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.sim.Simulation;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.SimulationException;
import org.policy.sim.metrics.Summary;
import org.policy.sim.workload.Workload;
import org.policy.workload.VerifierRun;
import org.policy.workload.WorkloadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code policy simulate POLICY [options] --out DIR}: runs one policy on a workload or a trace and
 * writes metrics.json, CSV files, plots (PNG + SVG) and report.html into DIR, all or nothing.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
		description = "Simulate a policy on a multicore workload and write metrics, plots and a report.")
public final class SimulateCommand implements Callable<Integer> {

	@Spec
	CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "POLICY", description = "The policy file.")
	Path policyFile;

	@Mixin
	RunOptions run;

	@Option(names = { "-o", "--out" }, paramLabel = "DIR", required = true, description = "Output directory.")
	Path out;

	@Option(names = "--no-plots", description = "Write only metrics.json and the CSV files.")
	boolean noPlots;

	@Option(names = "--export-trace", description = "Also write schedule.json, a Chrome JSON trace that Perfetto opens.")
	boolean exportTrace;

	@Override
	public Integer call() throws InvalidPolicyException, WorkloadException {
		CommandLine cmd = spec.commandLine();
		PrintWriter err = cmd.getErr();
		CompiledPolicy policy = InputFiles.policy(cmd, policyFile).compile();
		Workload workload = run.loadWorkload(cmd);
		SimOptions options = run.simOptions(cmd, workload);
		Map<String, Long> params = run.policyParams(cmd, policy);
		try {
			workload = RunOptions.onMachine(workload, options);
		} catch (SimulationException e) {
			err.println(e.describe(workload.name(), policyFile));
			return ExitStatus.PROBLEM;
		}
		Simulation.Outcome outcome;
		// opened before the run, so that an unusable --out fails now rather than after it; an OutputException
		// reaches the policy command's handler, which reports it as a usage error
		try (AtomicOutput output = AtomicOutput.directory("--out", out)) {
			workload.warnings().forEach(err::println);
			Simulation.Request request = new Simulation.Request(policy, policyFile.toString(), params, workload, options,
					run.topologyLabel());
			if (workload.verifierRun() != null) {
				err.println(Simulation.replaysExactly(request)
						? workload.name() + ": replaying the verifier's exact run (" + workload.verifierRun().events().size()
								+ " steps on " + workload.verifierRun().cores() + " cores"
								+ (VerifierRun.FLAT.equals(workload.verifierRun().topology()) ? ""
										: " of topology " + workload.verifierRun().topology())
								+ ", one step drawn per "
								+ workload.verifierRun().stepNs() / 1000 + " us; its own parameters)"
						: workload.name() + ": a counterexample of policy '" + workload.verifierRun().policy()
								+ "': under '" + policy.name() + "' its rt-app tasks are simulated, not its exact run");
			}
			try (TerminalProgress progress = new TerminalProgress("simulate " + policy.name())) {
				outcome = Simulation.run(request, progress);
			} catch (SimulationException e) {
				err.println(e.describe(workload.name(), policyFile));
				return ExitStatus.PROBLEM;
			}
			Simulation.write(output, outcome, !noPlots, exportTrace);
		}
		Summary s = outcome.summary();
		cmd.getOut().println(String.format(Locale.ROOT,
				"%s on %s, %d cores, %.3f s simulated: utilisation %.1f%%, wasted-core %.3f ms, wakeup p99 %.1f us, "
						+ "%d migrations; wrote %s",
				policy.name(), workload.name(), outcome.info().cores(), s.durationNs() / 1e9, 100 * s.meanUtilisation(),
				s.wastedCoreNs() / 1e6, Math.max(0, s.latencyP99()) / 1e3, s.migrations(), out));
		return ExitStatus.OK;
	}
}
