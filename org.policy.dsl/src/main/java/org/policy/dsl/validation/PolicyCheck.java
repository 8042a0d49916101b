package org.policy.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
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
