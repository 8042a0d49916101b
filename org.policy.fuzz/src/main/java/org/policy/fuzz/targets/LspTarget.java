package org.policy.fuzz.targets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.policy.dsl.ide.server.PolicyLanguageServer;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;
import org.policy.fuzz.Observation;
import org.policy.fuzz.Target;

/**
 * Feeds a message stream to a fresh language server in this JVM (the same {@link PolicyLanguageServer#run}
 * as {@code policy lsp}, on piped streams), then a well-formed probe request: a server that still answers
 * it has survived the stream. Checks every response: no internal error ({@code -32603}), no stack trace.
 */
public final class LspTarget implements Target {
	/** The probe's id: a {@code shutdown} request, answered whether or not the stream initialized. */
	public static final String PROBE_ID = "fuzz-probe";
	private static final String PROBE = frame("{\"jsonrpc\":\"2.0\",\"id\":\"" + PROBE_ID + "\",\"method\":\"shutdown\"}");

	@Override
	public Kind kind() {
		return Kind.LSP;
	}

	public static String frame(String json) {
		return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
	}

	@Override
	public Observation run(FuzzInput input) throws Exception {
		PipedOutputStream client = new PipedOutputStream();
		PipedInputStream serverIn = new PipedInputStream(client, 1 << 16);
		ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
		CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
				() -> PolicyLanguageServer.run(serverIn, serverOut, logStream, false), LspTarget::daemon);
		boolean exited = false;
		try {
			// The stream is bytes as generated: the generators put raw bytes one per char.
			client.write(input.content().getBytes(StandardCharsets.ISO_8859_1));
			client.write(PROBE.getBytes(StandardCharsets.UTF_8));
			client.flush();
			while (!answered(serverOut) && !status.isDone()) {
				Thread.sleep(2);
			}
		} catch (IOException e) {
			exited = status.isDone(); // the server stopped reading: only right after 'exit'
		} finally {
			client.close();
		}
		int code = status.get(60, TimeUnit.SECONDS);
		String out = serverOut.toString(StandardCharsets.UTF_8);
		String err = log.toString(StandardCharsets.UTF_8);
		List<String> extra = new ArrayList<>();
		boolean sawExit = input.content().contains("\"exit\"");
		if (!out.contains("\"" + PROBE_ID + "\"") && !sawExit && !exited) {
			extra.add("unanswered: the probe request after the stream got no response (status " + code + ")");
		}
		for (JsonObject response : responses(out, extra)) {
			JsonElement error = response.get("error");
			if (error != null && error.isJsonObject() && error.getAsJsonObject().has("code")
					&& error.getAsJsonObject().get("code").getAsInt() == -32603) {
				String message = String.valueOf(error.getAsJsonObject().get("message"));
				// The category carries the message's shape, so that two different internal errors are two classes.
				String shape = message.replaceAll("'[^']*'|\\\\u0027[^\\\\]*\\\\u0027", "Q").replaceAll("[0-9]+", "N")
						.replaceAll("[^A-Za-z]+", "-");
				extra.add("internal-error/" + shape.substring(0, Math.min(100, shape.length())) + ": " + message);
				break;
			}
		}
		return new Observation(code == 1 && sawExit ? 0 : code, out, err, List.of(), Map.of(), null, false, List.of(),
				extra);
	}

	private static boolean answered(ByteArrayOutputStream out) {
		return out.toString(StandardCharsets.UTF_8).contains("\"" + PROBE_ID + "\"");
	}

	/** The JSON bodies of the server's framed output; a broken frame is itself a finding. */
	private static List<JsonObject> responses(String out, List<String> extra) {
		List<JsonObject> messages = new ArrayList<>();
		int at = 0;
		byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
		String ascii = new String(bytes, StandardCharsets.ISO_8859_1);
		while (at < ascii.length()) {
			int headerEnd = ascii.indexOf("\r\n\r\n", at);
			if (!ascii.startsWith("Content-Length: ", at) || headerEnd < 0) {
				extra.add("bad-output: server output is not framed at byte " + at);
				break;
			}
			int length = Integer.parseInt(ascii.substring(at + 16, headerEnd).strip());
			if (headerEnd + 4 + length > bytes.length) {
				break; // a notification still being written after the session ended (publishDiagnostics)
			}
			String body = new String(bytes, headerEnd + 4, length, StandardCharsets.UTF_8);
			try {
				messages.add(JsonParser.parseString(body).getAsJsonObject());
			} catch (RuntimeException e) {
				extra.add("bad-output: a response is not a JSON object");
			}
			at = headerEnd + 4 + length;
		}
		return messages;
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(null, task, "fuzz-lsp", 8L << 20);
		thread.setDaemon(true);
		thread.start();
	}
}
