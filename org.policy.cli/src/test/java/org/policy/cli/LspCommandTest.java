package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code policy lsp} as the CLI runs it: picocli parses the options, the server answers on the streams. */
class LspCommandTest {

	@TempDir
	Path workspace;

	private static String frame(String json) {
		return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
	}

	@Test
	void answersInitializeAndEndsWithItsInput() throws Exception {
		String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
				+ "\"rootUri\":\"" + workspace.toUri() + "\",\"capabilities\":{}}}";
		PipedOutputStream editor = new PipedOutputStream();
		PipedInputStream in = new PipedInputStream(editor, 1 << 16);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		LspCommand command = new LspCommand(in, out, new PrintStream(err, true, StandardCharsets.UTF_8));
		CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute());

		editor.write(frame(initialize).getBytes(StandardCharsets.UTF_8));
		editor.flush();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!out.toString(StandardCharsets.UTF_8).contains("\"id\":1") && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		editor.close(); // the editor goes away: the command ends
		assertEquals(0, status.get(60, TimeUnit.SECONDS), err::toString);
		String answer = out.toString(StandardCharsets.UTF_8);
		assertTrue(answer.startsWith("Content-Length: "), answer);
		assertTrue(answer.contains("\"id\":1") && answer.contains("\"hoverProvider\":true"), answer);
	}

	@Test
	void helpNamesTheCommand() {
		Cli.Result help = Cli.policy("lsp", "--help");
		assertEquals(0, help.status(), help.err());
		assertTrue(help.out().startsWith("Usage: policy lsp [-hV] [--trace]"), help.out());
		assertTrue(help.out().contains("Language Server Protocol"), help.out());
	}
}
