package org.policy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.policy.cli.sweep.RunIds;
import org.policy.cli.sweep.RunRecord;
import org.policy.cli.sweep.RunStore;
import org.policy.cli.sweep.SpecException;
import org.policy.cli.sweep.SlurmScripts;
import org.policy.cli.sweep.SweepDirException;
import org.policy.cli.sweep.SweepRun;
import org.policy.cli.sweep.SweepSpec;
import org.policy.cli.sweep.SweepSpecReader;
import org.policy.cli.sweep.SweepCharts;
import org.policy.cli.sweep.SweepReport;
import org.policy.cli.sweep.SweepTables;
import org.policy.dsl.load.InputFile;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.sim.engine.SimulationException;
import org.policy.workload.WorkloadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code policy sweep SPEC --out DIR}: every run a SPEC names (policies × parameter grids × workloads ×
 * core counts × topologies × seeds) in one JVM on {@code --jobs} threads, resumable, into runs.csv and
 * summary.csv (docs/sweeps.md); {@code --shard I/N} runs a fixed part of them and {@code --merge}
 * joins the parts.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
		description = "Run many simulations from one SPEC, in parallel and resumable: runs.csv and summary.csv "
				+ "(mean and 95%% interval across seeds).")
public final class SweepCommand implements Callable<Integer> {
	@Spec
	CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The sweep's SPEC (.yaml, .yml or .json).")
	String specFile;

	@Option(names = { "-o", "--out" }, paramLabel = "DIR", required = true, description = "Output directory.")
	Path out;

	@Option(names = { "-j", "--jobs" }, paramLabel = "N", description = "Runs at once (default: the available processors).")
	Integer jobs;

	@Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N: the runs whose canonical index mod N is I-1.")
	String shard;

	@Option(names = "--no-plots", description = "Write only the tables, no plots and no report.html.")
	boolean noPlots;

	@Option(names = "--merge", arity = "1..*", paramLabel = "DIR",
			description = "Join the shard directories of one SPEC into --out, instead of running.")
	List<Path> merge;

	@Option(names = "--slurm", description = "Instead of running, write a Slurm job array (one task per shard) and a"
			+ " merge job into DIR/slurm/; see --submit.")
	boolean slurm;

	@Option(names = "--shards", paramLabel = "N", defaultValue = "4", description = "With --slurm: the number of shards, one array task each"
			+ " (default: ${DEFAULT-VALUE}, at most the number of runs).")
	int shards;

	@Option(names = "--submit", description = "With --slurm: submit both jobs with sbatch and print their ids.")
	boolean submit;

	@Option(names = "--sbatch", paramLabel = "PATH", description = "With --submit: the sbatch to run (default: sbatch on PATH).")
	String sbatch;

	@Option(names = "--partition", paramLabel = "NAME", description = "With --slurm: the jobs' partition (#SBATCH --partition).")
	String partition;

	@Option(names = "--account", paramLabel = "NAME", description = "With --slurm: the account charged (#SBATCH --account).")
	String account;

	@Option(names = "--time", paramLabel = "LIMIT", description = "With --slurm: each job's time limit in Slurm's format,"
			+ " e.g. 30, 2:00:00, 1-12 (#SBATCH --time).")
	String time;

	@Option(names = "--cpus-per-task", paramLabel = "N", description = "With --slurm: CPUs per array task; the task runs"
			+ " that many runs at once (default: Slurm's, one).")
	Integer cpusPerTask;

	@Override
	public Integer call() throws InvalidPolicyException, WorkloadException {
		CommandLine cmd = spec.commandLine();
		PrintWriter err = cmd.getErr();
		SweepSlurmOptions.checkOnlyWithSlurm(cmd, this);
		if (merge != null) {
			if (specFile != null || shard != null || jobs != null) {
				throw new UsageError(cmd, "--merge takes shard directories and --out only, not "
						+ (specFile != null ? "a SPEC" : shard != null ? "--shard" : "--jobs"));
			}
			try {
				int runs = SweepMerge.merge(merge, out, !noPlots);
				cmd.getOut().println("merged " + merge.size() + " shards, " + runs + " runs; wrote " + out);
				return ExitStatus.OK;
			} catch (SweepDirException e) {
				throw new UsageError(cmd, "--merge: " + e.getMessage());
			}
		}
		if (specFile == null) {
			throw new UsageError(cmd, "missing SPEC (or --merge DIR...)");
		}
		int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : (int) Flags.between(cmd, "--jobs", jobs, 1, 1024);
		int[] part = shard == null ? new int[] { 1, 1 } : shard(cmd, shard);
		SlurmScripts slurmScripts = slurm ? SweepSlurmOptions.scripts(cmd, this) : null;
		List<SweepRun> all;
		try {
			all = SweepPlanner.plan(readSpec(cmd));
		} catch (SpecException e) {
			err.println(e.getMessage());
			return ExitStatus.PROBLEM;
		} catch (SimulationException e) {
			err.println(e.describe(specFile, specFile));
			return ExitStatus.PROBLEM;
		}
		if (slurm) {
			// the SPEC is checked here, before anything is written: an error is reported now, not in a job's log
			return SweepSlurmOptions.writeAndSubmit(cmd, this, slurmScripts, all.stream().map(SweepRun::id).toList());
		}
		List<String> ids = all.stream().map(SweepRun::id).toList();
		RunStore.Manifest manifest = new RunStore.Manifest(RunIds.specHash(ids), part[0], part[1], ids);
		RunStore store = new RunStore(out);
		Set<String> done;
		try {
			done = store.open(manifest);
		} catch (SweepDirException e) {
			throw Flags.error(cmd, "--out", e.getMessage());
		}
		List<SweepRun> mine = all.stream().filter(r -> manifest.owns(r.index())).toList();
		List<SweepRun> todo = mine.stream().filter(r -> !done.contains(r.id())).toList();
		SweepExecutor.Failure failure;
		try (SweepProgress progress = new SweepProgress(err, "sweep", mine.size(), mine.size() - todo.size())) {
			failure = SweepExecutor.run(todo, threads, store, progress);
		}
		if (failure != null) {
			err.println(failure.message());
			err.println("sweep: stopped; the finished runs are kept in " + out + ": run the same command again to resume");
			return ExitStatus.PROBLEM;
		}
		try {
			List<RunRecord> records = new ArrayList<>();
			for (SweepRun r : mine) {
				records.add(store.load(r.id()));
			}
			SweepTables.write(out, records, part[1] == 1);
			if (part[1] == 1 && !noPlots) {
				SweepReport.write(out, records, SweepCharts.write(out, records));
			}
		} catch (SweepDirException e) {
			throw Flags.error(cmd, "--out", e.getMessage());
		} catch (IOException e) {
			throw Flags.error(cmd, "--out", "cannot write " + out + ": " + e.getMessage());
		}
		cmd.getOut().println("sweep: " + mine.size() + " runs" + (part[1] > 1 ? " (shard " + shard + " of " + all.size() + ")" : "")
				+ ", " + todo.size() + " run now, " + (mine.size() - todo.size()) + " already done; wrote " + out);
		return ExitStatus.OK;
	}

	/** @throws SpecException at its file:line:col, reported like a workload with errors (exit 1) */
	private SweepSpec readSpec(CommandLine cmd) throws SpecException {
		String problem = InputFile.problem(specFile);
		if (problem != null) {
			throw Flags.error(cmd, "SPEC", specFile + ": " + problem);
		}
		if (!SweepSpecReader.knownFormat(specFile)) {
			throw Flags.error(cmd, "SPEC", specFile + ": a SPEC is .yaml, .yml or .json");
		}
		try (Reader in = Files.newBufferedReader(Path.of(specFile), StandardCharsets.UTF_8)) {
			return SweepSpecReader.read(specFile, in);
		} catch (IOException e) {
			throw Flags.error(cmd, "SPEC", specFile + ": cannot be read: " + e.getMessage());
		}
	}

	private static int[] shard(CommandLine cmd, String text) {
		String[] parts = text.split("/", -1);
		try {
			if (parts.length == 2) {
				int i = Integer.parseInt(parts[0].trim());
				int n = Integer.parseInt(parts[1].trim());
				if (n >= 1 && i >= 1 && i <= n) {
					return new int[] { i, n };
				}
			}
		} catch (NumberFormatException e) {
			// falls through to the message
		}
		throw Flags.error(cmd, "--shard", "must be I/N with 1 <= I <= N, e.g. 2/3, not '" + text + "'");
	}
}
