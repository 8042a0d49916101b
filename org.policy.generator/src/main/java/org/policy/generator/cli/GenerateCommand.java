package org.policy.generator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.policy.dsl.output.OutputException;
import org.policy.generator.Generator;
import org.policy.generator.GeneratorException;
import org.policy.generator.PolicyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policy generate POLICY --out DIR}: writes {@code DIR/<policy>.c}, kernel-runtime (both kernel
 * hosts and the sched_ext bridge's sources) and the Kbuild file and Makefile of the module
 * {@code pol_<policy>.ko}. Exit 0 on success, 1 when the
 * policy has errors or cannot be generated, 2 for a usage error (a missing policy file, a bad
 * option, an output folder that cannot be written).
 */
@Command(name = "generate",
		description = {
				"Generate Linux kernel C for a policy: DIR/<policy>.c, kernel-runtime and a Kbuild/Makefile.",
				"Build: make -C DIR (monitor mode) or make -C DIR PRT_HOST=scx (sched_ext),",
				"then for sched_ext its BPF bridge: make -C DIR bridge (see docs/sched_ext.md).",
				"Add KDIR=HEADERS to build for another kernel than the running one." })
public final class GenerateCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "POLICY", description = "The policy file (*.policy).")
	Path policy;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
	Path out;

	/** Runs the command on its own (kernel-runtime/scripts use it when the policy CLI is not built). */
	public static void main(String[] args) {
		// the policy command's handler is not here: report an unusable --out in its words, without a stack trace
		System.exit(new picocli.CommandLine(new GenerateCommand()).setExecutionExceptionHandler((ex, cmd, parsed) -> {
			if (ex instanceof OutputException) {
				cmd.getErr().println("policy: " + ex.getMessage());
				return 2;
			}
			throw ex;
		}).execute(args));
	}

	@Override
	public Integer call() {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter stdout = spec.commandLine().getOut();
		if (!java.nio.file.Files.isRegularFile(policy)) {
			err.println(policy + ": no such policy file");
			err.flush();
			return 2;
		}
		try {
			// an OutputException (an unusable --out) reaches the policy command's handler: a usage error
			List<Path> written = Generator.generate(PolicyFiles.load(policy), "--out", out);
			written.forEach(p -> stdout.println(p));
			stdout.flush();
			return 0;
		} catch (GeneratorException e) {
			err.println(e.getMessage());
			err.flush();
			return 1;
		}
	}
}
