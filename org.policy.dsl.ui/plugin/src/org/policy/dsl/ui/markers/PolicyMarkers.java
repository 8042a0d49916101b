package org.policy.dsl.ui.markers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.ui.PolicyUiPlugin;

/**
 * The problem markers of a policy file: one per issue of the language's checks (marker type
 * {@value #CHECK}) and one per error line the external tools print (type {@value #TOOL}). Both are
 * problem markers, so they show in the editor's rulers and in the Problems view.
 */
public final class PolicyMarkers {
	private PolicyMarkers() {
	}

	/** Issues of parsing and of the language's checks; replaced at every change of the text. */
	public static final String CHECK = "org.policy.dsl.ui.problem";
	/** Errors reported by {@code policy verify/simulate/generate}; replaced when the tool runs again. */
	public static final String TOOL = "org.policy.dsl.ui.toolProblem";

	/** Attribute: the issue code (quick fixes are found by it). */
	public static final String CODE = "org.policy.dsl.ui.code";
	/** Attribute: the issue data, joined by {@link #DATA_SEPARATOR}. */
	public static final String DATA = "org.policy.dsl.ui.data";
	public static final String DATA_SEPARATOR = "\u001f";

	/** Replaces the check markers of {@code file} by markers for {@code issues}. */
	public static void replaceCheckMarkers(IFile file, List<Issue> issues) {
		IWorkspaceRunnable update = monitor -> {
			if (!file.exists()) {
				return;
			}
			file.deleteMarkers(CHECK, false, IResource.DEPTH_ZERO);
			for (Issue issue : issues) {
				// created with its attributes at once: a marker created bare and filled in after is seen
				// without a message by a reader on another thread (the workbench test once was)
				Map<String, Object> attributes = new HashMap<>();
				attributes.put(IMarker.SEVERITY, severity(issue.getSeverity()));
				attributes.put(IMarker.MESSAGE, issue.getMessage());
				if (issue.getLineNumber() != null) {
					attributes.put(IMarker.LINE_NUMBER, issue.getLineNumber());
				}
				if (issue.getOffset() != null) {
					int length = issue.getLength() == null ? 0 : issue.getLength();
					attributes.put(IMarker.CHAR_START, issue.getOffset());
					attributes.put(IMarker.CHAR_END, issue.getOffset() + length);
				}
				if (issue.getCode() != null) {
					attributes.put(CODE, issue.getCode());
				}
				if (issue.getData() != null && issue.getData().length > 0) {
					attributes.put(DATA, String.join(DATA_SEPARATOR, issue.getData()));
				}
				file.createMarker(CHECK, attributes);
			}
		};
		try {
			// Markers change the workspace: do it under the file's scheduling rule, in one notification.
			file.getWorkspace().run(update, file, IResource.NONE, null);
		} catch (CoreException e) {
			PolicyUiPlugin.log("cannot update the problem markers of " + file.getFullPath(), e);
		}
	}

	public static String[] data(IMarker marker) {
		String data = marker.getAttribute(DATA, null);
		return data == null ? null : data.split(DATA_SEPARATOR, -1);
	}

	static int severity(Severity severity) {
		return switch (severity) {
			case ERROR -> IMarker.SEVERITY_ERROR;
			case WARNING -> IMarker.SEVERITY_WARNING;
			case INFO, IGNORE -> IMarker.SEVERITY_INFO;
		};
	}
}
