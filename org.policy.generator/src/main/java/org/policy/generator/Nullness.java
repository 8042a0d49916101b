package org.policy.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Self;
import org.policy.dsl.policy.Symbol;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.VarDecl;

/**
 * Which thread and core expressions can never be none, so that the generated C reads their
 * attributes directly; every other reference goes through a checked {@code prt_*_ref()} that turns
 * none into a fault. Sure: {@code self}, the target of an event that has one, loop, aggregate and
 * steal binders, {@code cpu(t)}, and names only ever bound to sure values (locals by their
 * initialiser, function parameters by every call's argument).
 */
final class Nullness {
	private static final Set<Event> TARGETED = Set.of(Event.NEW, Event.TICK, Event.YIELD, Event.BLOCK, Event.UNBLOCK,
			Event.TERMINATE, Event.PREEMPT);

	private final Set<Symbol> assigned = new HashSet<>();
	private final Set<FormalParam> unsureParams = new HashSet<>();

	Nullness(Policy policy) {
		List<Action> actions = EcoreUtil2.getAllContentsOfType(policy, Action.class);
		for (Action a : actions) {
			if (a.getOperator() != null && a.getDestination() == null && a.getTarget() instanceof SymbolRef ref) {
				assigned.add(ref.getSymbol());
			}
		}
		// Greatest fixed point: a parameter stays sure while every call passes a sure argument.
		List<Call> calls = EcoreUtil2.getAllContentsOfType(policy, Call.class);
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Call call : calls) {
				Function f = call.getFunction();
				for (int i = 0; i < call.getArguments().size() && i < f.getParams().size(); i++) {
					FormalParam p = f.getParams().get(i);
					if (!unsureParams.contains(p) && !sure(call.getArguments().get(i))) {
						unsureParams.add(p);
						changed = true;
					}
				}
			}
		}
	}

	boolean sure(Expression e) {
		if (e instanceof Self) {
			return true;
		}
		if (e instanceof BuiltinCall b) {
			return b.getBuiltin() == Builtin.CPU;
		}
		if (e instanceof SymbolRef ref) {
			return sure(ref.getSymbol());
		}
		if (e instanceof Conditional c) {
			return sure(c.getWhenTrue()) && sure(c.getWhenFalse());
		}
		return false;
	}

	boolean sure(Symbol s) {
		if (assigned.contains(s)) {
			return false;
		}
		if (s instanceof VarDecl v) {
			return sure(v.getInit());
		}
		if (s instanceof FormalParam p) {
			return !unsureParams.contains(p);
		}
		if (s instanceof Binder b) {
			EObject owner = b.eContainer();
			if (owner instanceof EventHandler h) {
				return TARGETED.contains(h.getEvent());
			}
			return owner instanceof Foreach || owner instanceof Aggregate || owner instanceof BalanceHandler;
		}
		return false;
	}
}
