package org.policy.sim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs a command as the {@code policy} CLI would, capturing its output and exit status. */
record CliRun(int status, String out, String err) {
	static CliRun of(Object command, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine cmd = new CommandLine(command);
		cmd.setOut(new PrintWriter(out, true));
		cmd.setErr(new PrintWriter(err, true));
		int status = cmd.execute(args);
		return new CliRun(status, out.toString(), err.toString());
	}

	/** Copies a test policy to a file and returns its path. */
	static Path policy(Path dir, String name) {
		try (InputStream in = CliRun.class.getResourceAsStream("/policies/" + name + ".policy")) {
			Path p = dir.resolve(name + ".policy");
			Files.write(p, in.readAllBytes());
			return p;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
