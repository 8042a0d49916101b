package org.policy.dsl.scoping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.PolicyPackage;
import org.policy.dsl.policy.Statement;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Name resolution. Plain names are lexically scoped: a local is visible after its declaration until the
 * end of its block, a binder inside what it binds, parameters of a function in its body, and the
 * policy's params, core states, shared queues and topology levels everywhere. An inner name hides an
 * outer one. Member names ({@code x.name}) resolve by the receiver's type: thread attributes on a
 * thread, core attributes and per-core queues on a core.
 */
public class PolicyScopeProvider extends AbstractPolicyScopeProvider {

	@Override
	public IScope getScope(EObject context, EReference reference) {
		PolicyPackage p = PolicyPackage.eINSTANCE;
		Policy policy = PolicyModel.policyOf(context);
		if (policy == null) {
			return IScope.NULLSCOPE;
		}
		if (reference == p.getSymbolRef_Symbol()) {
			return symbolScope(context, policy);
		}
		if (reference == p.getMemberAccess_Member()) {
			return context instanceof MemberAccess access ? memberScope(access, policy) : IScope.NULLSCOPE;
		}
		if (reference == p.getOrder_Key()) {
			return Scopes.scopeFor(PolicyModel.threadAttributes(policy));
		}
		if (reference == p.getCall_Function()) {
			return Scopes.scopeFor(PolicyModel.functions(policy));
		}
		return super.getScope(context, reference);
	}

	private IScope memberScope(MemberAccess access, Policy policy) {
		ValueType receiver = PolicyTypes.typeOf(access.getReceiver());
		if (receiver == ValueType.THREAD) {
			return Scopes.scopeFor(PolicyModel.threadAttributes(policy));
		}
		if (receiver == ValueType.CORE) {
			List<EObject> members = new ArrayList<>(PolicyModel.coreAttributes(policy));
			members.addAll(PolicyModel.coreQueues(policy));
			return Scopes.scopeFor(members);
		}
		return IScope.NULLSCOPE;
	}

	private IScope symbolScope(EObject context, Policy policy) {
		// innermost first: each enclosing construct's names, then the policy's
		Deque<EObject[]> layers = new ArrayDeque<>();
		EObject child = context;
		for (EObject parent = context.eContainer(); parent != null && parent != policy;
				child = parent, parent = parent.eContainer()) {
			layers.addFirst(new EObject[] { parent, child });
		}
		List<EObject> globals = new ArrayList<>(PolicyModel.params(policy));
		globals.addAll(PolicyModel.constants(policy));
		globals.addAll(PolicyModel.coreStates(policy));
		globals.addAll(PolicyModel.sharedQueues(policy));
		globals.addAll(PolicyModel.levels(policy));
		IScope scope = Scopes.scopeFor(globals);
		for (EObject[] layer : layers) {
			if (layer[0] instanceof Block block) {
				scope = BlockLocals.of(block).scopeAt(layer[1], scope); // indexed: see BlockLocals
			} else {
				List<EObject> names = bindersVisibleFrom(layer[0], layer[1]);
				if (!names.isEmpty()) {
					scope = Scopes.scopeFor(names, scope);
				}
			}
		}
		return scope;
	}

	/**
	 * The local named {@code name} declared in {@code block} nearest above its statement {@code child},
	 * or null; in constant time (for the name checks, which ask it about every local).
	 */
	public static VarDecl localAbove(Block block, EObject child, String name) {
		BlockLocals locals = BlockLocals.of(block);
		return locals.nearestBefore(name, locals.positionOf(child));
	}

	/**
	 * The names that {@code parent} makes visible inside its part {@code child}, nearest first. Public for
	 * the name checks, which look for locals hiding one another with the same rules.
	 */
	public static List<EObject> bindersVisibleFrom(EObject parent, EObject child) {
		List<EObject> names = new ArrayList<>();
		if (parent instanceof Block block) {
			int position = BlockLocals.of(block).positionOf(child);
			for (int i = position - 1; i >= 0; i--) {
				Statement statement = block.getStatements().get(i);
				if (statement instanceof VarDecl local) {
					names.add(local);
				}
			}
		} else if (parent instanceof Foreach loop) {
			if (child == loop.getBody()) {
				names.add(loop.getVariable());
			}
		} else if (parent instanceof Aggregate aggregate) {
			if (child == aggregate.getCondition() || child == aggregate.getKey()) {
				names.add(aggregate.getVariable());
			}
		} else if (parent instanceof EventHandler handler) {
			if (handler.getTarget() != null) {
				names.add(handler.getTarget());
			}
		} else if (parent instanceof BalanceHandler balance) {
			if (child == balance.getMigrateKey() || child == balance.getMigrateCondition()
					|| child == balance.getStop() || child == balance.getOnMove()) {
				names.add(balance.getMoved());
			}
			if (child != balance.getPeriod() && balance.getVictim() != null) {
				names.add(balance.getVictim());
			}
		} else if (parent instanceof Function function) {
			names.addAll(function.getParams());
		}
		names.removeIf(name -> name == null);
		return names;
	}
}
