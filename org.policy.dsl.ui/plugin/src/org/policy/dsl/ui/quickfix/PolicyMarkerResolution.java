package org.policy.dsl.ui.quickfix;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IMarkerResolution2;
import org.policy.dsl.ide.quickfix.Fix;
import org.policy.dsl.ui.PolicyChecks;
import org.policy.dsl.ui.PolicyFiles;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.editor.Edits;

/** One quick fix, applied to the file's document: in the open editor if there is one, else to the file. */
public class PolicyMarkerResolution implements IMarkerResolution2 {

	private final Fix fix;
	private final String textItWasComputedFor;

	PolicyMarkerResolution(Fix fix, String text) {
		this.fix = fix;
		this.textItWasComputedFor = text;
	}

	@Override
	public String getLabel() {
		return fix.label();
	}

	@Override
	public String getDescription() {
		return fix.label();
	}

	@Override
	public Image getImage() {
		return null;
	}

	@Override
	public void run(IMarker marker) {
		if (!(marker.getResource() instanceof IFile file)) {
			return;
		}
		try {
			PolicyFiles.withDocument(file, true, document -> {
				// The fix's offsets hold for the text it was computed on; never apply it to another one.
				if (document.get().equals(textItWasComputedFor)) {
					Edits.apply(document, fix.edits(), null);
				}
			});
			PolicyChecks.check(file);
		} catch (CoreException e) {
			PolicyUiPlugin.log("cannot apply the quick fix '" + fix.label() + "'", e);
		}
	}
}
