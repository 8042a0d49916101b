package org.policy.dsl.tests.limits;

import java.util.function.IntFunction;

/**
 * Policies that nest {@code n} levels deep in each of the ways the language can nest. Every one is a
 * clean policy for small {@code n}; its tick handler holds the nesting, on line 12 of the file.
 */
enum DeepPolicies {
	PARENTHESES(n -> local("(".repeat(n) + "k" + ")".repeat(n))),
	NEGATIONS(n -> local("-(".repeat(n) + "k" + ")".repeat(n))),
	MINUSES(n -> local("-".repeat(n) + "k")),
	NOTS(n -> local("(" + "!".repeat(n) + "(k > 0)) ? 1 : 0")),
	SUM(n -> local("1" + " + 1".repeat(n))),
	CONDITIONALS(n -> local("k > 0 ? 1 : ".repeat(n) + "0")),
	CALLS(n -> local("g(".repeat(n) + "k" + ")".repeat(n))),
	BUILTINS(n -> local("abs(".repeat(n) + "k" + ")".repeat(n))),
	IFS(n -> body("if (k > 0) { ".repeat(n) + "x += 1;" + " }".repeat(n))),
	BLOCKS(n -> body("if (true) { ".repeat(n) + "x += 1;" + " }".repeat(n))),
	ELSE_IFS(n -> body("if (k > 0) { x += 1; }" + " else if (k > 1) { x += 1; }".repeat(n))),
	FOREACHES(n -> {
		StringBuilder loops = new StringBuilder();
		for (int i = 0; i < n; i++) {
			loops.append("foreach c").append(i).append(" in cores { ");
		}
		return body(loops + "x += 1;" + " }".repeat(n));
	});

	private static final String TEMPLATE = """
			policy deep {
			shared queue runq ordered by fifo;
			param int k = 1;
			function int g(int v) = v;
			on new(t) { t => runq; }
			on yield(t) { t => runq; }
			on block(t) { t => blocked; }
			on unblock(t) { t => runq; }
			on terminate(t) { t => terminated; }
			on schedule { if (!empty(runq)) { first(runq) => self.current; } }
			on tick(t) {
			  var x = %s;
			  %s
			  if (x > g(0)) { t => runq; }
			}
			}
			""";

	private final IntFunction<String> text;

	DeepPolicies(IntFunction<String> text) {
		this.text = text;
	}

	String nested(int n) {
		return text.apply(n);
	}

	private static String local(String initialiser) {
		return TEMPLATE.formatted(initialiser, "");
	}

	private static String body(String statements) {
		return TEMPLATE.formatted("0", statements);
	}
}
