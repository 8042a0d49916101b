package org.policy.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.SymbolRef;

/**
 * Which thread attributes the {@link Machine} keeps summed per queue. A policy that asks for the load
 * of a queue, {@code sum(t in q of t.load)}, asks it for every core on every fork and every steal
 * (Ipanema's CFS does); scanning the queue each time makes those events cost O(threads). The machine
 * instead adds and subtracts an attribute as threads enter and leave queues and as the attribute is
 * assigned, and the interpreter reads the sum in O(1). Integer addition wraps the same way in any
 * order, so the kept sum is exactly the scanned one. The generated C keeps the same sums
 * ({@code prt_policy.summed}), so both hosts of a policy agree on which attributes they are.
 */
public final class SummedAttributes {
	private SummedAttributes() {
	}

	/** The thread attributes summed over a collection, with no {@code where}, somewhere in the policy. */
	public static List<Attribute> of(Policy policy) {
		List<Attribute> result = new ArrayList<>();
		for (Aggregate a : EcoreUtil2.getAllContentsOfType(policy, Aggregate.class)) {
			Attribute attribute = summedAttribute(a);
			if (attribute != null && !result.contains(attribute)) {
				result.add(attribute);
			}
		}
		return result;
	}

	/**
	 * The attribute of an aggregate of the form {@code sum(x in C of x.attr)} with a thread attribute,
	 * else null. (C is then a queue: only queues hold threads.)
	 */
	public static Attribute summedAttribute(Aggregate a) {
		if (a.getKind() != AggregateKind.SUM || a.getCondition() != null
				|| !(a.getKey() instanceof MemberAccess access) || access.isCurrentSlot()
				|| !(access.getReceiver() instanceof SymbolRef ref) || ref.getSymbol() != a.getVariable()
				|| !(access.getMember() instanceof Attribute attribute) || !PolicyModel.isThreadAttribute(attribute)) {
			return null;
		}
		return attribute;
	}
}
