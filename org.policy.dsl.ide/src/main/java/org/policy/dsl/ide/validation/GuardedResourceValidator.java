package org.policy.dsl.ide.validation;

import java.util.List;
import org.apache.log4j.Logger;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.eclipse.xtext.diagnostics.Severity;
import com.google.inject.Inject;

/**
 * Xtext's resource validator for the editor, with a floor: if checking a document fails (a bug in a check,
 * or a StackOverflowError on a pathologically nested document), the editor gets one error diagnostic at the
 * top of the document saying so, and the log gets one line, instead of no diagnostics and pages of stack
 * traces. Cancellation (the user typed on) still propagates, as Xtext's builder expects.
 */
public class GuardedResourceValidator extends ResourceValidatorImpl {
	private static final Logger LOG = Logger.getLogger(GuardedResourceValidator.class);

	@Inject
	private OperationCanceledManager cancellation;

	@Override
	public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator indicator) {
		try {
			return super.validate(resource, mode, indicator);
		} catch (RuntimeException | StackOverflowError e) {
			cancellation.propagateIfCancelException(e);
			String what = e instanceof StackOverflowError ? "the document is nested too deeply to check"
					: "checking the document failed (" + e.getClass().getSimpleName() + ")";
			LOG.warn(resource.getURI() + ": " + what);
			return List.of(issue(resource, what + "; this is a bug of the policy tools, please report it"));
		}
	}

	private static Issue issue(Resource resource, String message) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setSeverity(Severity.ERROR);
		issue.setMessage(message);
		issue.setLineNumber(1);
		issue.setColumn(1);
		issue.setLineNumberEnd(1);
		issue.setColumnEnd(1);
		issue.setOffset(0);
		issue.setLength(0);
		issue.setUriToProblem(resource.getURI());
		return issue;
	}
}
