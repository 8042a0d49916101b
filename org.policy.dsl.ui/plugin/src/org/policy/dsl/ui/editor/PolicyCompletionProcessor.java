package org.policy.dsl.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.resource.XtextResource;
import org.policy.dsl.ide.editor.PolicyEditorServices;
import org.policy.dsl.ui.PolicyUiPlugin;

/**
 * Content assist from Xtext's ide services (keywords, names in scope, handler skeletons): each entry
 * replaces the prefix typed before the cursor.
 */
public final class PolicyCompletionProcessor implements IContentAssistProcessor {

	private final PolicyEditor editor;

	PolicyCompletionProcessor(PolicyEditor editor) {
		this.editor = editor;
	}

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		String text = viewer.getDocument().get();
		PolicyEditorServices services = PolicyUiPlugin.services();
		XtextResource resource = services.parse(editor.uri(), text);
		List<ICompletionProposal> proposals = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (ContentAssistEntry entry : services.complete(resource, text, offset)) {
			String prefix = entry.getPrefix() == null ? "" : entry.getPrefix();
			if (!seen.add(entry.getProposal()) || prefix.length() > offset) {
				continue;
			}
			String label = entry.getLabel() != null ? entry.getLabel() : entry.getProposal();
			String display = entry.getDescription() == null ? label : label + " - " + entry.getDescription();
			proposals.add(new CompletionProposal(entry.getProposal(), offset - prefix.length(), prefix.length(),
					entry.getProposal().length(), null, display, null, entry.getDocumentation()));
		}
		return proposals.toArray(ICompletionProposal[]::new);
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return new char[] { '.' };
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return null;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}
