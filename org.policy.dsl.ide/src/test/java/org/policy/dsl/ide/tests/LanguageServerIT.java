package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.dsl.ide.tests.Policies.FIFO;
import static org.policy.dsl.ide.tests.Policies.offsetOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/policy-lsp.jar started as an editor starts it: a process speaking JSON-RPC on stdin/stdout. */
class LanguageServerIT {

	@TempDir
	Path workspace;

	private static Path jar() {
		Path jar = Path.of(System.getProperty("policy.lsp.jar", "target/policy-lsp.jar"));
		assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
		return jar;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	@Test
	void theShadedJarServesAnEditorOverStdio() throws Exception {
		Process process = new ProcessBuilder(java(), "-jar", jar().toString()).start();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		Thread drain = drain(process.getErrorStream(), stderr);
		try {
			RecordingClient client = new RecordingClient();
			Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
					process.getOutputStream());
			launcher.startListening();
			LanguageServer server = launcher.getRemoteProxy();

			InitializeResult result = server.initialize(Lsp.initializeParams(workspace)).get(60, TimeUnit.SECONDS);
			assertTrue(result.getCapabilities().getHoverProvider().getLeft());
			assertTrue(result.getCapabilities().getDocumentFormattingProvider().getLeft());
			assertTrue(result.getCapabilities().getCodeActionProvider().getLeft());
			server.initialized(new InitializedParams());

			// A message of the language's own (PolicyLinkingMessages): it survives the shading only when
			// the jars' plugin.properties and service files are merged.
			String broken = FIFO.replace("t.started = now;", "t.startd = now;");
			Path file = workspace.resolve("fifo.policy");
			Files.writeString(file, broken);
			String uri = file.toUri().toString();
			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "policy", 1, broken)));
			List<Diagnostic> errors = client.diagnosticsFor(uri).stream()
					.filter(d -> d.getSeverity() == DiagnosticSeverity.Error).toList();
			assertEquals(1, errors.size(), errors::toString);
			assertEquals("unknown thread attribute 'startd'", errors.get(0).getMessage().getLeft());

			Hover hover = server.getTextDocumentService()
					.hover(new HoverParams(new TextDocumentIdentifier(uri), Lsp.position(broken, offsetOf(broken, "slice) {"))))
					.get(60, TimeUnit.SECONDS);
			assertTrue(hover.getContents().getRight().getValue().contains("param time slice = 4ms in [1ms, 100ms]"));

			server.shutdown().get(60, TimeUnit.SECONDS);
			server.exit();
			assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server ends after 'exit'");
			assertEquals(0, process.exitValue());
			drain.join(10_000);
			String log = stderr.toString(StandardCharsets.UTF_8);
			assertTrue(!log.contains("Exception"), "no stack trace on stderr:\n" + log);
		} finally {
			process.destroyForcibly();
		}
	}

	@Test
	void theServerEndsWhenTheEditorClosesTheConnection() throws Exception {
		Process process = new ProcessBuilder(java(), "-jar", jar().toString()).redirectErrorStream(true).start();
		try {
			process.getOutputStream().close();
			assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server ends at the end of its input");
			assertEquals(0, process.exitValue());
			assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
					"nothing but the protocol on stdout, and nothing to report on stderr");
		} finally {
			process.destroyForcibly();
		}
	}

	@Test
	void anUnknownOptionIsAUsageError() throws Exception {
		Process process = new ProcessBuilder(java(), "-jar", jar().toString(), "--stdio-please")
				.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(60, TimeUnit.SECONDS));
		assertEquals(2, process.exitValue());
		assertEquals("policy-lsp: unknown option '--stdio-please' (try --help)\n", output);
	}

	private static Thread drain(InputStream in, ByteArrayOutputStream into) {
		Thread thread = new Thread(() -> {
			try {
				in.transferTo(into);
			} catch (IOException e) {
				// the process ended
			}
		});
		thread.setDaemon(true);
		thread.start();
		return thread;
	}
}
