package org.policy.dsl.ide.cli;

import java.util.concurrent.Callable;
import org.policy.dsl.ide.server.PolicyLanguageServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policy lsp}: runs the language server on stdin/stdout for an editor (VS Code, Neovim, Emacs, ...).
 * It returns when the editor closes the connection. Register it in the {@code policy} command's
 * {@code subcommands}.
 */
@Command(name = "lsp",
		description = { "Run the policy language server on stdin/stdout (Language Server Protocol).",
				"Editors start it; see docs/editors.md." })
public final class LspCommand implements Callable<Integer> {

	@Option(names = "--trace", description = "Log every JSON-RPC message to stderr.")
	boolean trace;

	@Override
	public Integer call() {
		return PolicyLanguageServer.run(System.in, System.out, System.err, trace);
	}
}
