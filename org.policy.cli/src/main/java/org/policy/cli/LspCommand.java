package org.policy.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.policy.dsl.ide.server.PolicyLanguageServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policy lsp}: runs the language server on stdin/stdout for an editor (VS Code, Neovim, Emacs, ...).
 * It returns when the editor closes the connection (exit status 0), or ends the JVM when the editor sends
 * the protocol's {@code exit}. The CLI's shaded jar must merge {@code plugin.properties} and the service
 * files (it does).
 */
@Command(name = "lsp",
		description = { "Run the policy language server on stdin/stdout (Language Server Protocol).",
				"Editors start it; see docs/editors.md." })
public final class LspCommand implements Callable<Integer> {

	@Option(names = "--trace", description = "Log every JSON-RPC message to stderr.")
	boolean trace;

	private final InputStream in;
	private final OutputStream out;
	private final PrintStream log;

	/** The command on the process's standard streams. */
	public LspCommand() {
		this(System.in, System.out, System.err);
	}

	/** The command on other streams (tests). */
	public LspCommand(InputStream in, OutputStream out, PrintStream log) {
		this.in = in;
		this.out = out;
		this.log = log;
	}

	@Override
	public Integer call() {
		return PolicyLanguageServer.run(in, out, log, trace);
	}
}
