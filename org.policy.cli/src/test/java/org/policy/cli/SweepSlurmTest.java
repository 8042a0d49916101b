package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.sweep.SlurmScripts;
import org.policy.sim.plot.Report;

/**
 * {@code policy sweep --slurm}: the scripts' text, their determinism, the flags' checks, and
 * {@code --submit} against a stand-in sbatch (the real Slurm runs in .ci/slurm-sweep-test).
 */
class SweepSlurmTest {
	@TempDir
	static Path tmp;
	static Path spec;
	static Path home;
	static String previousHome;

	@BeforeAll
	static void installation() throws IOException {
		// the scripts run this installation's bin/policy: bin/policy names it in policy.home
		home = Files.createDirectories(tmp.resolve("install"));
		previousHome = System.getProperty(Report.HOME_PROPERTY);
		System.setProperty(Report.HOME_PROPERTY, home.toString());
		spec = Files.writeString(tmp.resolve("s.yaml"), SweepCommandTest.specText(""));
	}

	@AfterAll
	static void restore() {
		if (previousHome == null) {
			System.clearProperty(Report.HOME_PROPERTY);
		} else {
			System.setProperty(Report.HOME_PROPERTY, previousHome);
		}
	}

	@Test
	void theScriptsRunEachShardThenMergeThem() {
		SlurmScripts s = new SlurmScripts(Path.of("/opt/policy/bin/policy"), Path.of("/home/a/it's.yaml"), Path.of("/scratch/out"),
				3, null, true, List.of("--partition=short", "--time=1:00:00"));
		assertEquals("""
				#!/bin/bash
				# Written by `policy sweep --slurm` (docs/sweeps.md, "On a cluster (Slurm)"): shard K+1 of 3 of the sweep per array task K (0 to 2).
				# SPEC: /home/a/it's.yaml
				#SBATCH --job-name=policy-sweep
				#SBATCH --array=0-2
				#SBATCH --output=/scratch/out/slurm/shard-%a.log
				#SBATCH --partition=short
				#SBATCH --time=1:00:00
				set -euo pipefail
				shard=$((SLURM_ARRAY_TASK_ID + 1))
				exec '/opt/policy/bin/policy' sweep '/home/a/it'\\''s.yaml' --shard "$shard/3" --jobs "${SLURM_CPUS_PER_TASK:-1}" --out '/scratch/out'"/shard-$shard"
				""", s.arrayScript());
		assertEquals("""
				#!/bin/bash
				# Written by `policy sweep --slurm` (docs/sweeps.md, "On a cluster (Slurm)"): the merge of the 3 shards, after every array task has succeeded.
				# SPEC: /home/a/it's.yaml
				#SBATCH --job-name=policy-sweep-merge
				#SBATCH --output=/scratch/out/slurm/merge.log
				#SBATCH --partition=short
				#SBATCH --time=1:00:00
				set -euo pipefail
				exec '/opt/policy/bin/policy' sweep --merge \\
					'/scratch/out/shard-1' \\
					'/scratch/out/shard-2' \\
					'/scratch/out/shard-3' \\
					--out '/scratch/out'
				""", s.mergeScript());
		SlurmScripts fixed = new SlurmScripts(s.policy(), s.spec(), s.out(), 2, 4, false, List.of());
		assertTrue(fixed.arrayScript().contains(" --shard \"$shard/2\" --jobs 4 --out "), fixed.arrayScript());
		assertTrue(fixed.mergeScript().endsWith("--out '/scratch/out' --no-plots\n"), fixed.mergeScript());
	}

	@Test
	void writesTheScriptsWithAbsolutePathsAndTheSameBytesEachTime() throws IOException {
		Path out = tmp.resolve("written");
		Cli.Result r = Cli.policy("sweep", "--slurm", spec.toString(), "--out", out.toString(), "--shards", "3", "--cpus-per-task", "2");
		assertEquals(0, r.status(), r.err());
		Path array = out.resolve("slurm/sweep-array.sh");
		Path merge = out.resolve("slurm/sweep-merge.sh");
		assertEquals("sweep: wrote " + array + " (3 shards of 24 runs) and " + merge + "; submit them with:\n"
				+ "  array=$(sbatch --parsable '" + array + "')\n"
				+ "  sbatch --parsable --dependency=afterok:\"${array%%;*}\" '" + merge + "'\n", r.out());
		String text = Files.readString(array);
		assertTrue(text.contains("#SBATCH --cpus-per-task=2\n"), text);
		assertTrue(text.contains("exec '" + home.resolve("bin/policy") + "' sweep '" + spec.toAbsolutePath() + "' --shard"), text);
		assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(array)));
		assertFalse(Files.exists(out.resolve("runs")), "nothing is run");
		byte[] first = Files.readAllBytes(array);
		byte[] firstMerge = Files.readAllBytes(merge);
		assertEquals(0, Cli.policy("sweep", "--slurm", spec.toString(), "--out", out.toString(), "--shards", "3",
				"--cpus-per-task", "2").status());
		assertArrayEquals(first, Files.readAllBytes(array));
		assertArrayEquals(firstMerge, Files.readAllBytes(merge));
	}

	@Test
	void submitsTheArrayThenTheMergeAfterIt() throws IOException {
		Path log = tmp.resolve("sbatch-calls");
		// a stand-in sbatch: logs its arguments, answers job ids as `sbatch --parsable` does (with a cluster), after a warning
		Path sbatch = script("sbatch-ok", "echo \"$*\" >> '" + log + "'\necho 'sbatch: warning: no time limit given' >&2\n"
				+ "if [ -f '" + log + ".1' ]; then echo '43;cluster'; else touch '" + log + ".1'; echo 42; fi\n");
		Path out = tmp.resolve("submitted");
		Cli.Result r = Cli.policy("sweep", "--slurm", "--submit", "--sbatch", sbatch.toString(), spec.toString(), "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		assertEquals("sweep: submitted job array 42 (4 shards into " + out + "/shard-*) and merge job 43 (after the array succeeds, into "
				+ out + "); logs in " + out.resolve("slurm") + "\nwatch them with: squeue -j 42,43\n", r.out());
		assertEquals(List.of("--parsable " + out.resolve("slurm/sweep-array.sh"),
				"--parsable --dependency=afterok:42 " + out.resolve("slurm/sweep-merge.sh")), Files.readAllLines(log));
	}

	@Test
	void aMissingOrFailingSbatchIsReported() throws IOException {
		Path out = tmp.resolve("unsubmitted");
		Cli.Result missing = Cli.policy("sweep", "--slurm", "--submit", "--sbatch", tmp.resolve("no-sbatch").toString(), spec.toString(),
				"--out", out.toString());
		assertEquals(2, missing.status());
		assertTrue(firstLine(missing.err()).startsWith("policy: --submit: cannot run '" + tmp.resolve("no-sbatch") + "' ("), missing.err());
		assertTrue(firstLine(missing.err()).endsWith("The scripts are written in " + out.resolve("slurm")
				+ "; to submit them where Slurm is: array=$(sbatch --parsable '" + out.resolve("slurm/sweep-array.sh") + "'); sbatch"
				+ " --parsable --dependency=afterok:\"${array%%;*}\" '" + out.resolve("slurm/sweep-merge.sh") + "'"), missing.err());
		Path failing = script("sbatch-fails", "echo 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
		Cli.Result failed = Cli.policy("sweep", "--slurm", "--submit", "--sbatch", failing.toString(), spec.toString(), "--out", out.toString());
		assertEquals(2, failed.status());
		assertEquals("policy: --submit: " + failing + " --parsable " + out.resolve("slurm/sweep-array.sh")
				+ " failed (exit 1): sbatch: error: invalid partition specified: nope", firstLine(failed.err()));
	}

	@Test
	void slurmFlagsAreChecked() throws IOException {
		Path out = tmp.resolve("bad");
		assertUsage("policy: --shards: only with --slurm", spec.toString(), "--out", out.toString(), "--shards", "3");
		assertUsage("policy: --partition: only with --slurm", spec.toString(), "--out", out.toString(), "--partition", "x");
		assertUsage("policy: --submit: only with --slurm", spec.toString(), "--out", out.toString(), "--submit");
		assertUsage("policy: --sbatch: only with --submit", "--slurm", spec.toString(), "--out", out.toString(), "--sbatch", "x");
		assertUsage("policy: --slurm: writes the shards' and the merge's jobs itself: not with --shard (use --shards N for the"
				+ " number of shards)", "--slurm", spec.toString(), "--out", out.toString(), "--shard", "1/2");
		assertUsage("policy: --shards: must be between 1 and 10000, not 0", "--slurm", spec.toString(), "--out", out.toString(),
				"--shards", "0");
		assertUsage("policy: --shards: 25 shards for 24 runs would leave shards without a run: give at most 24", "--slurm",
				spec.toString(), "--out", out.toString(), "--shards", "25");
		assertUsage("policy: --time: must be a time limit as Slurm writes it: M, M:S, H:M:S, D-H, D-H:M or D-H:M:S, not '2h'",
				"--slurm", spec.toString(), "--out", out.toString(), "--time", "2h");
		assertUsage("policy: --partition: must be a partition name, not 'a b'", "--slurm", spec.toString(), "--out", out.toString(),
				"--partition", "a b");
		assertUsage("policy: --cpus-per-task: must be between 1 and 1024, not 0", "--slurm", spec.toString(), "--out",
				out.toString(), "--cpus-per-task", "0");
		assertUsage("policy: --out: a path with a blank or a newline cannot go into a Slurm script: " + tmp.resolve("a b"),
				"--slurm", spec.toString(), "--out", tmp.resolve("a b").toString());
		assertFalse(Files.exists(out), "nothing written for a bad flag");
		System.clearProperty(Report.HOME_PROPERTY);
		try {
			assertUsage("policy: --slurm: the jobs run this installation's bin/policy, but its folder is unknown: run the command"
					+ " through bin/policy", "--slurm", spec.toString(), "--out", out.toString());
		} finally {
			System.setProperty(Report.HOME_PROPERTY, home.toString());
		}
		// a directory that holds another sweep's runs: refused now, not by the merge job after the array ran
		Path other = tmp.resolve("other-sweep");
		Path small = Files.writeString(tmp.resolve("small.yaml"), "policies: [" + SweepCommandTest.abs("fifo")
				+ "]\nworkloads: [cpu-bound]\ncores: [1]\nduration: 10ms\n");
		assertEquals(0, Cli.policy("sweep", small.toString(), "--out", other.toString(), "--no-plots").status());
		assertUsage("policy: --out: " + other + " holds 1 finished run(s) that this SPEC does not name: a SPEC may only add runs"
				+ " to an existing sweep directory (docs/sweeps.md, \"Resuming\"); write to another --out", "--slurm", spec.toString(),
				"--out", other.toString());
		assertFalse(Files.exists(other.resolve("slurm")));
		Path badSpec = Files.writeString(tmp.resolve("bad.yaml"), "policies: []\n");
		Cli.Result r = Cli.policy("sweep", "--slurm", badSpec.toString(), "--out", out.toString());
		assertEquals(1, r.status(), "the SPEC is checked before the scripts are written");
		assertFalse(Files.exists(out));
	}

	private static void assertUsage(String message, String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "sweep";
		System.arraycopy(args, 0, all, 1, args.length);
		Cli.Result r = Cli.policy(all);
		assertEquals(2, r.status(), r.err());
		assertEquals(message, firstLine(r.err()));
	}

	private static Path script(String name, String body) throws IOException {
		Path p = Files.writeString(tmp.resolve(name), "#!/bin/sh\n" + body);
		Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
		return p;
	}

	private static String firstLine(String s) {
		return s.lines().findFirst().orElse("");
	}
}
