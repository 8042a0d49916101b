package org.policy.dsl.ui.editor;

import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.xtext.resource.XtextResource;
import org.policy.dsl.ide.outline.OutlineNode;
import org.policy.dsl.ide.quickfix.Edit;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.outline.PolicyOutlinePage;

/**
 * The editor for {@code *.policy} files: a JFace text editor whose language support (highlighting,
 * checks, completion, hover, outline, quick fixes, formatting) comes from the language's
 * editor-independent services ({@link org.policy.dsl.ide.editor.PolicyEditorServices}).
 */
public class PolicyEditor extends TextEditor {

	public static final String ID = "org.policy.dsl.ui.editor";
	/** The key binding context of this editor (Ctrl+Shift+F formats). */
	public static final String CONTEXT = "org.policy.dsl.ui.editorScope";

	private PolicyOutlinePage outlinePage;
	private volatile OutlineNode outline;

	@Override
	protected void initializeEditor() {
		super.initializeEditor();
		setSourceViewerConfiguration(new PolicySourceViewerConfiguration(this, getPreferenceStore()));
		setKeyBindingScopes(new String[] { CONTEXT });
	}

	/** The file being edited, or null for a file outside the workspace. */
	public IFile file() {
		return getEditorInput() == null ? null : getEditorInput().getAdapter(IFile.class);
	}

	/** The URI the language sees for this editor's text (its checks compare the file name to the policy's). */
	public String uri() {
		IFile file = file();
		if (file != null && file.getLocationURI() != null) {
			return file.getLocationURI().toString();
		}
		return "editor:/" + (getEditorInput() == null ? "untitled.policy" : getEditorInput().getName());
	}

	public IDocument document() {
		return getDocumentProvider() == null ? null : getDocumentProvider().getDocument(getEditorInput());
	}

	/** The text as it is now, parsed. */
	public XtextResource parse() {
		return PolicyUiPlugin.services().parse(uri(), document().get());
	}

	/** The editor's language wiring (public for tests). */
	public PolicySourceViewerConfiguration configuration() {
		return (PolicySourceViewerConfiguration) getSourceViewerConfiguration();
	}

	/** The viewer (public for commands and tests). */
	public ISourceViewer viewer() {
		return getSourceViewer();
	}

	/** Gives the policy its standard layout, as one undoable change. */
	public void format() {
		IDocument document = document();
		List<Edit> edits = PolicyUiPlugin.services().format(PolicyUiPlugin.services().parse(uri(), document.get()));
		if (!edits.isEmpty()) {
			Edits.apply(document, edits, getAdapter(IRewriteTarget.class));
		}
	}

	/** Called by the reconciler, in a background thread, with the outline of the text it checked. */
	void reconciled(OutlineNode newOutline) {
		outline = newOutline;
		Display display = getSite() == null ? null : getSite().getShell().getDisplay();
		if (display != null && !display.isDisposed()) {
			display.asyncExec(() -> {
				if (outlinePage != null) {
					outlinePage.update(outline);
				}
			});
		}
	}

	public OutlineNode outline() {
		return outline;
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		if (IContentOutlinePage.class.equals(adapter)) {
			if (outlinePage == null) {
				outlinePage = new PolicyOutlinePage(this);
				outlinePage.update(outline);
			}
			return adapter.cast(outlinePage);
		}
		return super.getAdapter(adapter);
	}

	@Override
	public void dispose() {
		outlinePage = null;
		super.dispose();
	}
}
