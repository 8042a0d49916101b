package org.policy.dsl.tests.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.PolicyLoader;

/**
 * A policy too large for the JVM class it compiles to is one error at what is too large, from the
 * loader, so that check says it too (not "Class too large" from the simulator).
 */
class SizeLimitTest {
	private static final PolicyLoader LOADER = new PolicyLoader();

	private static final String HANDLERS = """
			shared queue runq ordered by fifo;
			on new(t) { t => runq; }
			on yield(t) { t => runq; }
			on block(t) { t => blocked; }
			on unblock(t) { t => runq; }
			on terminate(t) { t => terminated; }
			on schedule { if (!empty(runq)) { first(runq) => self.current; } }
			""";

	private static List<String> errors(String text) {
		return LOADER.loadText("big.policy", text).diagnostics().stream().filter(Diagnostic::isError)
				.map(Diagnostic::format).toList();
	}

	@Test
	void aHandlerLargerThanAJvmMethodIsOneErrorAtTheHandler() {
		String text = "policy big {\nthread { int n = 0; }\n" + HANDLERS + "on tick(t) {\n"
				+ "t.n += 1000000;\n".repeat(8_000) + "}\n}\n";
		assertEquals(List.of("big.policy:10:1: error: handler 'on tick' is too large to compile: its code would exceed"
				+ " the JVM's limit of 65535 bytes per method; move parts of it into functions"), errors(text));
	}

	@Test
	void tooManyFunctionsForOneJvmClassIsOneErrorAtThePolicy() {
		StringBuilder text = new StringBuilder("policy big {\n").append(HANDLERS).append("on tick(t) { }\n");
		for (int i = 0; i < 25_000; i++) {
			text.append("function int f").append(i).append("() = ").append(1_000_000 + i).append(";\n");
		}
		assertEquals(List.of("big.policy:1:1: error: policy 'big' is too large to compile: it would exceed the JVM's"
				+ " limit of 65535 constants per class (it has 25000 functions); split it into smaller policies"),
				errors(text.append("}\n").toString()));
	}
}
