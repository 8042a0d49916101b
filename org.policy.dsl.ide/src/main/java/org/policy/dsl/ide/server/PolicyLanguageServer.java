package org.policy.dsl.ide.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.ExecutorServiceProvider;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;

/**
 * The policy language server: Xtext's {@link LanguageServerImpl} with the policy language (found through
 * {@code META-INF/services/org.eclipse.xtext.ISetup}), speaking LSP as JSON-RPC over two streams, normally
 * stdin and stdout. Launched by {@code policy lsp} (org.policy.cli.LspCommand) or by
 * {@code java -jar policy-lsp.jar}.
 *
 * <p>stdout belongs to the protocol: anything else printed there would corrupt it, so {@code System.out}
 * is pointed at stderr for the session and the libraries' logging (log4j) goes to stderr too, where
 * editors show it in their server log.
 */
public final class PolicyLanguageServer {
	private PolicyLanguageServer() {
	}

	public static void main(String[] args) {
		// Xtext's jars carry a log4j.properties that logs to stdout: do not let log4j read it.
		System.setProperty("log4j.defaultInitOverride", "true");
		boolean trace = false;
		for (String arg : args) {
			switch (arg) {
				case "--trace" -> trace = true;
				case "-h", "--help" -> {
					System.out.println("Usage: java -jar policy-lsp.jar [--trace]");
					System.out.println("Runs the policy language server on stdin/stdout (Language Server Protocol).");
					System.out.println("  --trace   log every JSON-RPC message to stderr");
					return;
				}
				default -> {
					System.err.println("policy-lsp: unknown option '" + arg + "' (try --help)");
					System.exit(2);
				}
			}
		}
		System.exit(run(System.in, System.out, System.err, trace));
	}

	/**
	 * Serves one client on {@code in}/{@code out} until its input ends or it sends {@code exit}. Returns the
	 * exit status: 0 after the end of the input or an {@code exit} after {@code shutdown}, 1 after an
	 * {@code exit} without {@code shutdown} (as LSP says), 3 if the server failed. Malformed input from the
	 * client never ends the session (see docs/editors.md, "Bad messages").
	 */
	public static int run(InputStream in, OutputStream out, PrintStream log, boolean trace) {
		PrintStream previousOut = System.out;
		System.setOut(log);
		try {
			OneLineLogging.install(log, trace);
			DrainingExecutors executors = new DrainingExecutors();
			Injector injector = Guice.createInjector(Modules.override(new ServerModule())
					.with(binder -> binder.bind(ExecutorServiceProvider.class).toInstance(executors)));
			LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
			CompletableFuture<Integer> ended = new CompletableFuture<>();
			PolicyLauncher builder = new PolicyLauncher(new ServerLog(log), ended::complete);
			builder.setLocalService(server).setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out)
					.validateMessages(true);
			if (trace) {
				builder.traceMessages(new PrintWriter(log, true));
			}
			Launcher<LanguageClient> launcher = builder.create();
			server.connect(launcher.getRemoteProxy());
			Future<Void> listening = launcher.startListening();
			Thread waiter = new Thread(() -> {
				try {
					listening.get();
					ended.complete(0);
				} catch (ExecutionException e) {
					ended.completeExceptionally(e.getCause());
				} catch (InterruptedException | java.util.concurrent.CancellationException e) {
					ended.complete(0);
				}
			}, "policy-lsp-end");
			waiter.setDaemon(true);
			waiter.start();
			int status = ended.get();
			listening.cancel(true); // after 'exit': stop reading the client's input
			executors.drain(5_000);
			return status;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		} catch (ExecutionException | RuntimeException e) {
			log.println("policy-lsp: the language server stopped: " + ServerLog.summary(e));
			return 3;
		} finally {
			System.setOut(previousOut);
		}
	}

}
