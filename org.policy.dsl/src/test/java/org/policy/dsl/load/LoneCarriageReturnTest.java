package org.policy.dsl.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A text that ends in a lone '\r' (an old Mac line end, or a file cut after one) is checked as if it
 * ended in '\n': Xtext's own position code reads past the end of such a text, and before the parser
 * worked around it the loader lost every syntax error (found by the fuzzer: {@code policy check} of
 * 73 bytes ending in "queue \r" was an internal error).
 */
class LoneCarriageReturnTest {
	private static final PolicyLoader LOADER = new PolicyLoader();

	private static List<String> diagnostics(String text) {
		return LOADER.loadText("cut.policy", text).diagnostics().stream().map(Diagnostic::format).toList();
	}

	@Test
	void aTruncatedPolicyEndingInCarriageReturnReportsItsSyntaxError() {
		List<String> found = diagnostics("policy p {\n\tthread { }\n\tcore { bool c0; queue q0 ordered by fifo; queue \r");
		assertTrue(found.contains("cut.policy:3:49: error: mismatched input '<EOF>' expecting a name"), found.toString());
	}

	@Property(tries = 300)
	void endingInCarriageReturnOrLineFeedGivesTheSameDiagnostics(@ForAll @IntRange(min = 0, max = 2_000) int cut)
			throws IOException {
		String fifo = Files.readString(Path.of("../policies/fifo.policy"));
		String prefix = fifo.substring(0, Math.min(cut, fifo.length()));
		assertEquals(diagnostics(prefix + "\n"), diagnostics(prefix + "\r"));
	}
}
