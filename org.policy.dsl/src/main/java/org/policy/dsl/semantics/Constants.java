package org.policy.dsl.semantics;

import java.util.Map;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.NoneLiteral;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Unary;

/** Evaluates the constant expressions of parameter defaults and ranges. */
final class Constants {
	private Constants() {
	}

	/**
	 * @param params values of parameters the expression may name
	 * @throws IllegalArgumentException when the expression is not constant
	 */
	static long evaluate(Expression e, Map<String, Long> params) {
		if (e instanceof IntLiteral i) {
			return i.getValue();
		}
		if (e instanceof DurationLiteral d) {
			return d.getValue();
		}
		if (e instanceof BoolLiteral b) {
			return b.isValue() ? 1 : 0;
		}
		if (e instanceof NoneLiteral) {
			return Machine.NONE;
		}
		if (e instanceof Unary u) {
			long v = evaluate(u.getOperand(), params);
			return "!".equals(u.getOperator()) ? (v == 0 ? 1 : 0) : -v;
		}
		if (e instanceof SymbolRef ref && ref.getSymbol() instanceof Param p) {
			Long v = params.get(p.getName());
			if (v != null) {
				return v;
			}
			return evaluate(p.getDefault(), params);
		}
		if (e instanceof Binary b) {
			return Arithmetic.apply(b.getOperator(), evaluate(b.getLeft(), params), evaluate(b.getRight(), params));
		}
		throw new IllegalArgumentException("not a constant expression");
	}
}
