package org.policy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.policy.cli.sweep.RunStore;
import org.policy.cli.sweep.SlurmScripts;
import org.policy.cli.sweep.SweepDirException;
import picocli.CommandLine;

/** The checks of {@code sweep}'s Slurm options, and what {@code --slurm} does once the SPEC is read. */
final class SweepSlurmOptions {
	/** Partition and account names: one word, so that they cannot break an #SBATCH line. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,+-]+");
	/** Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
	private static final Pattern TIME = Pattern.compile("[0-9]+(-[0-9]+)?(:[0-9]+){0,2}|UNLIMITED|INFINITE");
	private static final List<String> SLURM_ONLY = List.of("--shards", "--submit", "--sbatch", "--partition", "--account",
			"--time", "--cpus-per-task");

	private SweepSlurmOptions() {
	}

	/** Refuses a Slurm option without --slurm, and --slurm with the options of a single run. */
	static void checkOnlyWithSlurm(CommandLine cmd, SweepCommand c) {
		CommandLine.ParseResult parsed = cmd.getParseResult();
		if (!c.slurm) {
			for (String flag : SLURM_ONLY) {
				if (parsed.hasMatchedOption(flag)) {
					throw Flags.error(cmd, flag, "only with --slurm");
				}
			}
			return;
		}
		if (c.merge != null || c.shard != null) {
			throw Flags.error(cmd, "--slurm", "writes the shards' and the merge's jobs itself: not with "
					+ (c.merge != null ? "--merge" : "--shard") + " (use --shards N for the number of shards)");
		}
		if (parsed.hasMatchedOption("--sbatch") && !c.submit) {
			throw Flags.error(cmd, "--sbatch", "only with --submit");
		}
	}

	/** The scripts the flags ask for (SPEC not read yet). */
	static SlurmScripts scripts(CommandLine cmd, SweepCommand c) {
		Flags.between(cmd, "--shards", c.shards, 1, 10000);
		if (c.specFile == null) {
			throw new UsageError(cmd, "--slurm: missing SPEC");
		}
		String home = System.getProperty(org.policy.sim.plot.Report.HOME_PROPERTY);
		if (home == null || home.isEmpty()) {
			throw Flags.error(cmd, "--slurm", "the jobs run this installation's bin/policy, but its folder is unknown:"
					+ " run the command through bin/policy");
		}
		Path policy = Path.of(home, "bin", "policy").toAbsolutePath().normalize();
		Path spec = Path.of(c.specFile).toAbsolutePath().normalize();
		Path out = c.out.toAbsolutePath().normalize();
		for (Object[] p : new Object[][] { { "--out", out }, { "SPEC", spec }, { "--slurm", policy } }) {
			// an #SBATCH --output line ends at the first blank; a newline would end the script's line
			if (p[1].toString().chars().anyMatch(Character::isWhitespace)) {
				throw Flags.error(cmd, (String) p[0], "a path with a blank or a newline cannot go into a Slurm script: " + p[1]);
			}
		}
		List<String> directives = new ArrayList<>();
		if (c.partition != null) {
			directives.add("--partition=" + word(cmd, "--partition", c.partition, NAME, "a partition name"));
		}
		if (c.account != null) {
			directives.add("--account=" + word(cmd, "--account", c.account, NAME, "an account name"));
		}
		if (c.time != null) {
			directives.add("--time=" + word(cmd, "--time", c.time, TIME, "a time limit as Slurm writes it: M, M:S, H:M:S, D-H, D-H:M or D-H:M:S"));
		}
		Integer jobs = c.jobs;
		if (c.cpusPerTask != null) {
			Flags.between(cmd, "--cpus-per-task", c.cpusPerTask, 1, 1024);
			directives.add("--cpus-per-task=" + c.cpusPerTask);
		}
		if (jobs != null) {
			Flags.between(cmd, "--jobs", jobs, 1, 1024);
		}
		return new SlurmScripts(policy, spec, out, c.shards, jobs, !c.noPlots, List.copyOf(directives));
	}

	private static String word(CommandLine cmd, String flag, String value, Pattern p, String what) {
		if (!p.matcher(value).matches()) {
			throw Flags.error(cmd, flag, "must be " + what + ", not '" + value + "'");
		}
		return value;
	}

	/** Writes the scripts; submits them with --submit, else says how. */
	static int writeAndSubmit(CommandLine cmd, SweepCommand c, SlurmScripts s, List<String> ids) {
		int runs = ids.size();
		// the merge job would refuse a DIR holding runs of another sweep: say it now rather than after the array ran
		try {
			java.util.Set<String> mine = new java.util.HashSet<>(ids);
			List<String> foreign = new RunStore(s.out()).stored().stream().filter(id -> !mine.contains(id)).toList();
			if (!foreign.isEmpty()) {
				throw Flags.error(cmd, "--out", s.out() + " holds " + foreign.size() + " finished run(s) that this SPEC does not"
						+ " name: a SPEC may only add runs to an existing sweep directory (docs/sweeps.md, \"Resuming\");"
						+ " write to another --out");
			}
		} catch (SweepDirException e) {
			throw Flags.error(cmd, "--out", e.getMessage());
		}
		if (s.shards() > runs) {
			throw Flags.error(cmd, "--shards", s.shards() + " shards for " + runs + " runs would leave shards without a run:"
					+ " give at most " + runs);
		}
		SweepSlurm.write(cmd, s);
		if (c.submit) {
			SweepSlurm.submit(cmd, s, c.sbatch == null ? "sbatch" : c.sbatch);
		} else {
			cmd.getOut().println("sweep: wrote " + s.dir().resolve(SlurmScripts.ARRAY) + " (" + s.shards() + " shards of " + runs
					+ " runs) and " + s.dir().resolve(SlurmScripts.MERGE) + "; submit them with:");
			s.submitCommands().forEach(line -> cmd.getOut().println("  " + line));
		}
		return ExitStatus.OK;
	}
}
