package org.policy.dsl.load;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a policy file: a syntax error, an unresolved name or a finding of the
 * language's checks.
 *
 * @param file     the file's name as the user gave it
 * @param line     1-based line
 * @param column   1-based column
 * @param severity how bad it is
 * @param message  what is wrong, as the language reports it
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message) {

	/** By file name, then position, then severity (errors first), then message. */
	public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
			.thenComparingInt(Diagnostic::line)
			.thenComparingInt(Diagnostic::column)
			.thenComparing(Diagnostic::severity)
			.thenComparing(Diagnostic::message);

	public Diagnostic {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(message, "message");
		if (line < 1 || column < 1) {
			throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
		}
	}

	public boolean isError() {
		return severity == Severity.ERROR;
	}

	/**
	 * The way compilers print it, {@code file:line:col: severity: message}, always on one line, so
	 * that editors and CI logs can jump to it.
	 */
	public String format() {
		return file + ":" + line + ":" + column + ": " + severity.label() + ": "
				+ message.strip().replaceAll("\\s*\\R\\s*", " ");
	}
}
