package org.policy.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyLoadException;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.load.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code policy check FILE...}: report syntax errors, unresolved names and the language's checks. */
@Command(name = "check",
		description = {
				"Check policy files: syntax, names, and the language's static checks.",
				"Prints each issue as 'file:line:col: severity: message' on stdout, sorted by file name, "
						+ "then position. Prints nothing when there is nothing to report." })
public final class CheckCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--werror", description = "Treat warnings as errors: exit 1 when any file has a warning.")
	boolean werror;

	@Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files (*.policy) to check.")
	List<String> files;

	@Override
	public Integer call() {
		List<LoadedPolicy> loaded;
		try {
			loaded = new PolicyLoader().loadAll(InputFiles.resolve(spec.commandLine(), files));
		} catch (PolicyLoadException e) {
			throw new UsageError(spec.commandLine(), e.getMessage(), e);
		}
		List<Diagnostic> diagnostics = loaded.stream()
				.flatMap(policy -> policy.diagnostics().stream())
				.sorted(Diagnostic.ORDER)
				.toList();
		PrintWriter out = spec.commandLine().getOut();
		diagnostics.forEach(d -> out.println(d.format()));
		out.flush();
		return status(diagnostics, werror);
	}

	/** {@link ExitStatus#ERRORS} if any diagnostic is an error (or a warning, with {@code werror}). */
	static int status(List<Diagnostic> diagnostics, boolean werror) {
		boolean failed = diagnostics.stream().anyMatch(
				d -> d.severity() == Severity.ERROR || (werror && d.severity() == Severity.WARNING));
		return failed ? ExitStatus.PROBLEM : ExitStatus.OK;
	}
}
