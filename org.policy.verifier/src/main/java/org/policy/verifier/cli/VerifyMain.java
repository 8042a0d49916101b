package org.policy.verifier.cli;

import picocli.CommandLine;

/** Runs {@link VerifyCommand} on its own: {@code java -cp ... org.policy.verifier.cli.VerifyMain POLICY ...}. */
public final class VerifyMain {
	private VerifyMain() {
	}

	public static void main(String[] args) {
		CommandLine cmd = new CommandLine(new VerifyCommand());
		cmd.getCommandSpec().mixinStandardHelpOptions(true);
		System.exit(cmd.execute(args));
	}
}
