package org.policy.dsl.ui.editor;

import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.ide.editor.PolicyEditorServices;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.markers.PolicyMarkers;

/**
 * Live checking: each time the text rests, parse it, run the language's checks, and replace the file's
 * problem markers (rulers, Problems view) and the outline. Runs in the reconciler's background thread.
 * A policy is one small file, so the whole text is checked each time; nothing incremental to get wrong.
 */
final class PolicyReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

	private final PolicyEditor editor;
	private IDocument document;

	PolicyReconcilingStrategy(PolicyEditor editor) {
		this.editor = editor;
	}

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
	}

	@Override
	public void setProgressMonitor(IProgressMonitor monitor) {
	}

	@Override
	public void initialReconcile() {
		check();
	}

	@Override
	public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
		check();
	}

	@Override
	public void reconcile(IRegion partition) {
		check();
	}

	private void check() {
		if (document == null) {
			return;
		}
		try {
			PolicyEditorServices services = PolicyUiPlugin.services();
			XtextResource resource = services.parse(editor.uri(), document.get());
			List<Issue> issues = services.check(resource);
			IFile file = editor.file();
			if (file != null) {
				PolicyMarkers.replaceCheckMarkers(file, issues);
			}
			editor.reconciled(services.outline(resource).orElse(null));
		} catch (RuntimeException e) {
			PolicyUiPlugin.log("checking the policy failed", e);
		}
	}
}
