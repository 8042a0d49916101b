package org.policy.dsl.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.PolicyPackage.Literals;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.ToExpression;
import org.policy.dsl.policy.VarDecl;

/** Warnings: legal code that is most likely a mistake. */
public class UsageChecks extends PolicyCheck {

	/** One pass over the policy's names for all its locals (one pass per local made it quadratic). */
	@Check
	public void checkLocalRead(Policy policy) {
		if (isIncomplete(policy)) {
			return; // see isIncomplete
		}
		Set<EObject> read = new HashSet<>();
		for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(policy, SymbolRef.class)) {
			if (ref.getSymbol() instanceof VarDecl && !isAssigned(ref)) {
				read.add(ref.getSymbol());
			}
		}
		for (VarDecl local : EcoreUtil2.getAllContentsOfType(policy, VarDecl.class)) {
			if (local.getName() != null && !read.contains(local)) {
				warning("local '" + local.getName() + "' is never read", local, Literals.VAR_DECL__NAME,
						IssueCodes.UNUSED_LOCAL);
			}
		}
	}

	/** Whether the reference is the target of an assignment ({@code x = e}, {@code x += e}), which is no read. */
	private static boolean isAssigned(SymbolRef ref) {
		return ref.eContainer() instanceof Action action && action.getDestination() == null
				&& action.getTarget() == ref;
	}

	@Check
	public void checkParamRead(Param param) {
		if (isIncomplete(param)) {
			return; // see isIncomplete
		}
		if (param.getName() != null && !isNamed(param)) {
			warning("param '" + param.getName() + "' is never read", param, Literals.PARAM__NAME,
					IssueCodes.UNUSED_PARAM);
		}
	}

	@Check
	public void checkConstantRead(Constant constant) {
		if (!isIncomplete(constant) && constant.getName() != null && !isNamed(constant)) {
			warning("constant '" + constant.getName() + "' is never read", constant, Literals.CONSTANT__NAME,
					IssueCodes.UNUSED_CONSTANT);
		}
	}

	/** Whether the policy names the symbol anywhere. */
	private static boolean isNamed(EObject symbol) {
		Policy policy = PolicyModel.policyOf(symbol);
		if (policy == null) {
			return true;
		}
		for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(policy, SymbolRef.class)) {
			if (ref.getSymbol() == symbol) {
				return true;
			}
		}
		return false;
	}

	@Check
	public void checkConstantCondition(If branch) {
		if (branch.getCondition() instanceof BoolLiteral literal) {
			String message = literal.isValue()
					? "the condition is always true" + (branch.getElse() != null || branch.getElseIf() != null
							? ": the 'else' part never runs" : ": write the statements without 'if'")
					: "the condition is always false: the statements under this 'if' never run";
			warning(message, branch, Literals.IF__CONDITION, IssueCodes.CONSTANT_CONDITION);
		}
	}

	@Check
	public void checkQueuesFilled(Policy policy) {
		if (isIncomplete(policy)) {
			return; // see isIncomplete
		}
		Set<EObject> filled = new HashSet<>();
		for (ToExpression destination : EcoreUtil2.getAllContentsOfType(policy, ToExpression.class)) {
			EObject queue = queueOf(destination.getExpression(), 0);
			if (queue != null) {
				filled.add(queue);
			}
		}
		List<EObject> queues = new ArrayList<>(PolicyModel.coreQueues(policy));
		queues.addAll(PolicyModel.sharedQueues(policy));
		for (EObject queue : queues) {
			if (!filled.contains(queue)) {
				warning("queue '" + PolicyModel.nameOf(queue) + "' never receives a thread: no transition moves a"
						+ " thread into it", queue,
						queue instanceof Queue ? Literals.MEMBER__NAME : Literals.SHARED_QUEUE__NAME,
						IssueCodes.QUEUE_NEVER_FILLED);
			}
		}
	}

	/** The queue declaration an expression denotes ({@code c.q}, a shared queue, or a local holding one); or null. */
	private static EObject queueOf(Expression expression, int depth) {
		if (expression instanceof MemberAccess access && access.getMember() instanceof Queue queue) {
			return queue;
		}
		if (expression instanceof SymbolRef ref) {
			if (ref.getSymbol() instanceof SharedQueue queue) {
				return queue;
			}
			if (ref.getSymbol() instanceof VarDecl local && depth < 8) {
				return queueOf(local.getInit(), depth + 1);
			}
		}
		return null;
	}
}
