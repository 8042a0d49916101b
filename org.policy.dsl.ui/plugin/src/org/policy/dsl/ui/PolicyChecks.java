package org.policy.dsl.ui;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.ui.markers.PolicyMarkers;

/** Runs the language's checks on a file in-process and replaces its problem markers. */
public final class PolicyChecks {
	private PolicyChecks() {
	}

	/** Checks the file's current text (unsaved changes included) and returns its issues. */
	public static List<Issue> check(IFile file) throws CoreException {
		List<Issue> issues = new ArrayList<>();
		PolicyFiles.withDocument(file, document -> issues.addAll(
				PolicyUiPlugin.services().check(PolicyUiPlugin.services().parse(PolicyFiles.uri(file), document.get()))));
		PolicyMarkers.replaceCheckMarkers(file, issues);
		return issues;
	}
}
