package org.policy.verifier.report;

/** A minimal JSON writer with two-space indentation and keys in the order written: deterministic output. */
final class Json {
	private final StringBuilder out = new StringBuilder();
	private int depth;
	private boolean first = true;
	private boolean afterKey;

	Json open() {
		value();
		out.append('{');
		depth++;
		first = true;
		return this;
	}

	Json close() {
		depth--;
		if (!first) {
			newline();
		}
		out.append('}');
		first = false;
		return this;
	}

	Json openArray() {
		value();
		out.append('[');
		depth++;
		first = true;
		return this;
	}

	Json closeArray() {
		return close().replaceLast(']');
	}

	private Json replaceLast(char c) {
		out.setCharAt(out.length() - 1, c);
		return this;
	}

	Json key(String name) {
		separator();
		quote(name);
		out.append(": ");
		afterKey = true;
		return this;
	}

	/** Starts an array element (call before the value). */
	Json element() {
		separator();
		afterKey = true;
		return this;
	}

	Json string(String s) {
		value();
		quote(s);
		return this;
	}

	Json number(long n) {
		value();
		out.append(n);
		return this;
	}

	String text() {
		return out.append('\n').toString();
	}

	private void value() {
		if (afterKey) {
			afterKey = false;
		} else if (depth > 0) {
			separator();
		}
		first = false;
	}

	private void separator() {
		if (!first) {
			out.append(',');
		}
		newline();
		first = false;
	}

	private void newline() {
		out.append('\n');
		for (int i = 0; i < depth; i++) {
			out.append("  ");
		}
	}

	private void quote(String s) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				case '\r' -> out.append("\\r");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					} else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}
}
