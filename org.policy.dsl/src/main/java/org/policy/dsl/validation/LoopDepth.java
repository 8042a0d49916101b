package org.policy.dsl.validation;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.Function;

/**
 * How deeply loops nest in a piece of a policy, counting what runs once per element of a collection:
 * the body of a {@code foreach}, the condition and key of an aggregate, the expressions of a balance
 * block that run per candidate core or per thread moved, and, through a call, the loops of the function
 * called. An event's work grows as (cores or threads)^depth, so the depth bounds the cost of an event.
 *
 * <p>Collections themselves are evaluated once, before their loop, so they add no level. The nesting
 * of the text is bounded (NestingLimit), so the recursion here is too; a function is measured once
 * (memoised), and a call cycle (refused elsewhere as recursion) counts as no loop.
 */
final class LoopDepth {
	private final Map<Function, Integer> functions = new HashMap<>();

	/** The depth of the loops in {@code e}, 0 when it has none. */
	int of(EObject e) {
		if (e == null) {
			return 0;
		}
		if (e instanceof Foreach loop) {
			return Math.max(of(loop.getCollection()), 1 + of(loop.getBody()));
		}
		if (e instanceof Aggregate a) {
			return Math.max(of(a.getCollection()), 1 + Math.max(of(a.getCondition()), of(a.getKey())));
		}
		if (e instanceof BalanceHandler b) {
			int perCore = Math.max(of(b.getFilter()), of(b.getSelectKey()));
			int perThread = Math.max(Math.max(of(b.getMigrateKey()), of(b.getMigrateCondition())),
					Math.max(of(b.getStop()), of(b.getOnMove())));
			return Math.max(of(b.getSource()), 1 + Math.max(perCore, perThread));
		}
		int depth = 0;
		for (EObject child : e.eContents()) {
			depth = Math.max(depth, of(child));
		}
		if (e instanceof Call call && call.getFunction() != null && !call.getFunction().eIsProxy()) {
			depth = Math.max(depth, of(call.getFunction()));
		}
		return depth;
	}

	private int of(Function f) {
		Integer known = functions.get(f);
		if (known != null) {
			return known;
		}
		functions.put(f, 0); // a cycle (recursion, an error of its own) counts as no loop
		int depth = Math.max(of(f.getExpression()), of(f.getBody()));
		functions.put(f, depth);
		return depth;
	}
}
