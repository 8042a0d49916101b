package org.policy.dsl.tests.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds test policies: a valid minimal policy with the test's snippet first (so that the snippet's first
 * line is line 2 of the file) and every default declaration or handler the snippet does not replace after it.
 */
final class PolicyTexts {
	private PolicyTexts() {
	}

	/** The handlers of the minimal valid policy, by event. */
	private static final Map<String, String> HANDLERS = new LinkedHashMap<>();
	static {
		HANDLERS.put("new", "on new(t) { t => self.q; }");
		HANDLERS.put("tick", "on tick(t) { }");
		HANDLERS.put("yield", "on yield(t) { t => self.q; }");
		HANDLERS.put("block", "on block(t) { t => blocked; }");
		HANDLERS.put("unblock", "on unblock(t) { t => cpu(t).q; }");
		HANDLERS.put("terminate", "on terminate(t) { t => terminated; }");
		HANDLERS.put("schedule", "on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }");
	}

	/** The minimal valid policy {@code p}, with {@code snippet} on lines 2 and on, replacing what it redeclares. */
	static String policy(String snippet) {
		return policyWithout(null, snippet);
	}

	/** As {@link #policy(String)}, without the handler of event {@code dropped}. */
	static String policyWithout(String dropped, String snippet) {
		StringBuilder text = new StringBuilder("policy p {\n").append(snippet).append('\n');
		text.append("thread { int load = 1; }\n");
		text.append("core { queue q ordered by fifo; }\n");
		if (!snippet.contains("core states")) {
			text.append("core states { idle, busy }\n");
		}
		HANDLERS.forEach((event, handler) -> {
			boolean replaced = Pattern.compile("\\bon\\s+" + event + "\\b").matcher(snippet).find();
			if (!replaced && !event.equals(dropped)) {
				text.append(handler).append('\n');
			}
		});
		return text.append("}\n").toString();
	}
}
