package org.policy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.policy.cli.sweep.RunStore;
import org.policy.cli.sweep.SlurmScripts;
import picocli.CommandLine;

/**
 * {@code policy sweep --slurm}: writes {@link SlurmScripts} into {@code OUT/slurm/} and, with
 * {@code --submit}, submits them through {@code sbatch} (the array, then the merge depending on it).
 */
final class SweepSlurm {
	/** What {@code sbatch --parsable} prints: the job id, then {@code ;cluster} on a multi-cluster set-up. */
	private static final Pattern JOB_ID = Pattern.compile("[0-9]+(;\\S+)?");
	/** sbatch only talks to slurmctld; beyond this the controller is down or unreachable. */
	private static final long SBATCH_TIMEOUT_S = 120;

	private SweepSlurm() {
	}

	/** Writes both scripts (each atomically) and the log folder. */
	static void write(CommandLine cmd, SlurmScripts s) {
		try {
			Files.createDirectories(s.dir());
			for (String[] f : new String[][] { { SlurmScripts.ARRAY, s.arrayScript() }, { SlurmScripts.MERGE, s.mergeScript() } }) {
				Path file = s.dir().resolve(f[0]);
				RunStore.writeAtomically(file, f[1]);
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		} catch (IOException | UnsupportedOperationException e) {
			throw Flags.error(cmd, "--out", "cannot write " + s.dir() + ": " + e.getMessage());
		}
	}

	/**
	 * Submits the array, then the merge with {@code afterok} on it, and prints both ids.
	 *
	 * @param sbatch the sbatch to run: a path, or a name looked up on PATH
	 */
	static void submit(CommandLine cmd, SlurmScripts s, String sbatch) {
		String array = sbatch(cmd, s, sbatch, List.of("--parsable", s.dir().resolve(SlurmScripts.ARRAY).toString()));
		String merge;
		try {
			merge = sbatch(cmd, s, sbatch, List.of("--parsable", "--dependency=afterok:" + array,
					s.dir().resolve(SlurmScripts.MERGE).toString()));
		} catch (UsageError e) {
			throw new UsageError(cmd, e.getMessage() + " (job array " + array + " is submitted: scancel " + array + " cancels it)");
		}
		PrintWriter out = cmd.getOut();
		out.println("sweep: submitted job array " + array + " (" + s.shards() + " shards into " + s.out() + "/shard-*) and merge job "
				+ merge + " (after the array succeeds, into " + s.out() + "); logs in " + s.dir());
		out.println("watch them with: squeue -j " + array + "," + merge);
	}

	/** Runs sbatch with {@code args}; its job id (without a cluster suffix), or a usage error naming --submit. */
	private static String sbatch(CommandLine cmd, SlurmScripts s, String sbatch, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(sbatch);
		command.addAll(args);
		String shown = String.join(" ", command);
		Process p;
		try {
			p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
		} catch (IOException e) {
			throw Flags.error(cmd, "--submit", "cannot run '" + sbatch + "' (" + e.getMessage() + "): is Slurm's client"
					+ " installed and on PATH (else give --sbatch PATH)? The scripts are written in " + s.dir()
					+ "; to submit them where Slurm is: " + String.join("; ", s.submitCommands()));
		}
		String output;
		try (InputStream in = p.getInputStream()) {
			p.getOutputStream().close();
			if (!p.waitFor(SBATCH_TIMEOUT_S, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw Flags.error(cmd, "--submit", shown + ": no answer within " + SBATCH_TIMEOUT_S + " s (is slurmctld running?)");
			}
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		} catch (IOException e) {
			throw Flags.error(cmd, "--submit", shown + ": " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw Flags.error(cmd, "--submit", shown + ": interrupted");
		}
		// the id is the last line: warnings sbatch writes to stderr come first
		List<String> lines = output.lines().toList();
		String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
		if (p.exitValue() != 0 || !JOB_ID.matcher(last).matches()) {
			throw Flags.error(cmd, "--submit", shown + " failed (exit " + p.exitValue() + ")"
					+ (output.isEmpty() ? "" : ": " + output.replace('\n', ' ')));
		}
		return last.split(";", 2)[0];
	}
}
