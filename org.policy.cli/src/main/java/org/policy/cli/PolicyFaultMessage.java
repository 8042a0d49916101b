package org.policy.cli;

import java.nio.file.Path;
import org.policy.verifier.Counterexample;

/**
 * A handler fault the search found, as one positioned line: {@code FILE:LINE: error: policy P faults:
 * WHAT}, the shape of check's diagnostics and simulate's faults, so that editors and CI logs jump to it.
 * The interpreter knows the fault's line but not its column.
 */
final class PolicyFaultMessage {
	private PolicyFaultMessage() {
	}

	static String format(Path policyFile, Counterexample cx) {
		String what = cx.fault();
		String linePrefix = "line " + cx.faultLine() + ": ";
		if (cx.faultLine() > 0 && what.startsWith(linePrefix)) {
			what = what.substring(linePrefix.length());
		}
		String where = cx.steps().isEmpty() ? "in the idle cores' first schedule"
				: "at step " + cx.steps().size() + " of the run above";
		return policyFile + (cx.faultLine() > 0 ? ":" + cx.faultLine() : "") + ": error: policy " + cx.policy()
				+ " faults " + where + ": " + what;
	}
}
