package org.policy.fuzz;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * THE list of failure classes that are known and being fixed elsewhere: a finding whose category matches
 * one of these is counted as "known", any other finding fails the build. Each entry names its defect and
 * the area that fixes it; its minimal reproducer is under src/test/resources/regressions/. When a fix is
 * merged, delete its entry: the fuzz tests (and the regression test of its reproducer) then hold it fixed.
 */
public final class KnownDefects {

	/**
	 * @param id          short name, also the reproducer's file name stem
	 * @param area        dsl, sim, cli or lsp: whose worktree fixes it
	 * @param category    regular expression over {@link Finding#category()}
	 * @param description one line
	 */
	public record Defect(String id, String area, Pattern category, String description) {
		Defect(String id, String area, String category, String description) {
			this(id, area, Pattern.compile(category), description);
		}
	}

	public static final List<Defect> ALL = List.of(
			new Defect("dsl-deep-nesting", "dsl", "(policy|cli|lsp)/exception/StackOverflowError.*",
					"deeply nested text: StackOverflowError in the parser, checks or compiler instead of a diagnostic"),
			new Defect("sim-trace-huge-number", "sim", "trace/exit3:For input string: Q",
					"a trace number with more digits than a long: internal error (NumberFormatException)"),
			new Defect("sim-workload-runtime-error-unpositioned", "sim", "workload/unpositioned:(at t=Nns a|task tN executed)",
					"an error found while simulating a workload (mutex misuse, a loop that never consumes time) names the"
							+ " task but not the task's line:col"),
			new Defect("cli-directory-as-policy", "cli",
					"cli/(exit3/[a-z]+:(java\\.io\\.IOException: )?Is a directory|java-exception-text/[a-z]+:java\\.io\\.IOException)",
					"a directory or an empty string as POLICY of simulate/verify/...: internal error 'Is a directory'"),
			new Defect("sim-empty-policy-unpositioned", "sim", "cli/unpositioned/(simulate|compare):not a policy",
					"an empty policy file: simulate says 'FILE: not a policy' without line:col"),
			new Defect("lsp-resource-already-registered", "lsp", "lsp/internal-error/.*A-different-resource.*",
					"rarely (a race, not reproducible alone): a request answers -32603 'A different resource with the URI"
							+ " ... was already registered' (Xtext's workspace state); seen once in 100 sessions"));

	private KnownDefects() {
	}

	public static Optional<Defect> match(Finding finding) {
		return ALL.stream().filter(d -> d.category().matcher(finding.category()).matches()).findFirst();
	}
}
