package org.policy.dsl.validation;

import static org.policy.dsl.validation.Source.is;
import static org.policy.dsl.validation.Source.text;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.AssignOperator;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.PolicyValueConverters;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Index;
import org.policy.dsl.policy.Preempt;
import org.policy.dsl.semantics.Constants;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Order;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.PolicyPackage.Literals;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.Symbol;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Unary;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Static types: every operator, condition, assignment, initial value, call, aggregate, loop and steal
 * clause gets values of the kind it works on. An expression whose type is already wrong ({@code ERROR},
 * e.g. an unknown name) is not reported again.
 */
public class TypeChecks extends PolicyCheck {

	// ---------------------------------------------------------------- operators

	@Check
	public void checkArithmeticOperands(Binary binary) {
		if (List.of("+", "-", "*", "/", "%").contains(binary.getOperator())) {
			requireNumeric(binary, "operator '" + binary.getOperator() + "' takes numbers", IssueCodes.ARITHMETIC_OPERAND);
		}
	}

	@Check
	public void checkComparisonOperands(Binary binary) {
		if (List.of("<", "<=", ">", ">=").contains(binary.getOperator())) {
			requireNumeric(binary, "operator '" + binary.getOperator() + "' compares numbers", IssueCodes.COMPARISON_OPERAND);
		}
	}

	private void requireNumeric(Binary binary, String what, String code) {
		if (isKnownAndNot(binary.getLeft(), EnumSet.of(ValueType.INT, ValueType.TIME))) {
			error(what + "; " + is(binary.getLeft()), binary, Literals.BINARY__LEFT, code);
		}
		if (isKnownAndNot(binary.getRight(), EnumSet.of(ValueType.INT, ValueType.TIME))) {
			error(what + "; " + is(binary.getRight()), binary, Literals.BINARY__RIGHT, code);
		}
	}

	@Check
	public void checkEqualityOperands(Binary binary) {
		if (!List.of("==", "!=").contains(binary.getOperator())) {
			return;
		}
		ValueType left = PolicyTypes.typeOf(binary.getLeft());
		ValueType right = PolicyTypes.typeOf(binary.getRight());
		if (left == ValueType.ERROR || right == ValueType.ERROR || sameKind(left, right)) {
			return;
		}
		error("'" + binary.getOperator() + "' compares two numbers, two bools, two threads or two cores (or one with"
				+ " none); " + is(binary.getLeft()) + " and " + is(binary.getRight()), binary,
				Literals.BINARY__OPERATOR, IssueCodes.EQUALITY_OPERANDS);
	}

	private static boolean sameKind(ValueType left, ValueType right) {
		if (left.isNumeric() && right.isNumeric()) {
			return true;
		}
		if (left == ValueType.BOOL || right == ValueType.BOOL) {
			return left == right;
		}
		boolean leftRef = left.isReference() || left == ValueType.NONE;
		boolean rightRef = right.isReference() || right == ValueType.NONE;
		return leftRef && rightRef && (left == right || left == ValueType.NONE || right == ValueType.NONE);
	}

	@Check
	public void checkLogicOperands(Binary binary) {
		if (!List.of("&&", "||").contains(binary.getOperator())) {
			return;
		}
		String what = "operator '" + binary.getOperator() + "' takes bools; ";
		if (isKnownAndNot(binary.getLeft(), EnumSet.of(ValueType.BOOL))) {
			error(what + is(binary.getLeft()), binary, Literals.BINARY__LEFT, IssueCodes.LOGIC_OPERAND);
		}
		if (isKnownAndNot(binary.getRight(), EnumSet.of(ValueType.BOOL))) {
			error(what + is(binary.getRight()), binary, Literals.BINARY__RIGHT, IssueCodes.LOGIC_OPERAND);
		}
	}

	@Check
	public void checkUnaryOperand(Unary unary) {
		if ("!".equals(unary.getOperator())) {
			if (isKnownAndNot(unary.getOperand(), EnumSet.of(ValueType.BOOL))) {
				error("operator '!' takes a bool; " + is(unary.getOperand()), unary, Literals.UNARY__OPERAND,
						IssueCodes.LOGIC_OPERAND);
			}
		} else if (isKnownAndNot(unary.getOperand(), EnumSet.of(ValueType.INT, ValueType.TIME))) {
			error("operator '-' takes a number; " + is(unary.getOperand()), unary, Literals.UNARY__OPERAND,
					IssueCodes.ARITHMETIC_OPERAND);
		}
	}

	@Check
	public void checkMembershipOperands(Binary binary) {
		if (!"in".equals(binary.getOperator())) {
			return;
		}
		ValueType collection = PolicyTypes.typeOf(binary.getRight());
		if (collection == ValueType.ERROR) {
			return;
		}
		if (collection != ValueType.QUEUE && collection != ValueType.CORE_SET) {
			error("'in' looks for a core in a set of cores or for a thread in a queue; " + is(binary.getRight()),
					binary, Literals.BINARY__RIGHT, IssueCodes.MEMBERSHIP_OPERANDS);
			return;
		}
		ValueType element = collection.elementType();
		if (isKnownAndNot(binary.getLeft(), EnumSet.of(element, ValueType.NONE))) {
			error("'in' over " + collection.withArticle() + " looks for " + element.withArticle() + "; "
					+ is(binary.getLeft()), binary, Literals.BINARY__LEFT, IssueCodes.MEMBERSHIP_OPERANDS);
		}
	}

	// ---------------------------------------------------------------- conditions

	@Check
	public void checkIfCondition(If branch) {
		requireBool(branch.getCondition(), "the condition of 'if'", branch, Literals.IF__CONDITION);
	}

	@Check
	public void checkConditionalCondition(Conditional conditional) {
		requireBool(conditional.getCondition(), "the condition of '? :'", conditional,
				Literals.CONDITIONAL__CONDITION);
	}

	@Check
	public void checkConditionalSides(Conditional conditional) {
		ValueType a = PolicyTypes.typeOf(conditional.getWhenTrue());
		ValueType b = PolicyTypes.typeOf(conditional.getWhenFalse());
		if (a == ValueType.ERROR || b == ValueType.ERROR || PolicyTypes.typeOf(conditional) != ValueType.ERROR) {
			return;
		}
		String why = a.elementType() != ValueType.ERROR || b.elementType() != ValueType.ERROR
				? "'? :' chooses between values or two queues, not sets of cores" : "the two sides of '? :' must have one type";
		error(why + "; " + is(conditional.getWhenTrue()) + " and " + is(conditional.getWhenFalse()), conditional,
				Literals.CONDITIONAL__WHEN_FALSE, IssueCodes.CONDITIONAL_SIDES);
	}

	@Check
	public void checkAggregateCondition(Aggregate aggregate) {
		requireBool(aggregate.getCondition(), "the condition after 'where'", aggregate, Literals.AGGREGATE__CONDITION);
	}

	@Check
	public void checkStealConditions(BalanceHandler balance) {
		requireBool(balance.getFilter(), "the filter", balance, Literals.BALANCE_HANDLER__FILTER);
		requireBool(balance.getMigrateCondition(), "the condition after 'where'", balance,
				Literals.BALANCE_HANDLER__MIGRATE_CONDITION);
		requireBool(balance.getStop(), "the stop condition", balance, Literals.BALANCE_HANDLER__STOP);
	}

	private void requireBool(Expression condition, String what, EObject owner, EStructuralFeature feature) {
		if (isKnownAndNot(condition, EnumSet.of(ValueType.BOOL))) {
			error(what + " must be a bool; " + is(condition), owner, feature, IssueCodes.CONDITION_NOT_BOOL);
		}
	}

	// ---------------------------------------------------------------- assignments and initial values

	@Check
	public void checkStatementHasEffect(Action action) {
		if (!isBare(action) || action.getTarget() == null) {
			return;
		}
		Expression e = action.getTarget();
		String message = e instanceof Call || e instanceof BuiltinCall
				? "a function call is not a statement: '" + text(e) + "' only computes a value (functions"
						+ " cannot change anything); use the value, as in 'var x = " + text(e) + ";'"
				: "'" + text(e) + "' is not a statement: a statement assigns ('x = e;', 'x += e;', 'x -= e;'),"
						+ " moves a thread ('t => destination;'), declares ('var x = e;') or is an if, a foreach"
						+ " or a return";
		error(message, action, Literals.ACTION__TARGET, IssueCodes.NOT_A_STATEMENT);
	}

	@Check
	public void checkAssignable(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (action.getDestination() != null || action.getTarget() == null) {
			return;
		}
		String why = whyNotAssignable(action.getTarget());
		if (why != null) {
			error(why, action, Literals.ACTION__TARGET, IssueCodes.NOT_ASSIGNABLE);
		}
	}

	/** Why an expression cannot be assigned, or null if it can (an attribute, a local, or an unknown name). */
	private static String whyNotAssignable(Expression target) {
		if (target instanceof MemberAccess access) {
			if (access.isCurrentSlot()) {
				return "'" + text(target) + "' cannot be assigned: a thread gets there by 'x => " + text(target) + "'";
			}
			if (access.getMember() instanceof Attribute a && a.isInput()) {
				return "'" + text(target) + "' is an input, set by the environment, and cannot be assigned";
			}
			if (access.getMember() instanceof Queue) {
				return "'" + text(target) + "' is a queue and cannot be assigned: threads move into it by 'x => "
						+ text(target) + "'";
			}
			return null;
		}
		if (target instanceof SymbolRef ref) {
			Symbol symbol = ref.getSymbol();
			if (symbol == null || symbol.eIsProxy() || symbol instanceof VarDecl) {
				return null;
			}
			String name = PolicyModel.nameOf(symbol);
			if (symbol instanceof Param) {
				return "param '" + name + "' cannot be assigned: params are fixed when the policy is loaded";
			}
			if (symbol instanceof Constant) {
				return "constant '" + name + "' cannot be assigned";
			}
			if (symbol instanceof FormalParam) {
				return "'" + name + "' is a parameter of a function and cannot be assigned";
			}
			if (symbol instanceof Binder binder) {
				return "'" + name + "' is bound by " + binderOwner(binder) + " and cannot be assigned";
			}
			return "'" + name + "' is " + Source.kind(target) + " and cannot be assigned";
		}
		if (target instanceof Index) {
			return "'" + text(target) + "' is an element of a constant table and cannot be assigned";
		}
		return "'" + text(target) + "' cannot be assigned: only attributes (x.attr) and local variables can";
	}

	private static String binderOwner(Binder binder) {
		EObject owner = binder.eContainer();
		if (owner instanceof EventHandler handler) {
			return "'on " + handler.getEvent().getLiteral() + "(" + binder.getName() + ")'";
		}
		if (owner instanceof Foreach) {
			return "its 'foreach'";
		}
		if (owner instanceof Aggregate aggregate) {
			return "its '" + aggregate.getKind().getLiteral() + "'";
		}
		return "the steal";
	}

	@Check
	public void checkAssignedValue(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (action.getDestination() != null || action.getTarget() == null
				|| whyNotAssignable(action.getTarget()) != null) {
			return;
		}
		ValueType target = PolicyTypes.typeOf(action.getTarget());
		ValueType value = PolicyTypes.typeOf(action.getValue());
		if (action.getOperator() == AssignOperator.ASSIGN) {
			if (!target.accepts(value)) {
				error("'" + text(action.getTarget()) + "' holds " + target.withArticle() + "; " + is(action.getValue()),
						action, Literals.ACTION__VALUE, IssueCodes.ASSIGNMENT_TYPE);
			}
			return;
		}
		String operator = "'" + action.getOperator().getLiteral() + "' takes numbers; ";
		if (target != ValueType.ERROR && !target.isNumeric()) {
			error(operator + is(action.getTarget()), action, Literals.ACTION__TARGET, IssueCodes.ASSIGNMENT_TYPE);
		} else if (value != ValueType.ERROR && !value.isNumeric()) {
			error(operator + is(action.getValue()), action, Literals.ACTION__VALUE, IssueCodes.ASSIGNMENT_TYPE);
		}
	}

	@Check
	public void checkLocalType(VarDecl local) {
		ValueType value = PolicyTypes.typeOf(local.getInit());
		if (local.getDeclared() != null) {
			ValueType declared = ValueType.of(local.getDeclared().getType());
			if (!declared.accepts(value)) {
				error("'" + local.getName() + "' is declared " + declared.withArticle() + "; " + is(local.getInit()),
						local, Literals.VAR_DECL__INIT, IssueCodes.ASSIGNMENT_TYPE);
			}
		} else if (value == ValueType.NONE) {
			error("the type of '" + local.getName() + "' cannot be told from 'none': declare it, as in 'var thread "
					+ local.getName() + " = none;' or 'var core " + local.getName() + " = none;'", local,
					Literals.VAR_DECL__INIT, IssueCodes.LOCAL_TYPE_UNKNOWN);
		}
	}

	@Check
	public void checkAttributeInitialValue(Attribute attribute) {
		ValueType declared = ValueType.of(attribute.getType());
		if (attribute.getInit() != null && !declared.accepts(PolicyTypes.typeOf(attribute.getInit()))) {
			error("the initial value of '" + attribute.getName() + "' must be " + declared.withArticle() + "; "
					+ is(attribute.getInit()), attribute, Literals.ATTRIBUTE__INIT, IssueCodes.INITIAL_VALUE_TYPE);
		}
	}

	@Check
	public void checkParamDefault(Param param) {
		ValueType declared = ValueType.of(param.getType());
		if (param.getDefault() != null && !declared.accepts(PolicyTypes.typeOf(param.getDefault()))) {
			error("the default of '" + param.getName() + "' must be " + declared.withArticle() + "; "
					+ is(param.getDefault()), param, Literals.PARAM__DEFAULT, IssueCodes.INITIAL_VALUE_TYPE);
		}
	}

	@Check
	public void checkPreemptOperand(Preempt preempt) {
		if (isKnownAndNot(preempt.getCore(), EnumSet.of(ValueType.CORE))) {
			error("'preempt' takes a core; " + is(preempt.getCore()), preempt, Literals.PREEMPT__CORE,
					IssueCodes.PREEMPT_TYPE);
		}
	}

	@Check
	public void checkConstantKind(Constant constant) {
		ValueType declared = ValueType.of(constant.getType());
		if (declared.isReference()) {
			error("a constant is an int, a time or a bool, not " + declared.withArticle(), constant,
					Literals.CONSTANT__TYPE, IssueCodes.CONSTANT_KIND);
		}
	}

	@Check
	public void checkConstantValue(Constant constant) {
		ValueType declared = ValueType.of(constant.getType());
		if (declared.isReference()) {
			return; // checkConstantKind
		}
		if (constant.getValue() != null && !declared.accepts(PolicyTypes.typeOf(constant.getValue()))) {
			error("the value of '" + constant.getName() + "' must be " + declared.withArticle() + "; "
					+ is(constant.getValue()), constant, Literals.CONSTANT__VALUE, IssueCodes.INITIAL_VALUE_TYPE);
		}
		for (int i = 0; i < constant.getElements().size(); i++) {
			Expression element = constant.getElements().get(i);
			if (!declared.accepts(PolicyTypes.typeOf(element))) {
				error("the elements of '" + constant.getName() + "' must be " + declared.label() + "s; "
						+ is(element), constant, Literals.CONSTANT__ELEMENTS, i, IssueCodes.INITIAL_VALUE_TYPE);
			}
		}
	}

	@Check
	public void checkIndexedTable(Index index) {
		if (PolicyModel.tableNamed(index.getTable()) == null && PolicyTypes.typeOf(index.getTable()) != ValueType.ERROR) {
			error("only a constant table can be indexed; " + is(index.getTable()), index, Literals.INDEX__TABLE,
					IssueCodes.NOT_A_TABLE);
		}
	}

	@Check
	public void checkIndexType(Index index) {
		if (isKnownAndNot(index.getIndex(), EnumSet.of(ValueType.INT))) {
			error("a table index is an int; " + is(index.getIndex()), index, Literals.INDEX__INDEX,
					IssueCodes.INDEX_TYPE);
		}
	}

	/** An index the checker can compute must be inside its table; any other is checked when it runs. */
	@Check
	public void checkIndexInRange(Index index) {
		Constant table = PolicyModel.tableNamed(index.getTable());
		OptionalLong value = table == null ? OptionalLong.empty() : Constants.fixed(index.getIndex());
		int size = table == null ? 0 : table.getElements().size();
		if (value.isPresent() && (value.getAsLong() < 0 || value.getAsLong() >= size)) {
			error("index " + value.getAsLong() + " is outside table '" + table.getName() + "', whose indexes are 0 to "
					+ (size - 1), index, Literals.INDEX__INDEX, IssueCodes.INDEX_OUT_OF_RANGE);
		}
	}

	@Check
	public void checkTableIndexed(SymbolRef ref) {
		Constant table = PolicyModel.tableNamed(ref);
		if (table != null && !(ref.eContainer() instanceof Index index && index.getTable() == ref)) {
			error("'" + table.getName() + "' is a table: read one element, as in '" + table.getName() + "[i]'", ref,
					null, IssueCodes.TABLE_NOT_INDEXED);
		}
	}

	@Check
	public void checkParamRange(Param param) {
		if (param.getMin() == null || param.getMax() == null) {
			return;
		}
		ValueType declared = ValueType.of(param.getType());
		if (!declared.isNumeric()) {
			error("only an int or time param has a range; '" + param.getName() + "' is " + declared.withArticle(),
					param, Literals.PARAM__MIN, IssueCodes.PARAM_RANGE);
			return;
		}
		boolean boundsFit = true;
		for (EStructuralFeature feature : List.of(Literals.PARAM__MIN, Literals.PARAM__MAX)) {
			Expression bound = (Expression) param.eGet(feature);
			if (!declared.accepts(PolicyTypes.typeOf(bound))) {
				error("the bounds of '" + param.getName() + "' must be numbers; " + is(bound), param, feature,
						IssueCodes.INITIAL_VALUE_TYPE);
				boundsFit = false;
			}
		}
		Long min = literalValue(param.getMin());
		Long max = literalValue(param.getMax());
		if (!boundsFit || min == null || max == null) {
			return;
		}
		if (min > max) {
			error("the range of '" + param.getName() + "' is empty: " + text(param.getMin()) + " is more than "
					+ text(param.getMax()), param, Literals.PARAM__MIN, IssueCodes.PARAM_RANGE);
			return;
		}
		Long value = literalValue(param.getDefault());
		if (value != null && (value < min || value > max)) {
			error("the default of '" + param.getName() + "', " + text(param.getDefault()) + ", is outside its range ["
					+ text(param.getMin()) + ", " + text(param.getMax()) + "]", param, Literals.PARAM__DEFAULT,
					IssueCodes.PARAM_RANGE);
		}
	}

	/** The value of an int or duration literal, possibly negated; null for anything else. */
	private static Long literalValue(Expression expression) {
		if (expression instanceof IntLiteral literal) {
			return literal.getValue();
		}
		if (expression instanceof DurationLiteral literal) {
			return literal.getValue();
		}
		if (expression instanceof Unary unary && "-".equals(unary.getOperator())) {
			Long operand = literalValue(unary.getOperand());
			return operand == null ? null : -operand;
		}
		return null;
	}

	@Check
	public void checkIntLiteralFits(IntLiteral literal) {
		// 9223372036854775808 parses (as Long.MIN_VALUE) only so that -9223372036854775808 can be written
		if (literal.getValue() == Long.MIN_VALUE
				&& !(literal.eContainer() instanceof Unary unary && "-".equals(unary.getOperator()))) {
			error("the int " + PolicyValueConverters.MIN_MAGNITUDE + " is too large: an int is at most "
					+ Long.MAX_VALUE, literal, null, IssueCodes.INT_RANGE);
		}
	}

	// ---------------------------------------------------------------- functions and calls

	@Check
	public void checkFunctionExpression(Function function) {
		ValueType declared = ValueType.of(function.getType());
		if (function.getExpression() != null && !declared.accepts(PolicyTypes.typeOf(function.getExpression()))) {
			error("function '" + function.getName() + "' returns " + declared.withArticle() + "; "
					+ is(function.getExpression()), function, Literals.FUNCTION__EXPRESSION, IssueCodes.RETURN_TYPE);
		}
	}

	@Check
	public void checkEveryPathReturns(Function function) {
		if (isIncomplete(function)) {
			return; // see isIncomplete
		}
		if (function.getBody() == null) {
			return;
		}
		PathWalker<Boolean> walker = new PathWalker<>((statement, path) -> path.state());
		for (PathWalker.Path<Boolean> end : walker.walk(function.getBody(), Boolean.TRUE)) {
			if (!end.returned()) {
				String returns = ValueType.of(function.getType()).withArticle();
				String path = end.describe();
				error(path.isEmpty()
						? "function '" + function.getName() + "' ends without returning " + returns
								+ ": its last statement must be 'return e;'"
						: "function '" + function.getName() + "' can end without returning " + returns + ": " + path,
						function, Literals.FUNCTION__NAME, IssueCodes.MISSING_RETURN);
				return;
			}
		}
	}

	@Check
	public void checkReturn(Return statement) {
		Function function = EcoreUtil2.getContainerOfType(statement, Function.class);
		if (EcoreUtil2.getContainerOfType(statement, BalanceHandler.class) != null) {
			return; // no return at all there: EventTypeChecks.checkOnMoveDoesNotReturn
		}
		if (function == null) {
			if (statement.getValue() != null) {
				error("a handler returns no value: write 'return;'", statement, Literals.RETURN__VALUE,
						IssueCodes.RETURN_TYPE);
			}
			return;
		}
		ValueType declared = ValueType.of(function.getType());
		if (statement.getValue() == null) {
			error("function '" + function.getName() + "' returns " + declared.withArticle() + ": write 'return e;'",
					statement, null, IssueCodes.RETURN_TYPE);
		} else if (!declared.accepts(PolicyTypes.typeOf(statement.getValue()))) {
			error("function '" + function.getName() + "' returns " + declared.withArticle() + "; "
					+ is(statement.getValue()), statement, Literals.RETURN__VALUE, IssueCodes.RETURN_TYPE);
		}
	}

	@Check
	public void checkCallArity(Call call) {
		Function function = call.getFunction();
		if (function == null || function.eIsProxy()) {
			return;
		}
		int expected = function.getParams().size();
		if (call.getArguments().size() != expected) {
			error("'" + function.getName() + "' takes " + arguments(expected) + ", not " + call.getArguments().size(),
					call, Literals.CALL__FUNCTION, IssueCodes.CALL_ARITY);
		}
	}

	@Check
	public void checkCallArguments(Call call) {
		Function function = call.getFunction();
		if (function == null || function.eIsProxy()) {
			return;
		}
		int n = Math.min(call.getArguments().size(), function.getParams().size());
		for (int i = 0; i < n; i++) {
			FormalParam param = function.getParams().get(i);
			Expression argument = call.getArguments().get(i);
			ValueType declared = ValueType.of(param.getType());
			if (!declared.accepts(PolicyTypes.typeOf(argument))) {
				error("parameter '" + param.getName() + "' of '" + function.getName() + "' is "
						+ declared.withArticle() + "; " + is(argument), call, Literals.CALL__ARGUMENTS, i,
						IssueCodes.CALL_ARGUMENT_TYPE);
			}
		}
	}

	private static String arguments(int n) {
		return n == 1 ? "1 argument" : n + " arguments";
	}

	private static final Set<ValueType> NUMBER = EnumSet.of(ValueType.INT, ValueType.TIME);

	/** The kinds of argument each builtin takes, position by position. */
	private static List<Set<ValueType>> builtinParameters(BuiltinCall call) {
		return switch (call.getBuiltin()) {
			case EMPTY, FIRST -> List.of(EnumSet.of(ValueType.QUEUE));
			case SIZE -> List.of(EnumSet.of(ValueType.QUEUE, ValueType.CORE_SET));
			case RUNNABLE -> List.of(EnumSet.of(ValueType.CORE));
			case DOMAIN -> List.of(EnumSet.of(ValueType.CORE), EnumSet.of(ValueType.LEVEL));
			case CPU, AFFINITY -> List.of(EnumSet.of(ValueType.THREAD));
			case ABS, LOG2 -> List.of(NUMBER);
			case MIN, MAX -> List.of(NUMBER, NUMBER);
			case CLAMP -> List.of(NUMBER, NUMBER, NUMBER);
		};
	}

	private static String builtinWants(BuiltinCall call) {
		return switch (call.getBuiltin()) {
			case EMPTY, FIRST -> "a queue";
			case SIZE -> "a queue or a set of cores";
			case RUNNABLE -> "a core";
			case DOMAIN -> "a core and a topology level";
			case CPU, AFFINITY -> "a thread";
			case ABS, LOG2 -> "a number";
			case MIN, MAX -> "two numbers";
			case CLAMP -> "three numbers: a value and its lower and upper bounds";
		};
	}

	@Check
	public void checkBuiltinArity(BuiltinCall call) {
		int expected = builtinParameters(call).size();
		if (call.getArguments().size() != expected) {
			error("'" + call.getBuiltin().getLiteral() + "' takes " + arguments(expected) + ", not "
					+ call.getArguments().size(), call, Literals.BUILTIN_CALL__BUILTIN, IssueCodes.BUILTIN_ARITY);
		}
	}

	@Check
	public void checkBuiltinArguments(BuiltinCall call) {
		List<Set<ValueType>> parameters = builtinParameters(call);
		int n = Math.min(call.getArguments().size(), parameters.size());
		for (int i = 0; i < n; i++) {
			Expression argument = call.getArguments().get(i);
			ValueType type = PolicyTypes.typeOf(argument);
			if (parameters.get(i).stream().noneMatch(wanted -> wanted.accepts(type))) {
				error("'" + call.getBuiltin().getLiteral() + "' takes " + builtinWants(call) + "; " + is(argument),
						call, Literals.BUILTIN_CALL__ARGUMENTS, i, IssueCodes.BUILTIN_ARGUMENT_TYPE);
			}
		}
	}

	// ---------------------------------------------------------------- collections

	@Check
	public void checkAggregateKey(Aggregate aggregate) {
		AggregateKind kind = aggregate.getKind();
		String name = "'" + kind.getLiteral() + "'";
		boolean needsKey = kind == AggregateKind.MIN || kind == AggregateKind.MAX || kind == AggregateKind.SUM;
		if (needsKey && aggregate.getKey() == null) {
			String keyword = kind == AggregateKind.SUM ? "of" : "by";
			error(name + " needs a key: write '" + kind.getLiteral() + "(x in ... " + keyword + " key)'", aggregate,
					Literals.AGGREGATE__KIND, IssueCodes.AGGREGATE_KEY);
		} else if (!needsKey && aggregate.getKey() != null) {
			error(name + " takes no key ('by' or 'of')", aggregate, Literals.AGGREGATE__KEY, IssueCodes.AGGREGATE_KEY);
		} else if (needsKey && isKnownAndNot(aggregate.getKey(), EnumSet.of(ValueType.INT, ValueType.TIME))) {
			error("the key of " + name + " must be a number; " + is(aggregate.getKey()), aggregate,
					Literals.AGGREGATE__KEY, IssueCodes.AGGREGATE_KEY);
		}
	}

	@Check
	public void checkAggregateCollection(Aggregate aggregate) {
		if (isKnownAndNot(aggregate.getCollection(), EnumSet.of(ValueType.QUEUE, ValueType.CORE_SET))) {
			error("'" + aggregate.getKind().getLiteral() + "' ranges over a queue or a set of cores; "
					+ is(aggregate.getCollection()), aggregate, Literals.AGGREGATE__COLLECTION,
					IssueCodes.AGGREGATE_COLLECTION);
		}
	}

	@Check
	public void checkForeachCollection(Foreach loop) {
		if (isKnownAndNot(loop.getCollection(), EnumSet.of(ValueType.QUEUE, ValueType.CORE_SET))) {
			error("foreach ranges over a queue or a set of cores, so that every loop is bounded; "
					+ is(loop.getCollection()), loop, Literals.FOREACH__COLLECTION, IssueCodes.FOREACH_COLLECTION);
		}
	}

	// ---------------------------------------------------------------- threads and cores

	@Check
	public void checkCurrentSlot(MemberAccess access) {
		if (access.isCurrentSlot() && isKnownAndNot(access.getReceiver(), EnumSet.of(ValueType.CORE))) {
			error("'.current' is the running thread of a core; " + is(access.getReceiver()), access,
					Literals.MEMBER_ACCESS__CURRENT_SLOT, IssueCodes.CURRENT_NOT_ON_CORE);
		}
	}

	@Check
	public void checkMovedThing(Action action) {
		if (isBare(action)) {
			return; // checkStatementHasEffect
		}
		if (action.getDestination() != null
				&& isKnownAndNot(action.getTarget(), EnumSet.of(ValueType.THREAD, ValueType.CORE))) {
			error("only a thread or a core can move; " + is(action.getTarget()), action, Literals.ACTION__TARGET,
					IssueCodes.MOVED_NOT_THREAD_OR_CORE);
		}
	}

	@Check
	public void checkOrderKey(Order order) {
		Attribute key = order.getKey();
		if (key != null && !key.eIsProxy() && !ValueType.of(key.getType()).isNumeric()) {
			error("queue '" + PolicyModel.nameOf(order.eContainer()) + "' must be ordered by a number; '"
					+ key.getName() + "' is " + ValueType.of(key.getType()).withArticle(), order, Literals.ORDER__KEY,
					IssueCodes.ORDER_KEY_TYPE);
		}
	}

	// ---------------------------------------------------------------- the steal

	@Check
	public void checkStealKeys(BalanceHandler balance) {
		if (isKnownAndNot(balance.getSelectKey(), EnumSet.of(ValueType.INT, ValueType.TIME))) {
			error("the key of 'select' must be a number; " + is(balance.getSelectKey()), balance,
					Literals.BALANCE_HANDLER__SELECT_KEY, IssueCodes.STEAL_KEY);
		}
		if (isKnownAndNot(balance.getMigrateKey(), EnumSet.of(ValueType.INT, ValueType.TIME))) {
			error("the key of 'ordered by' must be a number; " + is(balance.getMigrateKey()), balance,
					Literals.BALANCE_HANDLER__MIGRATE_KEY, IssueCodes.STEAL_KEY);
		}
	}

	@Check
	public void checkStealSource(BalanceHandler balance) {
		Expression source = balance.getSource();
		Binder victim = balance.getVictim();
		if (source == null || victim == null || PolicyTypes.typeOf(source) == ValueType.ERROR) {
			return;
		}
		if (isVictimQueue(source, victim)) {
			return;
		}
		List<Queue> queues = PolicyModel.coreQueues(PolicyModel.policyOf(balance));
		String example = victim.getName() + "." + (queues.isEmpty() ? "q" : queues.get(0).getName());
		String got = PolicyTypes.typeOf(source) == ValueType.QUEUE
				? "'" + text(source) + "' is not one of " + victim.getName() + "'s queues"
				: is(source);
		error("'migrate' takes threads from a queue of the victim '" + victim.getName() + "', such as '" + example
				+ "'; " + got, balance, Literals.BALANCE_HANDLER__SOURCE, IssueCodes.STEAL_SOURCE);
	}

	/** {@code c.q}, or a choice {@code p ? c.q : c.r} between queues of the victim {@code c}. */
	private static boolean isVictimQueue(Expression source, Binder victim) {
		if (source instanceof Conditional choice) {
			return isVictimQueue(choice.getWhenTrue(), victim) && isVictimQueue(choice.getWhenFalse(), victim);
		}
		return source instanceof MemberAccess access && access.getMember() instanceof Queue
				&& access.getReceiver() instanceof SymbolRef ref && ref.getSymbol() == victim;
	}

	@Check
	public void checkPeriod(BalanceHandler balance) {
		if (isKnownAndNot(balance.getPeriod(), EnumSet.of(ValueType.TIME))) {
			error("the period of 'every' is a time, such as 4ms; " + is(balance.getPeriod()), balance,
					Literals.BALANCE_HANDLER__PERIOD, IssueCodes.PERIOD_TYPE);
		}
	}

	/**
	 * A period of 0 (or less) would run the balancer infinitely often at one instant: the simulator and
	 * the kernel would never get past it. So the period is a positive literal, or a param whose range
	 * keeps it positive (a param without a range could be set to 0 on the command line).
	 */
	@Check
	public void checkPeriodPositive(BalanceHandler balance) {
		Expression period = balance.getPeriod();
		if (period == null || isKnownAndNot(period, EnumSet.of(ValueType.TIME))) {
			return;
		}
		Long value = literalValue(period);
		if (value != null) {
			if (value <= 0) {
				error("the period of 'every' must be more than 0; it is " + text(period), balance,
						Literals.BALANCE_HANDLER__PERIOD, IssueCodes.PERIOD_RANGE);
			}
			return;
		}
		if (period instanceof SymbolRef ref && ref.getSymbol() instanceof Param param) {
			Long min = literalValue(param.getMin());
			if (param.getMin() == null) {
				error("the period of 'every' must be more than 0, but param '" + param.getName() + "' has no range"
						+ " and could be set to 0: give it one, as in 'in [1ms, 1s]'", balance,
						Literals.BALANCE_HANDLER__PERIOD, IssueCodes.PERIOD_RANGE);
			} else if (min != null && min <= 0) {
				error("the period of 'every' must be more than 0, but the range of param '" + param.getName()
						+ "' starts at " + text(param.getMin()), balance, Literals.BALANCE_HANDLER__PERIOD,
						IssueCodes.PERIOD_RANGE);
			}
			return;
		}
		if (PolicyTypes.typeOf(period) != ValueType.ERROR) {
			error("the period of 'every' must be a duration, such as 4ms, or a param; '" + text(period)
					+ "' could be 0 or less", balance, Literals.BALANCE_HANDLER__PERIOD, IssueCodes.PERIOD_RANGE);
		}
	}

	/** Whether the expression is there, its type is known, and it is none of {@code allowed}. */
	private static boolean isKnownAndNot(Expression expression, Set<ValueType> allowed) {
		if (expression == null) {
			return false;
		}
		ValueType type = PolicyTypes.typeOf(expression);
		return type != ValueType.ERROR && !allowed.contains(type);
	}
}
