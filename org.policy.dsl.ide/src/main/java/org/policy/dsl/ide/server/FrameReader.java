package org.policy.dsl.ide.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits the client's byte stream into LSP messages ({@code Content-Length: N\r\n\r\n} + N bytes), refusing
 * what lsp4j's own reader trusts: a missing, non-numeric, negative or oversized {@code Content-Length}
 * (lsp4j allocates {@code new byte[N]} and, on a bad value, loses track of where messages start, so it
 * stops answering). A bad header block is reported as a {@link Frame#error()} and the reader then skips to
 * the next {@code Content-Length:} it sees, so one broken message costs only itself.
 */
final class FrameReader {
	/** The largest message body accepted: far above any real document, far below the heap. */
	static final int MAX_CONTENT_LENGTH = 64 << 20;
	private static final int MAX_HEADER_LINE = 8192;
	private static final byte[] RESYNC = "Content-Length:".getBytes(StandardCharsets.US_ASCII);

	/** A message body with its charset, or the reason a header block was refused. */
	record Frame(byte[] body, Charset charset, String error) {
		String text() {
			return new String(body, charset);
		}
	}

	private final InputStream in;
	/** After a refused header block: look for the next header before reading lines again. */
	private boolean resync;

	FrameReader(InputStream in) {
		this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
	}

	/** The next message or refused header block; {@code null} at the end of the input. */
	Frame next() throws IOException {
		String firstLine = null;
		if (resync) {
			if (!skipToHeader()) {
				return null;
			}
			resync = false;
			firstLine = "Content-Length:";
		}
		long contentLength = -1;
		Charset charset = StandardCharsets.UTF_8;
		String error = null;
		boolean anyLine = false;
		while (true) {
			String line = readLine(firstLine);
			firstLine = null;
			if (line == null) {
				return null;
			}
			if (line.isEmpty()) {
				if (!anyLine) {
					continue; // blank lines between messages: harmless
				}
				break;
			}
			anyLine = true;
			if (error != null) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				error = "malformed header line '" + abbreviate(line) + "'";
				continue;
			}
			String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			if (key.equals("content-length")) {
				if (!value.matches("[0-9]{1,12}")) {
					error = "Content-Length '" + abbreviate(value) + "' is not a byte count";
				} else if (Long.parseLong(value) > MAX_CONTENT_LENGTH) {
					error = "Content-Length " + value + " is over the limit of " + MAX_CONTENT_LENGTH + " bytes";
				} else {
					contentLength = Long.parseLong(value);
				}
			} else if (key.equals("content-type")) {
				int at = value.toLowerCase(Locale.ROOT).indexOf("charset=");
				if (at >= 0) {
					String name = value.substring(at + 8).trim().replace("\"", "");
					try {
						charset = Charset.forName(name.equalsIgnoreCase("utf8") ? "UTF-8" : name);
					} catch (IllegalArgumentException e) {
						error = "unsupported charset '" + abbreviate(name) + "'";
					}
				}
			} // other headers: ignored, as HTTP does
		}
		if (error == null && contentLength < 0) {
			error = "no Content-Length header";
		}
		if (error != null) {
			resync = true;
			return new Frame(null, null, error);
		}
		byte[] body = in.readNBytes((int) contentLength);
		if (body.length < contentLength) {
			return null; // the input ended inside the message
		}
		return new Frame(body, charset, null);
	}

	/** One header line without its CR LF (a lone LF also ends it); {@code null} at the end of input. */
	private String readLine(String prefix) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		if (prefix != null) {
			line.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
		}
		boolean tooLong = false;
		while (true) {
			int c = in.read();
			if (c == -1) {
				return null;
			}
			if (c == '\n') {
				break;
			}
			if (c == '\r') {
				continue;
			}
			if (line.size() < MAX_HEADER_LINE) {
				line.write(c);
			} else {
				tooLong = true;
			}
		}
		// Headers are ASCII; anything else makes the line malformed, not the reader fail.
		String text = line.toString(StandardCharsets.ISO_8859_1);
		// The rest of a body sent with too short a Content-Length runs into the next header: start there.
		int header = text.indexOf("Content-Length:");
		if (header > 0) {
			return text.substring(header);
		}
		return tooLong ? "header line too long" : text;
	}

	/** Reads up to and including the next {@code Content-Length:}; false at the end of the input. */
	private boolean skipToHeader() throws IOException {
		int matched = 0;
		while (true) {
			int c = in.read();
			if (c == -1) {
				return false;
			}
			if (c == RESYNC[matched]) {
				matched++;
				if (matched == RESYNC.length) {
					return true;
				}
			} else {
				matched = c == RESYNC[0] ? 1 : 0;
			}
		}
	}

	static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\p{Cntrl}", "?");
		return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
	}
}
