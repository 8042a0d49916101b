package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.policy.dsl.ide.tests.Services.SERVICES;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The layout the formatter produces depends on the tokens only, not on how the author spaced them. */
class FormatterPropertiesTest {

	private static final List<String> POLICIES = Policies.libraryPolicies().stream().map(Policies::read).toList();
	private static final List<String> FORMATTED = POLICIES.stream().map(SERVICES::formatted).toList();

	@Property(tries = 60)
	void theLayoutDoesNotDependOnTheWhitespaceOfTheInput(@ForAll("policyIndex") int index,
			@ForAll("whitespace") List<String> replacements) {
		String respaced = respace(POLICIES.get(index), replacements);
		assertEquals(FORMATTED.get(index), SERVICES.formatted(respaced), () -> "input:\n" + respaced);
	}

	/**
	 * Replaces the whitespace between tokens, one run after the other, by the given replacements (cycling).
	 * Runs inside a line comment are kept, a line break stays a line break, an indented comment stays
	 * indented, and no line break is put before a trailing comment, so that comments stay attached where they were and blank lines between
	 * declarations (which the formatter keeps, up to one) do not appear.
	 */
	static String respace(String text, List<String> replacements) {
		StringBuilder out = new StringBuilder();
		int next = 0;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
				int end = text.indexOf('\n', i);
				end = end < 0 ? text.length() : end;
				out.append(text, i, end);
				i = end;
			} else if (c == ' ' || c == '\t' || c == '\n') {
				int end = i;
				int lines = 0;
				while (end < text.length() && " \t\n".indexOf(text.charAt(end)) >= 0) {
					lines += text.charAt(end) == '\n' ? 1 : 0;
					end++;
				}
				String replacement = replacements.get(next++ % replacements.size());
				boolean beforeComment = text.startsWith("//", end);
				if (lines > 0) {
					// a comment moved to the left margin is commented-out code, which stays there: keep it indented
					String indent = replacement.replace("\n", "");
					boolean wasIndented = text.charAt(end - 1) != '\n';
					out.append("\n".repeat(Math.min(lines, 2)))
							.append(beforeComment && wasIndented && indent.isEmpty() ? "\t" : indent);
				} else if (beforeComment) {
					// a line break here would turn a trailing comment into one of its own: another layout
					String inline = replacement.replace("\n", "");
					out.append(inline.isEmpty() ? " " : inline);
				} else {
					out.append(replacement);
				}
				i = end;
			} else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	@Provide
	Arbitrary<Integer> policyIndex() {
		return Arbitraries.integers().between(0, POLICIES.size() - 1);
	}

	@Provide
	Arbitrary<List<String>> whitespace() {
		return Arbitraries.of(" ", "  ", "\t", " \t ", "\n", "\n\t\t", "   ").list().ofMinSize(1).ofMaxSize(20);
	}

}
