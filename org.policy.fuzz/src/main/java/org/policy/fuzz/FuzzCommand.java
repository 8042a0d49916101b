package org.policy.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.policy.cli.ExtraCommand;
import org.policy.dsl.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code policy fuzz}: a developer tool, hidden from {@code policy --help} (docs/fuzzing.md). Runs any
 * number of generated inputs of a kind through the {@link Oracle} and reports inputs, inputs/s, crashes,
 * hangs and unpositioned errors; the first input of each finding category is written as a reproducer.
 * Exit status 1 if a finding is not on the {@link KnownDefects} list.
 */
@Command(name = "fuzz", hidden = true, mixinStandardHelpOptions = true,
		description = "Developer tool: fuzz the toolchain with generated inputs (docs/fuzzing.md).")
public final class FuzzCommand implements Callable<Integer>, ExtraCommand {
	@Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--kind", defaultValue = "all", paramLabel = "KIND",
			description = "policy, workload, trace, cli, lsp or all (default: all).")
	String kind;

	@Option(names = "--inputs", defaultValue = "1000", paramLabel = "N", description = "Inputs per kind (default: 1000).")
	long inputs;

	@Option(names = "--from", defaultValue = "0", paramLabel = "I", description = "Index of the first input (default: 0).")
	long from;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: 1).")
	long seed;

	@Option(names = "--time-limit", defaultValue = "2s", paramLabel = "T",
			description = "Per input: longer is a hang (default: 2s).")
	String timeLimit;

	@Option(names = "--findings", defaultValue = "fuzz-findings", paramLabel = "DIR",
			description = "Where reproducers go (default: fuzz-findings).")
	Path findings;

	@Option(names = "--max-reproducers", defaultValue = "20", paramLabel = "N",
			description = "Reproducers written per kind, one per category (default: 20).")
	int maxReproducers;

	@Option(names = "--policies", paramLabel = "DIR",
			description = "The policy library to mutate (default: policies/ of the repository).")
	Path policies;

	@Override
	public Integer call() throws IOException {
		CommandLine cmd = spec.commandLine();
		PrintWriter out = cmd.getOut();
		List<Kind> kinds = new ArrayList<>();
		if (kind.equals("all")) {
			kinds.addAll(List.of(Kind.values()));
		} else {
			try {
				kinds.add(Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
			} catch (IllegalArgumentException e) {
				throw new CommandLine.ParameterException(cmd,
						"Invalid value for option '--kind': '" + kind + "' (policy, workload, trace, cli, lsp, all)");
			}
		}
		if (inputs < 0 || from < 0) {
			throw new CommandLine.ParameterException(cmd, "--inputs and --from must be >= 0");
		}
		long limitNs;
		try {
			limitNs = Durations.parse(timeLimit);
		} catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(cmd, "--time-limit: " + e.getMessage());
		}
		if (limitNs <= 0) {
			throw new CommandLine.ParameterException(cmd, "--time-limit must be more than 0");
		}
		Path library = policies != null ? policies : Path.of(System.getProperty("policy.home", "."), "policies");
		if (!Files.isDirectory(library)) {
			throw new CommandLine.ParameterException(cmd, "no policy library at " + library + " (use --policies DIR)");
		}
		Path scratch = Files.createTempDirectory("policy-fuzz-");
		boolean anyNew = false;
		try {
			Setup setup = new Setup(library, scratch);
			out.printf(Locale.ROOT, "%-9s %9s %9s %8s %6s %13s %6s %s%n", "kind", "inputs", "inputs/s", "crashes", "hangs",
					"unpositioned", "other", "categories (known defect or NEW)");
			for (Kind k : kinds) {
				Campaign.Result r = setup.campaign(k, Duration.ofNanos(limitNs)).run(from, inputs, seed);
				List<String> cats = r.categories.entrySet().stream()
						.map(e -> e.getKey() + " x" + e.getValue().count + " [" + (e.getValue().known == null ? "NEW" : e.getValue().known) + "]")
						.toList();
				out.printf(Locale.ROOT, "%-9s %9d %9.1f %8d %6d %13d %6d %s%n", k.label(), r.inputs, r.perSecond(), r.crashes,
						r.hangs, r.unpositioned, r.other, String.join(", ", cats));
				out.flush();
				if (!r.categories.isEmpty()) {
					Campaign.writeReproducers(r, findings.resolve(k.label()), seed, maxReproducers);
				}
				anyNew |= !r.unknown().isEmpty();
			}
			if (Files.isDirectory(findings)) {
				out.println("reproducers: " + findings);
			}
		} finally {
			try (var all = Files.walk(scratch)) {
				all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		return anyNew ? 1 : 0;
	}
}
