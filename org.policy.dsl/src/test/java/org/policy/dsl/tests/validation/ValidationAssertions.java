package org.policy.dsl.tests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.policy.Policy;

/** Parses a policy as file {@code p.policy} and compares all its issues, as "SEVERITY line:column message". */
abstract class ValidationAssertions {
	@Inject
	private ParseHelper<Policy> parser;
	@Inject
	private ValidationTestHelper validator;
	@Inject
	private Provider<XtextResourceSet> resourceSets;

	/** Every issue of {@code text} (errors and warnings, syntax and linking included), in position order. */
	protected List<Issue> issues(String text, String fileName) throws Exception {
		Policy policy = parser.parse(text, URI.createURI("inmemory:/" + fileName), resourceSets.get());
		return validator.validate(policy).stream()
				.sorted(Comparator.comparing(Issue::getOffset).thenComparing(Issue::getMessage)).toList();
	}

	protected static String format(Issue issue) {
		return issue.getSeverity() + " " + issue.getLineNumber() + ":" + issue.getColumn() + " " + issue.getMessage();
	}

	/** Asserts that validating {@code text} (as p.policy) reports exactly {@code expected}, in position order. */
	protected void assertIssues(String text, String... expected) throws Exception {
		assertIssuesIn(text, "p.policy", expected);
	}

	protected void assertIssuesIn(String text, String fileName, String... expected) throws Exception {
		List<String> actual = issues(text, fileName).stream().map(ValidationAssertions::format).toList();
		assertEquals(String.join("\n", Arrays.asList(expected)), String.join("\n", actual), () -> "in:\n" + numbered(text));
	}

	/** Asserts the issue codes of all the issues of {@code text} (as p.policy), in position order. */
	protected void assertCodes(String text, String... codes) throws Exception {
		assertCodesIn(text, "p.policy", codes);
	}

	protected void assertCodesIn(String text, String fileName, String... codes) throws Exception {
		assertEquals(Arrays.asList(codes), issues(text, fileName).stream().map(Issue::getCode).toList());
	}

	private static String numbered(String text) {
		StringBuilder out = new StringBuilder();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			out.append(String.format("%3d| %s%n", i + 1, lines[i].replace("\t", "    ")));
		}
		return out.toString();
	}
}
