package org.policy.dsl.typing;

import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AllCores;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Index;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.NoneLiteral;
import org.policy.dsl.policy.Now;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.Self;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.Symbol;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Unary;
import org.policy.dsl.policy.VarDecl;

/**
 * Computes static types. Pure: types follow from declarations; the one thing remembered is the type
 * inferred for each local ({@link LocalTypes}), which would otherwise be recomputed through every
 * local it depends on. Unresolved references type as {@code ERROR}.
 */
public final class PolicyTypes {
	private PolicyTypes() {
	}

	public static ValueType typeOf(Expression expression) {
		if (expression == null) {
			return ValueType.ERROR;
		}
		if (expression instanceof IntLiteral) {
			return ValueType.INT;
		}
		if (expression instanceof DurationLiteral || expression instanceof Now) {
			return ValueType.TIME;
		}
		if (expression instanceof BoolLiteral) {
			return ValueType.BOOL;
		}
		if (expression instanceof NoneLiteral) {
			return ValueType.NONE;
		}
		if (expression instanceof Self) {
			return ValueType.CORE;
		}
		if (expression instanceof AllCores) {
			return ValueType.CORE_SET;
		}
		if (expression instanceof Call call) {
			return call.getFunction() == null || call.getFunction().eIsProxy() ? ValueType.ERROR
					: ValueType.of(call.getFunction().getType());
		}
		if (expression instanceof BuiltinCall call) {
			return builtinType(call);
		}
		if (expression instanceof Aggregate aggregate) {
			return aggregateType(aggregate);
		}
		if (expression instanceof SymbolRef ref) {
			return symbolType(ref.getSymbol());
		}
		if (expression instanceof MemberAccess access) {
			return memberType(access);
		}
		if (expression instanceof Index index) {
			Constant table = PolicyModel.tableNamed(index.getTable());
			return table == null ? ValueType.ERROR : ValueType.of(table.getType());
		}
		if (expression instanceof Unary unary) {
			return "!".equals(unary.getOperator()) ? ValueType.BOOL : numeric(typeOf(unary.getOperand()));
		}
		if (expression instanceof Binary binary) {
			return binaryType(binary);
		}
		if (expression instanceof Conditional conditional) {
			return conditionalType(conditional);
		}
		return ValueType.ERROR;
	}

	/**
	 * {@code c ? a : b}: the type both sides share (int and time give time; none fits a thread or a
	 * core; two queues give a queue, so that a steal can take from one of two queues, as ULE's tdq_steal
	 * tries the realtime queue before the timeshare one). Sets of cores are not values a conditional
	 * chooses between. ERROR when the sides disagree.
	 */
	private static ValueType conditionalType(Conditional conditional) {
		ValueType a = typeOf(conditional.getWhenTrue());
		ValueType b = typeOf(conditional.getWhenFalse());
		if (a == ValueType.QUEUE && b == ValueType.QUEUE) {
			return ValueType.QUEUE;
		}
		if (a == ValueType.ERROR || b == ValueType.ERROR || a.elementType() != ValueType.ERROR
				|| b.elementType() != ValueType.ERROR) {
			return ValueType.ERROR;
		}
		if (a == b) {
			return a;
		}
		if (a.isNumeric() && b.isNumeric()) {
			return ValueType.TIME;
		}
		if (a == ValueType.NONE && b.isReference()) {
			return b;
		}
		if (b == ValueType.NONE && a.isReference()) {
			return a;
		}
		return ValueType.ERROR;
	}

	/**
	 * A local's type: the declared one ({@code var core c = ...}), else its initial value's. An
	 * undeclared {@code var x = none} does not say whether x holds a thread or a core: the checks
	 * report it once, and it is {@code ERROR} here so that its uses are not reported again.
	 */
	public static ValueType localType(VarDecl local) {
		if (local.getDeclared() != null) {
			return ValueType.of(local.getDeclared().getType());
		}
		return local.eResource() == null ? inferredType(local) : LocalTypes.of(local.eResource()).typeOf(local);
	}

	/** The type of a local without a declared type, from its initial value. */
	static ValueType inferredType(VarDecl local) {
		ValueType type = typeOf(local.getInit());
		return type == ValueType.NONE ? ValueType.ERROR : type;
	}

	public static ValueType symbolType(Symbol symbol) {
		if (symbol == null || symbol.eIsProxy()) {
			return ValueType.ERROR;
		}
		if (symbol instanceof Param param) {
			return ValueType.of(param.getType());
		}
		if (symbol instanceof Constant constant) {
			return constant.isTable() ? ValueType.TABLE : ValueType.of(constant.getType());
		}
		if (symbol instanceof FormalParam param) {
			return ValueType.of(param.getType());
		}
		if (symbol instanceof VarDecl local) {
			return localType(local);
		}
		if (symbol instanceof Binder binder) {
			return binderType(binder);
		}
		if (symbol instanceof CoreState) {
			return ValueType.CORE_SET;
		}
		if (symbol instanceof SharedQueue) {
			return ValueType.QUEUE;
		}
		if (symbol instanceof Level) {
			return ValueType.LEVEL;
		}
		return ValueType.ERROR;
	}

	/** A binder's type comes from what binds it. */
	public static ValueType binderType(Binder binder) {
		EObject owner = binder.eContainer();
		if (owner instanceof EventHandler) {
			return ValueType.THREAD;
		}
		if (owner instanceof BalanceHandler balance) {
			return balance.getVictim() == binder ? ValueType.CORE : ValueType.THREAD;
		}
		if (owner instanceof Foreach loop) {
			return typeOf(loop.getCollection()).elementType();
		}
		if (owner instanceof Aggregate aggregate) {
			return typeOf(aggregate.getCollection()).elementType();
		}
		return ValueType.ERROR;
	}

	private static ValueType memberType(MemberAccess access) {
		if (access.isCurrentSlot()) {
			return ValueType.THREAD;
		}
		if (access.getMember() == null || access.getMember().eIsProxy()) {
			return ValueType.ERROR;
		}
		if (access.getMember() instanceof Attribute attribute) {
			return ValueType.of(attribute.getType());
		}
		if (access.getMember() instanceof Queue) {
			return ValueType.QUEUE;
		}
		return ValueType.ERROR;
	}

	private static ValueType builtinType(BuiltinCall call) {
		return switch (call.getBuiltin()) {
			case EMPTY -> ValueType.BOOL;
			case SIZE, RUNNABLE -> ValueType.INT;
			case FIRST -> ValueType.THREAD;
			case DOMAIN, AFFINITY -> ValueType.CORE_SET;
			case CPU -> ValueType.CORE;
			case ABS, MIN, MAX, CLAMP -> numeric(call.getArguments());
			case LOG2 -> ValueType.INT;
		};
	}

	private static ValueType aggregateType(Aggregate aggregate) {
		return switch (aggregate.getKind()) {
			case MIN, MAX, FIRST -> typeOf(aggregate.getCollection()).elementType();
			case SUM -> numeric(typeOf(aggregate.getKey()));
			case COUNT -> ValueType.INT;
			case EXISTS, ALL -> ValueType.BOOL;
		};
	}

	private static ValueType binaryType(Binary binary) {
		switch (binary.getOperator()) {
			case "+", "-", "*", "/", "%": {
				ValueType left = typeOf(binary.getLeft());
				ValueType right = typeOf(binary.getRight());
				if (left == ValueType.ERROR || right == ValueType.ERROR) {
					return ValueType.ERROR;
				}
				if ("/".equals(binary.getOperator()) && left == ValueType.TIME && right == ValueType.TIME) {
					return ValueType.INT; // a ratio of two durations
				}
				return left == ValueType.TIME || right == ValueType.TIME ? ValueType.TIME : ValueType.INT;
			}
			default:
				return ValueType.BOOL;
		}
	}

	/** The type of a builtin over numbers: time if one of them is a time, int if all are ints. */
	private static ValueType numeric(List<Expression> arguments) {
		ValueType type = ValueType.ERROR;
		for (Expression argument : arguments) {
			ValueType t = numeric(typeOf(argument));
			if (t == ValueType.ERROR) {
				return t;
			}
			type = type == ValueType.TIME || t == ValueType.TIME ? ValueType.TIME : ValueType.INT;
		}
		return type;
	}

	private static ValueType numeric(ValueType type) {
		return type.isNumeric() ? type : ValueType.ERROR;
	}
}
