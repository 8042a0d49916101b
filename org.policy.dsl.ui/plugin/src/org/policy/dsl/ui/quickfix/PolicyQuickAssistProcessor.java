package org.policy.dsl.ui.quickfix;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.editor.PolicyEditor;
import org.policy.dsl.ui.markers.PolicyMarkers;

/** Ctrl+1 in the editor: the quick fixes of the problems at the cursor. */
public class PolicyQuickAssistProcessor implements IQuickAssistProcessor {

	private final PolicyEditor editor;

	public PolicyQuickAssistProcessor(PolicyEditor editor) {
		this.editor = editor;
	}

	@Override
	public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
		List<ICompletionProposal> proposals = new ArrayList<>();
		for (IMarker marker : markersAt(context.getOffset())) {
			for (PolicyMarkerResolution resolution : PolicyMarkerResolutionGenerator.resolutions(marker)) {
				proposals.add(new ResolutionProposal(resolution, marker));
			}
		}
		return proposals.toArray(ICompletionProposal[]::new);
	}

	private List<IMarker> markersAt(int offset) {
		List<IMarker> found = new ArrayList<>();
		IFile file = editor.file();
		if (file == null) {
			return found;
		}
		try {
			for (IMarker marker : file.findMarkers(PolicyMarkers.CHECK, false, IResource.DEPTH_ZERO)) {
				int start = marker.getAttribute(IMarker.CHAR_START, -1);
				int end = marker.getAttribute(IMarker.CHAR_END, -1);
				if (start <= offset && offset <= end) {
					found.add(marker);
				}
			}
		} catch (CoreException e) {
			PolicyUiPlugin.log("cannot read the markers of " + file.getFullPath(), e);
		}
		return found;
	}

	@Override
	public boolean canFix(Annotation annotation) {
		return annotation instanceof MarkerAnnotation marker
				&& PolicyUiPlugin.services().hasFixes(marker.getMarker().getAttribute(PolicyMarkers.CODE, null));
	}

	@Override
	public boolean canAssist(IQuickAssistInvocationContext invocationContext) {
		return false;
	}

	@Override
	public String getErrorMessage() {
		return null;
	}

	private static final class ResolutionProposal implements ICompletionProposal {
		private final PolicyMarkerResolution resolution;
		private final IMarker marker;

		ResolutionProposal(PolicyMarkerResolution resolution, IMarker marker) {
			this.resolution = resolution;
			this.marker = marker;
		}

		@Override
		public void apply(IDocument document) {
			resolution.run(marker);
		}

		@Override
		public Point getSelection(IDocument document) {
			return null;
		}

		@Override
		public String getAdditionalProposalInfo() {
			return resolution.getDescription();
		}

		@Override
		public String getDisplayString() {
			return resolution.getLabel();
		}

		@Override
		public Image getImage() {
			return null;
		}

		@Override
		public IContextInformation getContextInformation() {
			return null;
		}
	}
}
