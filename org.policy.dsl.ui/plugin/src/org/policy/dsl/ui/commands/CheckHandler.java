package org.policy.dsl.ui.commands;

import java.util.List;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.ui.PolicyChecks;

/**
 * Policy > Check: runs the language's checks in-process (as {@code policy check} does), refreshes the
 * problem markers and prints the issues as {@code file:line:col: severity: message} to the Policy console.
 */
public class CheckHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IFile file = Selections.policyFile(event);
		if (file == null) {
			PolicyConsole.println("policy check: select a .policy file or open one in the editor");
			return null;
		}
		try {
			List<Issue> issues = PolicyChecks.check(file);
			StringBuilder report = new StringBuilder();
			for (Issue issue : issues) {
				report.append(file.getName()).append(':').append(issue.getLineNumber()).append(':')
						.append(issue.getColumn()).append(": ").append(issue.getSeverity().name().toLowerCase())
						.append(": ").append(issue.getMessage()).append('\n');
			}
			long errors = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).count();
			long warnings = issues.stream().filter(i -> i.getSeverity() == Severity.WARNING).count();
			report.append("policy check ").append(file.getName()).append(": ").append(errors).append(" error(s), ")
					.append(warnings).append(" warning(s)");
			PolicyConsole.println(report.toString());
		} catch (CoreException e) {
			throw new ExecutionException("cannot check " + file.getFullPath(), e);
		}
		return null;
	}
}
