package org.policy.dsl.load;

/** One finding about a policy file, positioned for `file:line:col: severity: message`. */
public record Diagnostic(String file, int line, int column, Severity severity, String message)
		implements Comparable<Diagnostic> {

	public enum Severity {
		ERROR, WARNING, INFO;

		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** The conventional compiler form, understood by editors and CI log parsers. */
	public String format() {
		return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message;
	}

	@Override
	public int compareTo(Diagnostic o) {
		int c = file.compareTo(o.file);
		if (c == 0) {
			c = Integer.compare(line, o.line);
		}
		if (c == 0) {
			c = Integer.compare(column, o.column);
		}
		if (c == 0) {
			c = severity.compareTo(o.severity);
		}
		return c == 0 ? message.compareTo(o.message) : c;
	}
}
