package org.policy.dsl.ui.editor;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.IContentAssistant;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.quickassist.IQuickAssistAssistant;
import org.eclipse.jface.text.quickassist.QuickAssistAssistant;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.MonoReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.quickfix.PolicyQuickAssistProcessor;

/** Wires the editor's JFace text services to the language: highlighting, checks, completion, hover, Ctrl+1. */
public class PolicySourceViewerConfiguration extends TextSourceViewerConfiguration {

	/** How long the text must rest before it is checked again, in ms. */
	static final int RECHECK_DELAY = 400;

	private final PolicyEditor editor;
	private PolicyCompletionProcessor completion;

	PolicySourceViewerConfiguration(PolicyEditor editor, IPreferenceStore preferences) {
		super(preferences);
		this.editor = editor;
	}

	@Override
	public IPresentationReconciler getPresentationReconciler(ISourceViewer sourceViewer) {
		PresentationReconciler reconciler = new PresentationReconciler();
		DefaultDamagerRepairer highlighting = new DefaultDamagerRepairer(
				new PolicyScanner(PolicyUiPlugin.services().keywords()));
		reconciler.setDamager(highlighting, IDocument.DEFAULT_CONTENT_TYPE);
		reconciler.setRepairer(highlighting, IDocument.DEFAULT_CONTENT_TYPE);
		return reconciler;
	}

	@Override
	public IReconciler getReconciler(ISourceViewer sourceViewer) {
		MonoReconciler reconciler = new MonoReconciler(new PolicyReconcilingStrategy(editor), false);
		reconciler.setDelay(RECHECK_DELAY);
		return reconciler;
	}

	@Override
	public IContentAssistant getContentAssistant(ISourceViewer sourceViewer) {
		ContentAssistant assistant = new ContentAssistant();
		assistant.setContentAssistProcessor(completionProcessor(), IDocument.DEFAULT_CONTENT_TYPE);
		assistant.enableAutoActivation(true);
		assistant.setAutoActivationDelay(300);
		assistant.setProposalPopupOrientation(IContentAssistant.PROPOSAL_OVERLAY);
		assistant.setInformationControlCreator(getInformationControlCreator(sourceViewer));
		return assistant;
	}

	/** The completion processor (public for the workbench test). */
	public PolicyCompletionProcessor completionProcessor() {
		if (completion == null) {
			completion = new PolicyCompletionProcessor(editor);
		}
		return completion;
	}

	@Override
	public ITextHover getTextHover(ISourceViewer sourceViewer, String contentType) {
		return new PolicyTextHover(editor, sourceViewer);
	}

	@Override
	public IQuickAssistAssistant getQuickAssistAssistant(ISourceViewer sourceViewer) {
		QuickAssistAssistant assistant = new QuickAssistAssistant();
		assistant.setQuickAssistProcessor(new PolicyQuickAssistProcessor(editor));
		assistant.setInformationControlCreator(getInformationControlCreator(sourceViewer));
		return assistant;
	}
}
