package org.policy.fuzz;

/** The kinds of input the fuzzer generates; each has a generator and a target that runs it. */
public enum Kind {
	/** Policy text, loaded, checked and compiled in-process. */
	POLICY,
	/** rt-app JSON workloads, simulated through {@code policy simulate}. */
	WORKLOAD,
	/** ftrace / trace-cmd report / perf sched script text, replayed through {@code policy simulate --trace}. */
	TRACE,
	/** Flag sets for the commands, run through {@code PolicyCommand.execute}. */
	CLI,
	/** JSON-RPC message streams with Content-Length framing, fed to the language server in-process. */
	LSP;

	public String label() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
