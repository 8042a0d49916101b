package org.policy.dsl.ide.contentassist;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeCrossrefProposalProvider;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.typing.PolicyTypes;

/** Names proposed with what they are in the language ({@code thread attribute : time}), not their EMF class. */
public class PolicyCrossrefProposals extends IdeCrossrefProposalProvider {

	@Override
	protected ContentAssistEntry createProposal(IEObjectDescription candidate, CrossReference crossRef,
			ContentAssistContext context) {
		ContentAssistEntry entry = super.createProposal(candidate, crossRef, context);
		EObject target = candidate.getEObjectOrProxy();
		if (entry != null && target != null && !target.eIsProxy()) {
			entry.setDescription(describe(target));
		}
		return entry;
	}

	static String describe(EObject target) {
		if (target instanceof Attribute a) {
			return (PolicyModel.isThreadAttribute(a) ? "thread" : "core") + " attribute : " + a.getType().getLiteral();
		}
		if (target instanceof Queue) {
			return "per-core queue";
		}
		if (target instanceof SharedQueue) {
			return "shared queue";
		}
		if (target instanceof Param p) {
			return "param : " + p.getType().getLiteral();
		}
		if (target instanceof Constant c) {
			return (c.isTable() ? "table : " : "const : ") + c.getType().getLiteral();
		}
		if (target instanceof Function f) {
			return "function : " + f.getType().getLiteral();
		}
		if (target instanceof FormalParam p) {
			return "parameter : " + p.getType().getLiteral();
		}
		if (target instanceof VarDecl v) {
			return "local : " + PolicyTypes.typeOf(v.getInit()).label();
		}
		if (target instanceof Binder b) {
			return PolicyTypes.binderType(b).label();
		}
		if (target instanceof CoreState) {
			return "core state";
		}
		if (target instanceof Level) {
			return "topology level";
		}
		return target.eClass().getName();
	}
}
