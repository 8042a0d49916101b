package org.policy.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.Self;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.semantics.SummedAttributes;

/**
 * The queues that one generated C function names more than once ({@code if (!empty(self.runq) &&
 * first(self.runq).vruntime ...) t => self.runq;}), to be computed once, into a local at the top
 * of the function, instead of once per use. Only queues whose owner cannot change or be none in the
 * function qualify: a shared queue, or a core queue of {@code self}, of a function parameter that
 * every call passes a sure core and that is never assigned, or of the steal's victim. Then computing
 * it early means the same as computing it at each use: {@code prt_core_queue()} is an address, it
 * reads nothing that a handler changes and cannot fault.
 */
final class RepeatedQueues {
	/** A queue, by its declaration and its owner (null for self's queues and shared queues). */
	record Key(EObject owner, EObject queue) {
	}

	private RepeatedQueues() {
	}

	/**
	 * The queues that {@code code} (a function, a handler's or on-move block, a steal clause) names
	 * at least twice in its own C function, in order of first use. Lifted aggregates are other C
	 * functions: their queues are not counted.
	 */
	static List<Key> in(EObject code, Nullness nullness) {
		Map<Key, Integer> uses = new HashMap<>();
		List<Key> order = new ArrayList<>();
		if (lifted(code)) {
			return order;
		}
		count(code, nullness, uses, order);
		for (TreeIterator<EObject> it = code.eAllContents(); it.hasNext();) {
			EObject o = it.next();
			if (lifted(o)) {
				it.prune();
			} else {
				count(o, nullness, uses, order);
			}
		}
		return order.stream().filter(k -> uses.get(k) >= 2).toList();
	}

	private static void count(EObject o, Nullness nullness, Map<Key, Integer> uses, List<Key> order) {
		if (o instanceof Expression e) {
			Key k = keyOf(e, nullness);
			if (k != null && uses.merge(k, 1, Integer::sum) == 1) {
				order.add(k);
			}
		}
	}

	/** The key of a queue expression that may be computed once per function, or null. */
	static Key keyOf(Expression e, Nullness nullness) {
		if (e instanceof SymbolRef ref && ref.getSymbol() instanceof SharedQueue q) {
			return new Key(null, q);
		}
		if (!(e instanceof MemberAccess access) || !(access.getMember() instanceof Queue q)) {
			return null;
		}
		Expression owner = access.getReceiver();
		if (owner instanceof Self) {
			return new Key(null, q);
		}
		if (owner instanceof SymbolRef ref && nullness.sure(owner) && (ref.getSymbol() instanceof FormalParam
				|| ref.getSymbol() instanceof Binder b && b.eContainer() instanceof BalanceHandler)) {
			return new Key(ref.getSymbol(), q);
		}
		return null;
	}

	/** An aggregate the generator lifts into a helper function of its own. */
	private static boolean lifted(EObject o) {
		return o instanceof Aggregate a && SummedAttributes.summedAttribute(a) == null;
	}
}
