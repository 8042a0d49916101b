package org.policy.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Index;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.NoneLiteral;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Unary;

/**
 * Evaluates the constant expressions of the language: parameter defaults and ranges, attribute initial
 * values, and {@code const} declarations (InitialisationChecks says which expressions are constant).
 * Every tool reads a constant's value from here, so {@code const int x = 7 / 0;} is 0 everywhere.
 */
public final class Constants {
	private Constants() {
	}

	/**
	 * The value of an expression that names no param and nothing that changes at run time (literals,
	 * constants, operators and the numeric builtins over those); empty when it is not such an expression,
	 * or names a constant that depends on itself.
	 */
	public static OptionalLong fixed(Expression e) {
		try {
			return OptionalLong.of(evaluate(e, null, new ArrayList<>()));
		} catch (IllegalArgumentException notConstant) {
			return OptionalLong.empty();
		}
	}

	/** The builtins over numbers ({@code abs min max clamp log2}), which constant expressions may use. */
	public static boolean isNumericBuiltin(Builtin builtin) {
		return switch (builtin) {
			case ABS, MIN, MAX, CLAMP, LOG2 -> true;
			default -> false;
		};
	}

	/** The value of a scalar constant. */
	public static long value(Constant constant) {
		return evaluate(constant.getValue(), null, new ArrayList<>(List.of(constant)));
	}

	/** The elements of a constant table, in order. */
	public static long[] elements(Constant table) {
		List<Expression> elements = table.getElements();
		long[] values = new long[elements.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = evaluate(elements.get(i), null, new ArrayList<>(List.of(table)));
		}
		return values;
	}

	/**
	 * @param params values of parameters the expression may name (a param without one has its default)
	 * @throws IllegalArgumentException when the expression is not constant
	 */
	static long evaluate(Expression e, Map<String, Long> params) {
		return evaluate(e, params, new ArrayList<>());
	}

	/**
	 * @param params null when the expression may not name params
	 * @param evaluating the constants whose values are being computed, to refuse one that names itself
	 */
	private static long evaluate(Expression e, Map<String, Long> params, List<Constant> evaluating) {
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
			long v = evaluate(u.getOperand(), params, evaluating);
			return "!".equals(u.getOperator()) ? (v == 0 ? 1 : 0) : -v;
		}
		if (e instanceof SymbolRef ref && ref.getSymbol() instanceof Param p && params != null) {
			Long v = params.get(p.getName());
			return v != null ? v : evaluate(p.getDefault(), params, evaluating);
		}
		if (e instanceof SymbolRef ref && ref.getSymbol() instanceof Constant c && !c.isTable()) {
			return named(c, c.getValue(), evaluating);
		}
		if (e instanceof Index index && PolicyModel.tableNamed(index.getTable()) != null) {
			Constant table = PolicyModel.tableNamed(index.getTable());
			long i = evaluate(index.getIndex(), params, evaluating);
			if (i < 0 || i >= table.getElements().size()) {
				throw new IllegalArgumentException("index " + i + " is outside table '" + table.getName() + "'");
			}
			return named(table, table.getElements().get((int) i), evaluating);
		}
		if (e instanceof Binary b && !"in".equals(b.getOperator())) {
			return Arithmetic.apply(b.getOperator(), evaluate(b.getLeft(), params, evaluating),
					evaluate(b.getRight(), params, evaluating));
		}
		if (e instanceof Conditional c) {
			return evaluate(c.getCondition(), params, evaluating) != 0 ? evaluate(c.getWhenTrue(), params, evaluating)
					: evaluate(c.getWhenFalse(), params, evaluating);
		}
		if (e instanceof BuiltinCall call && isNumericBuiltin(call.getBuiltin())) {
			long[] args = new long[call.getArguments().size()];
			for (int i = 0; i < args.length; i++) {
				args[i] = evaluate(call.getArguments().get(i), params, evaluating);
			}
			return Arithmetic.builtin(call.getBuiltin(), args);
		}
		throw new IllegalArgumentException("not a constant expression");
	}

	/** The value of a constant (or of one element of a table), refused when it depends on itself. */
	private static long named(Constant c, Expression value, List<Constant> evaluating) {
		if (evaluating.contains(c)) {
			throw new IllegalArgumentException("constant '" + c.getName() + "' depends on itself");
		}
		evaluating.add(c);
		long v = evaluate(value, null, evaluating);
		evaluating.remove(evaluating.size() - 1);
		return v;
	}
}
