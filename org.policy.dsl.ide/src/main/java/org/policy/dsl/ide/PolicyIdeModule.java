package org.policy.dsl.ide;

import org.eclipse.xtext.validation.IResourceValidator;
import org.policy.dsl.ide.validation.GuardedResourceValidator;

import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.IdeCrossrefProposalProvider;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.policy.dsl.ide.contentassist.PolicyCrossrefProposals;
import org.policy.dsl.ide.contentassist.PolicyProposals;
import org.policy.dsl.ide.formatting.PolicyFormatter;
import org.policy.dsl.ide.hover.PolicyDocumentation;
import org.policy.dsl.ide.hover.PolicyHoverService;
import org.policy.dsl.ide.outline.PolicyDocumentSymbols;
import org.policy.dsl.ide.quickfix.PolicyCodeActions;

/**
 * The editor services of the language on top of Xtext's generic ones: formatter, hover from comments,
 * outline as document symbols, quick fixes as code actions, and completion with handler skeletons.
 * Diagnostics, go-to-definition, references and rename come from Xtext with the language's scoping.
 */
public class PolicyIdeModule extends AbstractPolicyIdeModule {

	public Class<? extends IFormatter2> bindIFormatter2() {
		return PolicyFormatter.class;
	}

	public Class<? extends IEObjectDocumentationProvider> bindIEObjectDocumentationProvider() {
		return PolicyDocumentation.class;
	}

	public Class<? extends IHoverService> bindIHoverService() {
		return PolicyHoverService.class;
	}

	public Class<? extends HierarchicalDocumentSymbolService> bindHierarchicalDocumentSymbolService() {
		return PolicyDocumentSymbols.class;
	}

	public Class<? extends ICodeActionService2> bindICodeActionService2() {
		return PolicyCodeActions.class;
	}

	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return PolicyProposals.class;
	}

	public Class<? extends IdeCrossrefProposalProvider> bindIdeCrossrefProposalProvider() {
		return PolicyCrossrefProposals.class;
	}

	/** A failing check becomes a diagnostic in the editor, not a stack trace in the server log. */
	public Class<? extends IResourceValidator> bindIResourceValidator() {
		return GuardedResourceValidator.class;
	}
}
