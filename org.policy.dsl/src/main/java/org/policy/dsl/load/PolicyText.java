package org.policy.dsl.load;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a policy file as the text the parser reads: UTF-8, with a leading byte-order mark
 * dropped (editors on Windows write one; it is no character of the policy, and keeping it would move
 * every column of line 1 by one), and bytes that are not UTF-8 (or a NUL byte: a binary file) reported
 * where they are rather than silently turned into replacement characters.
 */
final class PolicyText {
	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/** Either the text or where (1-based line and column) and why it is not UTF-8. */
	record Decoded(String text, Diagnostic error) {
	}

	private PolicyText() {
	}

	static Decoded decode(String name, byte[] bytes) {
		int start = hasBom(bytes) ? BOM.length : 0;
		ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
		CharBuffer out = CharBuffer.allocate(bytes.length - start);
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			out.flip();
			int bad = in.get(in.position()) & 0xFF;
			return new Decoded(null, at(name, out, String.format(
					"the file is not UTF-8 text: byte 0x%02X cannot start or continue a character here", bad)));
		}
		decoder.flush(out);
		out.flip();
		String text = out.toString();
		int nul = text.indexOf('\0');
		if (nul >= 0) { // a binary file, or text with a hole: nothing a policy can contain
			return new Decoded(null, at(name, text.subSequence(0, nul), "the file is not text: it contains a NUL byte"));
		}
		return new Decoded(text, null);
	}

	private static boolean hasBom(byte[] bytes) {
		return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
	}

	/** A diagnostic just after {@code before}, counted in lines and characters as the parser counts them. */
	private static Diagnostic at(String name, CharSequence before, String message) {
		// Lines end at \r\n, \r or \n, as in the positions of the parser's diagnostics (Xtext's node model).
		int line = 1;
		int column = 1;
		for (int i = 0; i < before.length(); i++) {
			char c = before.charAt(i);
			if (c == '\n' || c == '\r' && (i + 1 == before.length() || before.charAt(i + 1) != '\n')) {
				line++;
				column = 1;
			} else if (c != '\r') {
				column++;
			}
		}
		return new Diagnostic(name, line, column, Severity.ERROR, message);
	}

}
