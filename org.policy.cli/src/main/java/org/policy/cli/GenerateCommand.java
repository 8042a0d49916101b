package org.policy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.policy.Policy;
import org.policy.generator.Generator;
import org.policy.generator.GeneratorException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policy generate POLICY --out DIR}: writes {@code DIR/<policy>.c}, kernel-runtime (both kernel
 * hosts and the sched_ext bridge's sources) and the Kbuild file and Makefile of the module
 * {@code pol_<policy>.ko}. Exit status ({@link ExitStatus}): PROBLEM when the policy has errors or cannot
 * be generated, USAGE for a missing policy file, a bad option or an output folder that cannot be written.
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

	@Override
	public Integer call() throws InvalidPolicyException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter stdout = spec.commandLine().getOut();
		Policy model = InputFiles.policy(spec.commandLine(), policy).model();
		try {
			// an OutputException (an unusable --out) reaches the policy command's handler: a usage error
			List<Path> written = Generator.generate(model, "--out", out);
			written.forEach(p -> stdout.println(p));
			stdout.flush();
			return ExitStatus.OK;
		} catch (GeneratorException e) {
			err.println(e.getMessage());
			err.flush();
			return ExitStatus.PROBLEM;
		}
	}
}
