package org.policy.cli;

import org.policy.dsl.load.Diagnostic;

/** Prints a diagnostic the way compilers do, so editors and CI logs can jump to it. */
public final class DiagnosticFormatter {

	private DiagnosticFormatter() {
	}

	/** {@code file:line:col: severity: message}, always on one line. */
	public static String format(Diagnostic d) {
		return d.file() + ":" + d.line() + ":" + d.column() + ": " + d.severity().label() + ": " + oneLine(d.message());
	}

	private static String oneLine(String message) {
		return message.strip().replaceAll("\\s*\\R\\s*", " ");
	}
}
