package org.policy.dsl.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiagnosticFormatTest {

	@Test
	void formatsLikeACompiler() {
		assertEquals("dir/a.policy:3:14: warning: unused parameter",
				new Diagnostic("dir/a.policy", 3, 14, Severity.WARNING, "unused parameter").format());
		assertEquals("a.policy:1:1: info: note",
				new Diagnostic("a.policy", 1, 1, Severity.INFO, "note").format());
	}

	@Test
	void keepsEveryDiagnosticOnOneLine() {
		assertEquals("a.policy:2:5: error: first line second line",
				new Diagnostic("a.policy", 2, 5, Severity.ERROR, "first line\n  second line\r\n").format());
	}
}
