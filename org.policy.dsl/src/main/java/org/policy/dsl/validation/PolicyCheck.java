package org.policy.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/**
 * Base of the hand-written validators that {@link PolicyValidator} composes: they are not registered on
 * their own (their {@code @Check} methods run as part of {@code PolicyValidator}).
 */
abstract class PolicyCheck extends AbstractDeclarativeValidator {

	@Override
	public void register(EValidatorRegistrar registrar) {
		// not needed for classes used as @ComposedChecks
	}

	/**
	 * Whether the parser had to skip or invent part of {@code object}'s file. Checks that report what is
	 * absent (a handler, a return, a read, an assignment on some path) then skip: what they would miss
	 * may just be in the part that did not parse, and the syntax error is the one thing to fix first.
	 */
	protected static boolean isIncomplete(EObject object) {
		return object.eResource() instanceof XtextResource resource && resource.getParseResult() != null
				&& resource.getParseResult().hasSyntaxErrors();
	}

	/**
	 * Whether {@code action} is a bare expression ({@code f(x);}): neither an assignment nor a transition.
	 * Only {@code TypeChecks.checkStatementHasEffect} speaks about it; the checks of assignments and
	 * transitions skip it. (Its operator cannot tell: an absent one reads as the default, '='.)
	 */
	protected static boolean isBare(org.policy.dsl.policy.Action action) {
		return action.getDestination() == null && action.getValue() == null
				&& NodeModelUtils.findNodesForFeature(action,
						org.policy.dsl.policy.PolicyPackage.Literals.ACTION__OPERATOR).isEmpty();
	}

	/** Reports an error on the first keyword {@code keyword} of {@code object}'s own text. */
	protected void errorAtKeyword(String message, EObject object, String keyword, String code) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
		if (node != null) {
			for (ILeafNode leaf : node.getLeafNodes()) {
				if (leaf.getGrammarElement() instanceof Keyword k && keyword.equals(k.getValue())) {
					getMessageAcceptor().acceptError(message, object, leaf.getOffset(), leaf.getLength(), code);
					return;
				}
			}
		}
		error(message, object, null, code);
	}
}
