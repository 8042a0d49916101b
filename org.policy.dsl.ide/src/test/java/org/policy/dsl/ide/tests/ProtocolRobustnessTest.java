package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.dsl.ide.tests.StdioSession.frame;
import static org.policy.dsl.ide.tests.StdioSession.initialize;
import static org.policy.dsl.ide.tests.StdioSession.notification;
import static org.policy.dsl.ide.tests.StdioSession.request;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client can send that is wrong, and what the server must do: answer with the standard error (or
 * drop, for notifications), keep serving, and never put a stack trace in a response or in its log.
 */
class ProtocolRobustnessTest {

	@TempDir
	Path workspace;

	private static void assertNoStackTrace(String text) {
		assertFalse(text.contains("\tat ") || text.contains("\\tat "), () -> "a stack trace:\n" + text);
		assertFalse(text.matches("(?s).*\\b(java|org|com)\\.[\\w.]*(Exception|Error)\\b.*"), () -> "an exception name:\n" + text);
	}

	private static void assertCode(int code, String response) {
		assertTrue(response.contains("\"code\":" + code), () -> "expected error " + code + ": " + response);
		assertFalse(response.contains("\"data\""), () -> "error data: " + response);
	}

	@Test
	void unknownMethodIsMethodNotFound() throws Exception {
		try (StdioSession s = new StdioSession()) {
			s.send(initialize(workspace) + request(2, "foo/bar", "{}") + notification("foo/notify", "{}")
					+ request(3, "shutdown", "null"));
			assertCode(-32601, s.response(2));
			assertTrue(s.response(3).contains("\"result\""), s.out());
			assertNoStackTrace(s.out());
			assertNoStackTrace(s.err());
		}
	}

	@Test
	void badContentLengthsAreSkippedAndTheServerGoesOn() throws Exception {
		for (String length : new String[] { "1000000000000", "-5", "abc", "99999999999999999999", "2147483647" }) {
			try (StdioSession s = new StdioSession()) {
				s.send(initialize(workspace) + "Content-Length: " + length + "\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7}"
						+ request(2, "shutdown", "null"));
				assertTrue(s.response(2).contains("\"result\""), length + ": " + s.out());
				assertTrue(s.err().contains("ignored a message: "), s.err());
				assertNoStackTrace(s.err());
			}
		}
	}

	@Test
	void missingContentLengthAndGarbageBeforeAHeaderAreSkipped() throws Exception {
		try (StdioSession s = new StdioSession()) {
			s.send("Content-Type: application/json\r\n\r\n{}" + "junk junk" + initialize(workspace)
					+ "Content-Length: 3\r\n\r\n{\"jsonrpc\":\"2.0\"}" + request(2, "shutdown", "null"));
			s.response(1);
			assertTrue(s.response(2).contains("\"result\""), s.out());
			assertNoStackTrace(s.err());
		}
	}

	@Test
	void malformedJsonIsAParseError() throws Exception {
		try (StdioSession s = new StdioSession()) {
			s.send(initialize(workspace) + frame("{abc}") + frame("[".repeat(100_000)) + request(2, "shutdown", "null"));
			assertCode(-32700, s.response("null"));
			assertTrue(s.response(2).contains("\"result\""), s.out());
			assertNoStackTrace(s.out());
			assertNoStackTrace(s.err());
		}
	}

	@Test
	void wrongParamTypesAreRefusedWithoutStackTraces() throws Exception {
		try (StdioSession s = new StdioSession()) {
			s.send(initialize(workspace)
					+ request(2, "textDocument/hover", "{\"textDocument\":5,\"position\":\"x\"}")
					+ request(3, "textDocument/hover", "\"x\"")
					+ request(4, "shutdown", "null"));
			assertTrue(s.response(2).contains("\"error\""), s.out());
			assertTrue(s.response(3).contains("\"error\""), s.out());
			s.response(4);
			assertNoStackTrace(s.out());
			assertNoStackTrace(s.err());
		}
	}

	@Test
	void requestsBeforeInitializeAreRefusedAndNotificationsDropped() throws Exception {
		try (StdioSession s = new StdioSession()) {
			s.send(request(2, "textDocument/hover",
					"{\"textDocument\":{\"uri\":\"file:///a.policy\"},\"position\":{\"line\":0,\"character\":0}}")
					+ notification("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"file:///a.policy\","
							+ "\"languageId\":\"policy\",\"version\":1,\"text\":\"policy a {}\"}}")
					+ request(3, "initialize", "{\"processId\":null,\"capabilities\":{}}")
					+ initialize(workspace) + request(4, "shutdown", "null") + request(5, "textDocument/hover", "{}"));
			assertCode(-32002, s.response(2));
			assertCode(-32602, s.response(3)); // no workspace: refused, the next initialize works
			assertTrue(s.response(1).contains("\"capabilities\""), s.out());
			assertCode(-32600, s.response(5)); // after shutdown
			assertNoStackTrace(s.out());
			assertNoStackTrace(s.err());
		}
	}

	@Test
	void unknownDocumentsAreInvalidParams() throws Exception {
		try (StdioSession s = new StdioSession()) {
			String nowhere = workspace.resolve("nowhere.policy").toUri().toString();
			s.send(initialize(workspace)
					+ notification("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + nowhere + "\",\"version\":2},"
							+ "\"contentChanges\":[{\"text\":\"x\"}]}")
					+ notification("textDocument/didClose", "{\"textDocument\":{\"uri\":\"" + nowhere + "\"}}")
					+ request(2, "textDocument/hover", "{\"textDocument\":{\"uri\":\"" + nowhere + "\"},"
							+ "\"position\":{\"line\":0,\"character\":0}}")
					+ request(3, "shutdown", "null"));
			assertCode(-32602, s.response(2));
			s.response(3);
			assertNoStackTrace(s.out());
			assertNoStackTrace(s.err());
		}
	}

	@Test
	void aDocumentThatBreaksTheChecksStillGetsADiagnosticAndAShortLog() throws Exception {
		try (StdioSession s = new StdioSession()) {
			String uri = workspace.resolve("deep.policy").toUri().toString();
			String deep = "policy deep { param int p = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "; }";
			s.send(initialize(workspace) + notification("initialized", "{}")
					+ notification("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri
							+ "\",\"languageId\":\"policy\",\"version\":1,\"text\":\"" + deep + "\"}}")
					+ request(2, "textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"" + uri + "\"}}")
					+ request(3, "shutdown", "null"));
			s.response(2);
			s.response(3);
			assertNoStackTrace(s.err());
			assertTrue(s.err().length() < 10_000, () -> "a long log: " + s.err().length() + " characters");
			assertNoStackTrace(s.out());
		}
	}

	@Test
	void exitEndsTheSessionWithTheStatusLspAsksFor() throws Exception {
		try (StdioSession s = new StdioSession()) {
			s.send(initialize(workspace) + request(2, "shutdown", "null"));
			s.response(2);
			s.send(notification("exit", "null"));
			assertEquals(0, s.status.get(1, TimeUnit.MINUTES));
		}
		try (StdioSession s = new StdioSession()) {
			s.send(initialize(workspace));
			s.response(1);
			s.send(notification("exit", "null"));
			assertEquals(1, s.status.get(1, TimeUnit.MINUTES));
		}
	}
}
