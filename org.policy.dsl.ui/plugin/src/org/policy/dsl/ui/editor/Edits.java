package org.policy.dsl.ui.editor;

import java.util.List;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.text.edits.MalformedTreeException;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;
import org.policy.dsl.ide.quickfix.Edit;
import org.policy.dsl.ui.PolicyUiPlugin;

/** Applies the language services' edits to a JFace document. */
public final class Edits {
	private Edits() {
	}

	/** Applies {@code edits} (non-overlapping, offsets in the current text) as one change; one undo step when {@code target} is given. */
	public static void apply(IDocument document, List<Edit> edits, IRewriteTarget target) {
		MultiTextEdit all = new MultiTextEdit();
		for (Edit edit : edits) {
			all.addChild(new ReplaceEdit(edit.offset(), edit.length(), edit.text()));
		}
		if (target != null) {
			target.beginCompoundChange();
		}
		try {
			all.apply(document);
		} catch (MalformedTreeException | BadLocationException e) {
			PolicyUiPlugin.log("cannot apply edits to the policy", e);
		} finally {
			if (target != null) {
				target.endCompoundChange();
			}
		}
	}
}
