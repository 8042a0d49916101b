package org.policy.verifier.cli;

import picocli.CommandLine;

/** Runs {@link VerifyCommand} on its own: {@code java -cp ... org.policy.verifier.cli.VerifyMain POLICY ...}. */
public final class VerifyMain {
	private VerifyMain() {
	}

	public static void main(String[] args) {
		System.exit(new CommandLine(new VerifyCommand()).execute(args));
	}
}
