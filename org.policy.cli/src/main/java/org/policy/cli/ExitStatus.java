package org.policy.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of every {@code policy} command: one table, printed by {@code policy --help} and by
 * every subcommand's {@code --help} ({@link PolicyCommand#commandLine} installs it on each), and
 * documented once in the README's "Exit status" section. A command never returns another status.
 */
public final class ExitStatus {
	/** Success: the command did what it was asked, and found nothing wrong. */
	public static final int OK = 0;
	/**
	 * A problem found in the input or by the analysis: errors in a policy, a workload or a trace (or
	 * warnings, with {@code check --werror}), a property that does not hold, a policy fault, a simulation
	 * that broke a limit.
	 */
	public static final int PROBLEM = 1;
	/** The command line is wrong: unknown option, bad value, missing or unusable file. */
	public static final int USAGE = 2;
	/** A bug or an environment failure in the tool itself (including the JVM out of memory or stack). */
	public static final int INTERNAL = 3;
	/** No answer within the limits given: {@code verify} reached {@code --max-states}. */
	public static final int INCONCLUSIVE = 4;

	private ExitStatus() {
	}

	/** The table as {@code --help} prints it: status → what it means. */
	static Map<String, String> helpTable() {
		Map<String, String> table = new LinkedHashMap<>();
		table.put(Integer.toString(OK), "success (verify: the property holds within the bounds)");
		table.put(Integer.toString(PROBLEM), "a problem found: errors in a policy, workload or trace; a property that does not hold;"
				+ " a policy fault; a run that broke a limit");
		table.put(Integer.toString(USAGE), "usage error: bad option or value, missing or unusable file");
		table.put(Integer.toString(INTERNAL), "internal error of the tool (a bug, or the JVM out of memory)");
		table.put(Integer.toString(INCONCLUSIVE), "inconclusive: verify reached --max-states without an answer, had"
				+ " nothing to check, or (--all-cores) could not prove it for every number of cores");
		return table;
	}
}
