package org.policy.dsl.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.util.SimpleAttributeResolver;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.CoreDecl;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.CoreStates;
import org.policy.dsl.policy.Declaration;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.ThreadDecl;
import org.policy.dsl.policy.Topology;

/**
 * Read-only queries over a policy's declarations, in declaration order. A policy may split its
 * {@code thread { }} or {@code core { }} blocks; these queries see them as one.
 */
public final class PolicyModel {
	private PolicyModel() {
	}

	public static Policy policyOf(EObject object) {
		return EcoreUtil2.getContainerOfType(object, Policy.class);
	}

	public static List<Param> params(Policy policy) {
		return ofType(policy, Param.class);
	}

	/** The named constants, scalars and tables, in declaration order. */
	public static List<Constant> constants(Policy policy) {
		return ofType(policy, Constant.class);
	}

	/** The constant table an expression names, or null when it names none ({@code w} in {@code w[i]}). */
	public static Constant tableNamed(Expression e) {
		return e instanceof SymbolRef ref && ref.getSymbol() instanceof Constant c && c.isTable() ? c : null;
	}

	public static List<Attribute> threadAttributes(Policy policy) {
		List<Attribute> result = new ArrayList<>();
		for (ThreadDecl decl : ofType(policy, ThreadDecl.class)) {
			result.addAll(decl.getAttributes());
		}
		return result;
	}

	public static List<Attribute> coreAttributes(Policy policy) {
		List<Attribute> result = new ArrayList<>();
		for (CoreDecl decl : ofType(policy, CoreDecl.class)) {
			result.addAll(decl.getAttributes());
		}
		return result;
	}

	public static List<Queue> coreQueues(Policy policy) {
		List<Queue> result = new ArrayList<>();
		for (CoreDecl decl : ofType(policy, CoreDecl.class)) {
			result.addAll(decl.getQueues());
		}
		return result;
	}

	public static List<SharedQueue> sharedQueues(Policy policy) {
		return ofType(policy, SharedQueue.class);
	}

	public static List<CoreState> coreStates(Policy policy) {
		List<CoreState> result = new ArrayList<>();
		for (CoreStates decl : ofType(policy, CoreStates.class)) {
			result.addAll(decl.getStates());
		}
		return result;
	}

	public static List<Level> levels(Policy policy) {
		List<Level> result = new ArrayList<>();
		for (Topology decl : ofType(policy, Topology.class)) {
			result.addAll(decl.getLevels());
		}
		return result;
	}

	public static List<Function> functions(Policy policy) {
		return ofType(policy, Function.class);
	}

	public static List<EventHandler> eventHandlers(Policy policy) {
		return ofType(policy, EventHandler.class);
	}

	public static Optional<EventHandler> handler(Policy policy, Event event) {
		return eventHandlers(policy).stream().filter(h -> h.getEvent() == event).findFirst();
	}

	public static Optional<BalanceHandler> balance(Policy policy) {
		return ofType(policy, BalanceHandler.class).stream().findFirst();
	}

	/** The name of a named element of the model (a symbol, member, function...), or null. */
	public static String nameOf(EObject object) {
		return object == null ? null : SimpleAttributeResolver.NAME_RESOLVER.apply(object);
	}

	public static boolean isThreadAttribute(Attribute attribute) {
		return attribute.eContainer() instanceof ThreadDecl;
	}

	private static <T extends Declaration> List<T> ofType(Policy policy, Class<T> type) {
		List<T> result = new ArrayList<>();
		if (policy == null) {
			return result;
		}
		for (Declaration declaration : policy.getDeclarations()) {
			if (type.isInstance(declaration)) {
				result.add(type.cast(declaration));
			}
		}
		return result;
	}
}
