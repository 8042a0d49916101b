package org.policy.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Handler;
import org.policy.dsl.policy.Policy;

/**
 * The cost of one event. Every loop of the language is bounded by a collection, so every handler
 * terminates; but loops nested d deep cost (cores or threads)^d per event, and a dozen nested loops
 * over 8 cores is 8^12 iterations per tick: a simulation that never ends and kernel code that stalls
 * its CPU. So loops (foreach, aggregates, the per-core and per-thread parts of a balance block, and
 * the loops of the functions called) nest at most {@link #MAX_LOOP_DEPTH} deep in a handler or a
 * function.
 */
public class CostChecks extends PolicyCheck {
	/** Deep enough for every library policy (cfs: 3), shallow enough that 64 cores cost < 2^25 per event. */
	public static final int MAX_LOOP_DEPTH = 4;

	@Check
	public void checkLoopDepth(Policy policy) {
		LoopDepth depth = new LoopDepth();
		for (EObject e : policy.eContents()) {
			if (e instanceof Handler || e instanceof Function) {
				if (depth.of(e) > MAX_LOOP_DEPTH) {
					reportCrossing(e, e instanceof BalanceHandler ? 1 : 0, depth);
				}
			}
		}
	}

	/**
	 * Reports the first loop or call, in text order, at which {@code outer} enclosing loop levels plus its
	 * own exceed the limit; returns whether it reported.
	 */
	private boolean reportCrossing(EObject e, int outer, LoopDepth depth) {
		if (e instanceof Foreach || e instanceof Aggregate) {
			if (outer + 1 > MAX_LOOP_DEPTH) {
				error(message(outer + depth.of(e)), e, null, IssueCodes.LOOPS_TOO_DEEP);
				return true;
			}
			EObject collection = e instanceof Foreach f ? f.getCollection() : ((Aggregate) e).getCollection();
			if (reportCrossing(collection, outer, depth)) {
				return true;
			}
			for (EObject child : e.eContents()) {
				if (child != collection && reportCrossing(child, outer + 1, depth)) {
					return true;
				}
			}
			return false;
		}
		if (e instanceof Call call && call.getFunction() != null && !call.getFunction().eIsProxy()
				&& outer + depth.of(call.getFunction()) > MAX_LOOP_DEPTH) {
			error(message(outer + depth.of(call.getFunction())) + " ('" + call.getFunction().getName()
					+ "' has loops " + depth.of(call.getFunction()) + " deep)", e, null, IssueCodes.LOOPS_TOO_DEEP);
			return true;
		}
		for (EObject child : e.eContents()) {
			if (reportCrossing(child, outer, depth)) {
				return true;
			}
		}
		return false;
	}

	private static String message(int depth) {
		return "loops nested " + depth + " deep (foreach, aggregates, balance and the functions called): at most "
				+ MAX_LOOP_DEPTH + ", since an event costs (cores or threads)^depth";
	}
}
