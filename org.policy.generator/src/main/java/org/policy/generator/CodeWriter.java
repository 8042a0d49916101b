package org.policy.generator;

/**
 * Accumulates C text in kernel style: tab indentation, lines of at most 100 columns (a longer
 * statement is broken after a comma or a binary operator and continued two tabs deeper).
 */
final class CodeWriter {
	static final int MAX_COLUMNS = 100;
	private final StringBuilder out = new StringBuilder();
	private int depth;

	CodeWriter line(String text) {
		if (text.isEmpty()) {
			out.append('\n');
			return this;
		}
		String indent = "\t".repeat(depth);
		String rest = text;
		boolean first = true;
		while (true) {
			String prefix = first ? indent : indent + "\t\t";
			int room = MAX_COLUMNS - columns(prefix);
			if (rest.length() <= room) {
				out.append(prefix).append(rest).append('\n');
				return this;
			}
			int cut = breakPoint(rest, room);
			if (cut <= 0) {
				out.append(prefix).append(rest).append('\n');
				return this;
			}
			out.append(prefix).append(rest.substring(0, cut).stripTrailing()).append('\n');
			rest = rest.substring(cut).stripLeading();
			first = false;
		}
	}

	/** "text {" and one level deeper. */
	CodeWriter open(String text) {
		line(text + " {");
		depth++;
		return this;
	}

	/** One level out and "}" (or "} else {" and so on). */
	CodeWriter close(String text) {
		depth--;
		return line(text);
	}

	CodeWriter close() {
		return close("}");
	}

	CodeWriter indent() {
		depth++;
		return this;
	}

	CodeWriter outdent() {
		depth--;
		return this;
	}

	CodeWriter blank() {
		return line("");
	}

	/** Appends lines written elsewhere, as they are. */
	CodeWriter raw(String text) {
		out.append(text);
		return this;
	}

	@Override
	public String toString() {
		return out.toString();
	}

	private static int columns(String prefix) {
		int c = 0;
		for (char ch : prefix.toCharArray()) {
			c = ch == '\t' ? (c / 8 + 1) * 8 : c + 1;
		}
		return c;
	}

	/**
	 * The last place within {@code room} columns where the line may break: after ", " or after
	 * " && ", " || " or another binary operator, outside string literals and not inside a comment.
	 */
	private static int breakPoint(String s, int room) {
		int best = -1;
		int bestDepth = Integer.MAX_VALUE;
		java.util.List<Integer> cuts = new java.util.ArrayList<>();
		java.util.List<Integer> depths = new java.util.ArrayList<>();
		boolean string = false;
		int depth = 0;
		int limit = Math.min(room, s.length() - 1);
		for (int i = 0; i < limit; i++) {
			char c = s.charAt(i);
			if (c == '"') {
				string = !string;
			}
			if (string) {
				continue;
			}
			if (c == '(') {
				depth++;
			} else if (c == ')') {
				depth--;
			}
			if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
				int end = s.indexOf("*/", i + 2);
				if (end < 0) {
					break;
				}
				i = end + 1;
				continue;
			}
			int cut = -1;
			if (c == ',' && s.charAt(i + 1) == ' ') {
				cut = i + 1;
			} else if (c == ' ' && i + 3 < s.length()) {
				int op = operatorAt(s, i + 1);
				if (op > 0 && i + 1 + op <= limit) {
					cut = i + 1 + op;
				}
			}
			if (cut > 0) {
				cuts.add(cut);
				depths.add(depth);
			}
		}
		// the shallowest break that still fills a good part of the line (the rightmost of those)
		for (int k = 0; k < cuts.size(); k++) {
			if (cuts.get(k) >= room * 2 / 5 && depths.get(k) <= bestDepth) {
				best = cuts.get(k);
				bestDepth = depths.get(k);
			}
		}
		return best >= 0 || cuts.isEmpty() ? best : cuts.get(cuts.size() - 1);
	}

	/** The length of the binary operator (with its trailing space) at {@code i}, or 0. */
	private static int operatorAt(String s, int i) {
		for (String op : new String[] { "&& ", "|| ", "== ", "!= ", "<= ", ">= ", "< ", "> " }) {
			if (s.startsWith(op, i)) {
				return op.length();
			}
		}
		return 0;
	}
}
