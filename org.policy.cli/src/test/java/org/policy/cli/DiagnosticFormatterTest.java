package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.Severity;

class DiagnosticFormatterTest {

	@Test
	void formatsLikeACompiler() {
		assertEquals("dir/a.policy:3:14: warning: unused parameter",
				DiagnosticFormatter.format(new Diagnostic("dir/a.policy", 3, 14, Severity.WARNING, "unused parameter")));
		assertEquals("a.policy:1:1: info: note",
				DiagnosticFormatter.format(new Diagnostic("a.policy", 1, 1, Severity.INFO, "note")));
	}

	@Test
	void keepsEveryDiagnosticOnOneLine() {
		assertEquals("a.policy:2:5: error: first line second line",
				DiagnosticFormatter.format(new Diagnostic("a.policy", 2, 5, Severity.ERROR, "first line\n  second line\r\n")));
	}
}
