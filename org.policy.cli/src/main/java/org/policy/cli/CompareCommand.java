package org.policy.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.sim.Simulation;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.SimulationException;
import org.policy.sim.metrics.MetricsWriter;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.plot.Charts;
import org.policy.sim.plot.ComparisonNotes;
import org.policy.sim.plot.Report;
import org.policy.sim.workload.Workload;
import org.policy.workload.WorkloadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code policy compare P1 P2 ... --out DIR}: runs each policy on the same workload, machine and seed,
 * and writes compare.json, compare.csv, one metrics file per policy, bar charts, latency CDFs and
 * report.html, and says in sentences what differs (ComparisonNotes). {@code --param} applies to every policy that has the parameter.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
		description = "Simulate several policies on the same workload and compare them side by side.")
public final class CompareCommand implements Callable<Integer> {
	@Spec
	CommandLine.Model.CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "POLICY", description = "Policy files (at least one).")
	List<Path> policyFiles;

	@Mixin
	RunOptions run;

	@Option(names = { "-o", "--out" }, paramLabel = "DIR", required = true, description = "Output directory.")
	Path out;

	@Override
	public Integer call() throws InvalidPolicyException, WorkloadException {
		CommandLine cmd = spec.commandLine();
		PrintWriter err = cmd.getErr();
		List<CompiledPolicy> policies = new ArrayList<>();
		for (Path p : policyFiles) {
			policies.add(InputFiles.policy(cmd, p).compile());
		}
		Workload workload = run.loadWorkload(cmd);
		SimOptions options = run.simOptions(cmd, workload);
		try {
			workload = RunOptions.onMachine(workload, options);
		} catch (SimulationException e) {
			err.println(e.describe(workload.name(), policyFiles.get(0)));
			return ExitStatus.PROBLEM;
		}
		List<String> names = uniqueNames(policies);
		long threadsAtStart = workload.tasks().stream().mapToLong(t -> t.instances()).sum();
		workload.warnings().forEach(err::println);
		List<Simulation.Outcome> outcomes = new ArrayList<>();
		// opened before the runs, so that an unusable --out fails now; an OutputException reaches the policy
		// command's handler, which reports it as a usage error
		try (AtomicOutput output = AtomicOutput.directory("--out", out)) {
			for (int i = 0; i < policies.size(); i++) {
				CompiledPolicy policy = policies.get(i);
				Map<String, Long> params = paramsFor(cmd, policy, policies);
				try (TerminalProgress progress = new TerminalProgress("simulate " + names.get(i))) {
					outcomes.add(Simulation.run(new Simulation.Request(policy, policyFiles.get(i).toString(), params,
							workload, options, run.topologyLabel()), progress));
				} catch (SimulationException e) {
					err.println(e.describe(workload.name(), policyFiles.get(i)));
					return ExitStatus.PROBLEM;
				}
			}
			output.write(dir -> {
				for (int i = 0; i < outcomes.size(); i++) {
					Simulation.Outcome o = outcomes.get(i);
					try (OutputStream s = Files.newOutputStream(dir.resolve(names.get(i) + "-metrics.json"))) {
						MetricsWriter.writeJson(s, o.info(), o.result(), o.summary());
					}
				}
				writeComparison(dir, names, outcomes);
				List<SimResult> results = outcomes.stream().map(Simulation.Outcome::result).toList();
				List<Summary> summaries = outcomes.stream().map(Simulation.Outcome::summary).toList();
				Charts.writeComparisonCharts(dir, names, results, summaries);
				Report.writeComparison(dir, names, outcomes, threadsAtStart);
			});
		}
		for (int i = 0; i < names.size(); i++) {
			Summary s = outcomes.get(i).summary();
			cmd.getOut().println(String.format(Locale.ROOT, "%-16s utilisation %6.2f%%  wasted-core %9.3f ms  p99 %9.1f us  "
					+ "migrations %d", names.get(i), 100 * s.meanUtilisation(), s.wastedCoreNs() / 1e6,
					Math.max(0, s.latencyP99()) / 1e3, s.migrations()));
		}
		// the figures above alone leave a reader to guess whether the policies differ, and why "the same
		// workload" created different numbers of threads: say it (report.html lists the same sentences)
		for (String note : ComparisonNotes.of(names, outcomes.stream().map(Simulation.Outcome::summary).toList(),
				threadsAtStart)) {
			cmd.getOut().println("  " + note);
		}
		cmd.getOut().println("wrote " + out);
		return ExitStatus.OK;
	}

	/** Each --param goes to the policies that declare it; a name no policy declares is an error. */
	private Map<String, Long> paramsFor(CommandLine cmd, CompiledPolicy policy, List<CompiledPolicy> all) {
		List<String> mine = new ArrayList<>();
		for (String p : run.params) {
			String name = p.contains("=") ? p.substring(0, p.indexOf('=')).trim() : p;
			if (all.stream().noneMatch(q -> q.params().containsKey(name))) {
				throw Flags.error(cmd, PolicyParams.OPTION, "no compared policy has a parameter '" + name + "'");
			}
			if (policy.params().containsKey(name)) {
				mine.add(p);
			}
		}
		return RunOptions.policyParams(cmd, policy, mine);
	}

	/** Policy names, made unique with -2, -3 ... when two files declare the same name. */
	static List<String> uniqueNames(List<CompiledPolicy> policies) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> names = new ArrayList<>();
		for (CompiledPolicy p : policies) {
			String n = p.name();
			for (int k = 2; !seen.add(n); k++) {
				n = p.name() + "-" + k;
			}
			names.add(n);
		}
		return names;
	}

	private static void writeComparison(Path dir, List<String> names, List<Simulation.Outcome> outcomes) throws IOException {
		try (OutputStream s = Files.newOutputStream(dir.resolve("compare.json"));
				JsonGenerator g = new JsonFactory().createGenerator(s, JsonEncoding.UTF8)) {
			g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
			g.writeStartObject();
			g.writeStringField("workload", outcomes.get(0).info().workload());
			g.writeNumberField("cores", outcomes.get(0).info().cores());
			g.writeNumberField("seed", outcomes.get(0).info().seed());
			g.writeArrayFieldStart("policies");
			for (int i = 0; i < names.size(); i++) {
				Summary m = outcomes.get(i).summary();
				g.writeStartObject();
				g.writeStringField("name", names.get(i));
				g.writeStringField("metrics", names.get(i) + "-metrics.json");
				g.writeNumberField("mean_utilisation", Math.round(m.meanUtilisation() * 1e6) / 1e6);
				g.writeNumberField("wasted_core_ns", m.wastedCoreNs());
				g.writeNumberField("latency_p50_ns", m.latencyP50());
				g.writeNumberField("latency_p99_ns", m.latencyP99());
				g.writeNumberField("jain", Math.round(m.jainFairness() * 1e6) / 1e6);
				g.writeNumberField("migrations", m.migrations());
				g.writeNumberField("context_switches", m.contextSwitches());
				g.writeNumberField("makespan_ns", m.makespanNs());
				g.writeNumberField("deadline_misses", m.deadlineMisses());
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeEndObject();
			g.writeRaw('\n');
		}
		StringBuilder csv = new StringBuilder("policy,mean_utilisation,wasted_core_ns,latency_p50_ns,latency_p99_ns,jain,"
				+ "migrations,context_switches,makespan_ns,deadline_misses\n");
		for (int i = 0; i < names.size(); i++) {
			Summary m = outcomes.get(i).summary();
			csv.append(names.get(i)).append(',').append(MetricsWriter.fixed(m.meanUtilisation())).append(',')
					.append(m.wastedCoreNs()).append(',').append(m.latencyP50()).append(',').append(m.latencyP99())
					.append(',').append(MetricsWriter.fixed(m.jainFairness())).append(',').append(m.migrations())
					.append(',').append(m.contextSwitches()).append(',').append(m.makespanNs()).append(',')
					.append(m.deadlineMisses()).append('\n');
		}
		Files.writeString(dir.resolve("compare.csv"), csv);
	}
}
