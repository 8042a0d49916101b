package org.policy.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two batch scripts of {@code policy sweep --slurm} (docs/sweeps.md, "On a cluster (Slurm)"): a job
 * array whose task K (from 0) runs shard K+1 of N of the SPEC into {@code OUT/shard-(K+1)}, and a merge
 * job that joins the N shards into {@code OUT} once every task has succeeded (submitted with
 * {@code --dependency=afterok:ARRAY}). Every path is absolute, so the scripts run from any working
 * directory on any node that sees the same file system; nothing in them depends on the time, the host
 * or the user, so the same inputs give the same bytes.
 *
 * @param policy       the installation's {@code bin/policy}, absolute
 * @param spec         the SPEC, absolute
 * @param out          the sweep's output directory, absolute
 * @param shards       the number of array tasks, at least 1
 * @param jobs         runs at once per task; {@code null}: the CPUs Slurm gives the task
 * @param plots        whether the merge writes plots and report.html
 * @param directives   extra {@code #SBATCH} options of both jobs ({@code --partition=debug}), already checked
 */
public record SlurmScripts(Path policy, Path spec, Path out, int shards, Integer jobs, boolean plots,
		List<String> directives) {

	/** Where the scripts and the jobs' logs go: beside the shards, inside the sweep's directory. */
	public static final String DIR = "slurm";
	public static final String ARRAY = "sweep-array.sh";
	public static final String MERGE = "sweep-merge.sh";

	public Path dir() {
		return out.resolve(DIR);
	}

	/** Shard {@code k} (from 1)'s directory. */
	public Path shard(int k) {
		return out.resolve("shard-" + k);
	}

	public String arrayScript() {
		StringBuilder s = header("shard K+1 of " + shards + " of the sweep per array task K (0 to " + (shards - 1) + ")");
		s.append("#SBATCH --job-name=policy-sweep\n");
		s.append("#SBATCH --array=0-").append(shards - 1).append('\n');
		// %a is the task id: one log per shard, overwritten by a resubmission (the runs themselves resume)
		s.append("#SBATCH --output=").append(dir().resolve("shard-%a.log")).append('\n');
		directives.forEach(d -> s.append("#SBATCH ").append(d).append('\n'));
		s.append("set -euo pipefail\n");
		s.append("shard=$((SLURM_ARRAY_TASK_ID + 1))\n");
		// without --cpus-per-task Slurm gives a task one CPU; a JVM would still see every CPU of the node
		// (nothing confines it without a cgroup plugin) and start that many runs on other jobs' cores
		String jobsArg = jobs != null ? Integer.toString(jobs) : "\"${SLURM_CPUS_PER_TASK:-1}\"";
		s.append("exec ").append(quote(policy)).append(" sweep ").append(quote(spec)).append(" --shard \"$shard/")
				.append(shards).append("\" --jobs ").append(jobsArg).append(" --out ").append(quote(out))
				.append("\"/shard-$shard\"\n");
		return s.toString();
	}

	public String mergeScript() {
		StringBuilder s = header("the merge of the " + shards + " shards, after every array task has succeeded");
		s.append("#SBATCH --job-name=policy-sweep-merge\n");
		s.append("#SBATCH --output=").append(dir().resolve("merge.log")).append('\n');
		directives.forEach(d -> s.append("#SBATCH ").append(d).append('\n'));
		s.append("set -euo pipefail\n");
		s.append("exec ").append(quote(policy)).append(" sweep --merge");
		for (int k = 1; k <= shards; k++) {
			s.append(" \\\n\t").append(quote(shard(k)));
		}
		s.append(" \\\n\t--out ").append(quote(out)).append(plots ? "" : " --no-plots").append('\n');
		return s.toString();
	}

	/** How to submit both by hand: what {@code --submit} runs. */
	public List<String> submitCommands() {
		List<String> c = new ArrayList<>();
		c.add("array=$(sbatch --parsable " + quote(dir().resolve(ARRAY)) + ")");
		c.add("sbatch --parsable --dependency=afterok:\"${array%%;*}\" " + quote(dir().resolve(MERGE)));
		return c;
	}

	private StringBuilder header(String what) {
		return new StringBuilder("#!/bin/bash\n")
				.append("# Written by `policy sweep --slurm` (docs/sweeps.md, \"On a cluster (Slurm)\"): ").append(what)
				.append(".\n# SPEC: ").append(spec).append("\n");
	}

	/** {@code p} as one word for bash: single quotes, a quote inside written as '\''. */
	static String quote(Path p) {
		return "'" + p.toString().replace("'", "'\\''") + "'";
	}
}
