package org.policy.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.typing.PolicyTypes;

/** How messages quote the policy's own text. */
final class Source {
	private Source() {
	}

	/** The source text of {@code object}, with its inner whitespace and comments reduced to one space. */
	static String text(EObject object) {
		ICompositeNode node = object == null ? null : NodeModelUtils.findActualNodeFor(object);
		return node == null ? "?" : NodeModelUtils.getTokenText(node);
	}

	/** The line {@code object} starts on. */
	static int line(EObject object) {
		ICompositeNode node = object == null ? null : NodeModelUtils.findActualNodeFor(object);
		return node == null ? 0 : node.getStartLine();
	}

	/** {@code 'x' is an int}: an expression and its type, for "expected ...; got ..." messages. */
	static String is(Expression expression) {
		return "'" + text(expression) + "' is " + kind(expression);
	}

	/** The kind of value of an expression, with its article ("an int", "a core state"). */
	static String kind(Expression expression) {
		if (expression instanceof SymbolRef ref && ref.getSymbol() instanceof CoreState) {
			return "a core state";
		}
		return PolicyTypes.typeOf(expression).withArticle();
	}
}
