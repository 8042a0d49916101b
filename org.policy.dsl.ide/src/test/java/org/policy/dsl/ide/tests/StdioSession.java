package org.policy.dsl.ide.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.policy.dsl.ide.server.PolicyLanguageServer;

/** The language server in this JVM on piped streams, as {@code policy lsp} runs it, fed raw bytes. */
final class StdioSession implements AutoCloseable {
	private final PipedOutputStream editor = new PipedOutputStream();
	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	final CompletableFuture<Integer> status;

	StdioSession() throws IOException {
		PipedInputStream in = new PipedInputStream(editor, 1 << 16);
		PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
		status = CompletableFuture.supplyAsync(() -> PolicyLanguageServer.run(in, out, log, false));
	}

	static String frame(String json) {
		return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
	}

	static String request(Object id, String method, String params) {
		return frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
	}

	static String notification(String method, String params) {
		return frame("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
	}

	static String initialize(Path workspace) {
		return request(1, "initialize", "{\"processId\":null,\"rootUri\":\"" + workspace.toUri() + "\",\"capabilities\":{}}");
	}

	void send(String text) throws IOException {
		editor.write(text.getBytes(StandardCharsets.UTF_8));
		editor.flush();
	}

	/** The response with this id (as JSON text), waiting up to a minute (hang detection, not timing). */
	String response(Object id) throws InterruptedException {
		Pattern pattern = Pattern.compile("\\{\"jsonrpc\":\"2.0\",\"id\":" + Pattern.quote(String.valueOf(id)) + ",.*?\\}(?=Content-Length|$)",
				Pattern.DOTALL);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (System.nanoTime() < deadline) {
			Matcher m = pattern.matcher(out());
			if (m.find()) {
				return m.group();
			}
			Thread.sleep(10);
		}
		throw new AssertionError("no response " + id + " within a minute; output:\n" + out() + "\nlog:\n" + err());
	}

	String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	/** Ends the input, as an editor going away does, and returns the exit status. */
	int end() throws Exception {
		editor.close();
		return status.get(1, TimeUnit.MINUTES);
	}

	@Override
	public void close() throws IOException {
		editor.close();
	}
}
