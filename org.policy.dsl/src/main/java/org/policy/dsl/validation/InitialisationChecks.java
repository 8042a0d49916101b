package org.policy.dsl.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.AssignOperator;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Symbol;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Index;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.NoneLiteral;
import org.policy.dsl.policy.Order;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Preempt;
import org.policy.dsl.policy.PolicyPackage.Literals;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.Statement;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.ToExpression;
import org.policy.dsl.policy.Unary;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.semantics.Constants;
import org.policy.dsl.validation.PathWalker.Path;

/**
 * Initialisation: every attribute has a value before it is read. Core attributes need an initial value
 * (cores exist before any event); a thread attribute without one must be assigned on every path of
 * {@code on new} before that handler reads it, otherwise every read of it is reported. Initial values are
 * computed once, at load time: they use params and literals only.
 */
public class InitialisationChecks extends PolicyCheck {

	@Check
	public void checkCoreAttributeInitialised(Attribute attribute) {
		if (!PolicyModel.isThreadAttribute(attribute) && attribute.getInit() == null && !attribute.isInput()) {
			error("core attribute '" + attribute.getName() + "' needs an initial value: cores exist before any event"
					+ " runs", attribute, Literals.MEMBER__NAME, IssueCodes.CORE_ATTRIBUTE_NOT_INITIALISED);
		}
	}

	@Check
	public void checkInitialValueConstant(Attribute attribute) {
		Expression offending = firstNonConstant(attribute.getInit(), true);
		if (offending != null) {
			error("the initial value of '" + attribute.getName() + "' may use only params, constants and literals, not '"
					+ Source.text(offending) + "'", offending, null, IssueCodes.INITIAL_VALUE_NOT_CONSTANT);
		}
	}

	/**
	 * A param's default and range are computed before any event, from literals and other params only
	 * (the compiled semantics evaluates them as constants; {@code now} or an attribute there has no value).
	 */
	@Check
	public void checkParamValuesConstant(Param param) {
		for (Expression value : new Expression[] { param.getDefault(), param.getMin(), param.getMax() }) {
			Expression offending = firstNonConstant(value, true);
			if (offending != null) {
				error("the default and range of param '" + param.getName() + "' may use only other params, constants"
						+ " and literals, not '" + Source.text(offending) + "'", offending, null,
						IssueCodes.INITIAL_VALUE_NOT_CONSTANT);
			}
		}
	}

	/**
	 * A constant is fixed before the policy is loaded (the generated C writes it as a {@code #define} or a
	 * {@code static const} table): literals and other constants only, not params.
	 */
	@Check
	public void checkConstantValueConstant(Constant constant) {
		List<Expression> values = new ArrayList<>(constant.getElements());
		values.add(constant.getValue());
		for (Expression value : values) {
			Expression offending = firstNonConstant(value, false);
			if (offending != null) {
				error("the value of constant '" + constant.getName() + "' may use only literals and other constants,"
						+ " not '" + Source.text(offending) + "'", offending, null, IssueCodes.INITIAL_VALUE_NOT_CONSTANT);
			}
		}
	}

	/** A constant names only constants declared above it: its value is then never circular. */
	@Check
	public void checkConstantOrder(Constant constant) {
		Policy policy = PolicyModel.policyOf(constant);
		List<Constant> all = PolicyModel.constants(policy);
		int position = all.indexOf(constant);
		for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(constant, SymbolRef.class)) {
			if (ref.getSymbol() instanceof Constant named && all.indexOf(named) >= position) {
				error(named == constant ? "constant '" + constant.getName() + "' cannot be defined by itself"
						: "constant '" + constant.getName() + "' may name only constants declared above it, and '"
								+ named.getName() + "' is declared below", ref, null, IssueCodes.CONSTANT_ORDER);
			}
		}
	}

	/** A param whose value depends on itself, through other params' defaults, has no value. */
	@Check
	public void checkParamNotCircular(Param param) {
		List<Param> cycle = cycleThrough(param);
		if (param.getName() != null && !cycle.isEmpty()) {
			StringBuilder text = new StringBuilder(param.getName());
			cycle.forEach(p -> text.append(" -> ").append(p.getName()));
			error("param '" + param.getName() + "' depends on itself: " + text, param, Literals.PARAM__NAME,
					IssueCodes.PARAM_CYCLE);
		}
	}

	/**
	 * The params from {@code start}'s default back to {@code start} (ending with it), or empty when its
	 * default does not depend on it. Iterative (a breadth-first search over the params that defaults
	 * name), so a long chain of params cannot overflow the stack.
	 */
	private static List<Param> cycleThrough(Param start) {
		Map<Param, Param> reachedFrom = new LinkedHashMap<>();
		java.util.ArrayDeque<Param> todo = new java.util.ArrayDeque<>();
		for (Param next : paramsNamedIn(start.getDefault())) {
			if (reachedFrom.putIfAbsent(next, start) == null) {
				todo.add(next);
			}
		}
		while (!todo.isEmpty()) {
			Param p = todo.remove();
			if (p == start) {
				List<Param> path = new ArrayList<>();
				for (Param at = start; path.isEmpty() || at != start; at = reachedFrom.get(at)) {
					path.add(0, at);
				}
				return path;
			}
			for (Param next : paramsNamedIn(p.getDefault())) {
				if (reachedFrom.putIfAbsent(next, p) == null) {
					todo.add(next);
				}
			}
		}
		return List.of();
	}

	private static List<Param> paramsNamedIn(Expression e) {
		List<Param> named = new ArrayList<>();
		if (e != null) {
			List<SymbolRef> refs = new ArrayList<>(EcoreUtil2.getAllContentsOfType(e, SymbolRef.class));
			if (e instanceof SymbolRef ref) {
				refs.add(ref);
			}
			for (SymbolRef ref : refs) {
				if (ref.getSymbol() instanceof Param p && !p.eIsProxy()) {
					named.add(p);
				}
			}
		}
		return named;
	}

	/**
	 * The first part of an expression that is not constant, or null: constant are literals, scalar
	 * constants, params where {@code paramsAllowed}, and operators, conditionals, table elements and the
	 * numeric builtins ({@code abs min max clamp log2}) over those. What {@link Constants} evaluates.
	 */
	private static Expression firstNonConstant(Expression expression, boolean paramsAllowed) {
		if (expression == null || expression instanceof IntLiteral || expression instanceof DurationLiteral
				|| expression instanceof BoolLiteral || expression instanceof NoneLiteral) {
			return null;
		}
		if (expression instanceof SymbolRef ref) {
			Symbol s = ref.getSymbol();
			boolean constant = s == null || s.eIsProxy() || s instanceof Param && paramsAllowed
					|| s instanceof Constant c && !c.isTable();
			return constant ? null : expression;
		}
		List<Expression> parts;
		if (expression instanceof Unary unary) {
			parts = List.of(unary.getOperand());
		} else if (expression instanceof Binary binary && !"in".equals(binary.getOperator())) {
			parts = List.of(binary.getLeft(), binary.getRight());
		} else if (expression instanceof Conditional c) {
			parts = List.of(c.getCondition(), c.getWhenTrue(), c.getWhenFalse());
		} else if (expression instanceof BuiltinCall call && Constants.isNumericBuiltin(call.getBuiltin())) {
			parts = call.getArguments();
		} else if (expression instanceof Index index && PolicyModel.tableNamed(index.getTable()) != null) {
			parts = List.of(index.getIndex());
		} else {
			return expression;
		}
		for (Expression part : parts) {
			Expression offending = firstNonConstant(part, paramsAllowed);
			if (offending != null) {
				return offending;
			}
		}
		return null;
	}


	@Check
	public void checkThreadAttributesInitialised(Policy policy) {
		if (isIncomplete(policy)) {
			return; // see isIncomplete
		}
		Optional<EventHandler> onNew = PolicyModel.handler(policy, Event.NEW);
		Binder target = onNew.map(EventHandler::getTarget).orElse(null);
		for (Attribute attribute : PolicyModel.threadAttributes(policy)) {
			if (attribute.getInit() != null || attribute.getName() == null || attribute.isInput()) {
				continue; // an input is set before 'on new' runs
			}
			boolean alwaysAssigned = target != null && onNew.get().getBody() != null
					&& assignedOnEveryPath(onNew.get(), attribute);
			if (alwaysAssigned) {
				continue;
			}
			String message = "'" + attribute.getName() + "' may be uninitialised: it has no initial value and 'on new'"
					+ " does not assign it on every path";
			for (MemberAccess read : EcoreUtil2.getAllContentsOfType(policy, MemberAccess.class)) {
				boolean checkedByFlow = target != null && isOn(read, target)
						&& EcoreUtil2.isAncestor(onNew.get(), read);
				if (read.getMember() == attribute && isRead(read) && !checkedByFlow) {
					error(message, read, Literals.MEMBER_ACCESS__MEMBER, IssueCodes.UNINITIALISED_READ);
				}
			}
			for (Order order : EcoreUtil2.getAllContentsOfType(policy, Order.class)) {
				if (order.getKey() == attribute) {
					error(message, order, Literals.ORDER__KEY, IssueCodes.UNINITIALISED_READ);
				}
			}
		}
	}

	/** A read in {@code on new} that may come first: on which path, and through which queue's key if not directly. */
	private record EarlyRead(String where, String queue) {
	}

	/**
	 * Walks {@code on new} for one attribute (state: assigned yet on this path?), reporting the target's reads
	 * that come before an assignment on some path; true when every path assigns it.
	 */
	private boolean assignedOnEveryPath(EventHandler onNew, Attribute attribute) {
		Binder target = onNew.getTarget();
		Map<EObject, EarlyRead> early = new LinkedHashMap<>();
		PathWalker<Boolean> walker = new PathWalker<>(new PathWalker.Transfer<>() {
			@Override
			public Boolean step(Statement statement, Path<Boolean> path) {
				if (!path.state()) {
					noteEarlyReads(statement, path);
				}
				return path.state() || assigns(statement, target, attribute);
			}

			@Override
			public Boolean evaluate(Expression expression, Path<Boolean> path) {
				if (!path.state()) {
					for (MemberAccess read : readsIn(expression, target, attribute)) {
						early.putIfAbsent(read, new EarlyRead(path.describeAt(expression), null));
					}
				}
				return path.state();
			}

			private void noteEarlyReads(Statement statement, Path<Boolean> path) {
				for (MemberAccess read : readsIn(statement, target, attribute)) {
					early.putIfAbsent(read, new EarlyRead(path.describeAt(statement), null));
				}
				Queue queue = insertedInto(statement, target);
				Order order = queue == null ? null : queue.getOrder();
				if (order == null && statement instanceof Action action) {
					SharedQueue shared = sharedDestination(action, target);
					order = shared == null ? null : shared.getOrder();
				}
				if (order != null && order.getKey() == attribute) {
					early.putIfAbsent(statement, new EarlyRead(path.describeAt(statement), PolicyModel.nameOf(order.eContainer())));
				}
			}
		});
		boolean every = walker.walk(onNew.getBody(), Boolean.FALSE).stream().allMatch(Path::state);
		String value = "'" + attribute.getName() + "'";
		early.forEach((node, read) -> {
			String tail = " it has no initial value and 'on new' has not assigned it yet"
					+ (read.where().isEmpty() ? "" : " " + read.where());
			if (read.queue() == null) {
				error(value + " may be uninitialised here:" + tail, node, Literals.MEMBER_ACCESS__MEMBER,
						IssueCodes.UNINITIALISED_READ);
			} else {
				error("queue '" + read.queue() + "' is ordered by " + value + ", which may be uninitialised here:" + tail,
						node, Literals.ACTION__DESTINATION, IssueCodes.UNINITIALISED_READ);
			}
		});
		return every;
	}

	/** Whether the statement is {@code t.attribute = e}, {@code += e} or {@code -= e}. */
	private static boolean assigns(Statement statement, Binder target, Attribute attribute) {
		return statement instanceof Action action && action.getDestination() == null
				&& action.getTarget() instanceof MemberAccess access && access.getMember() == attribute
				&& isOn(access, target);
	}

	/** The reads of {@code target.attribute} that a simple statement makes itself (not its nested blocks). */
	private static List<MemberAccess> readsIn(Statement statement, Binder target, Attribute attribute) {
		List<EObject> evaluated = new ArrayList<>();
		if (statement instanceof VarDecl local) {
			evaluated.add(local.getInit());
		} else if (statement instanceof Return end) {
			evaluated.add(end.getValue());
		} else if (statement instanceof Preempt preempt) {
			evaluated.add(preempt.getCore());
		} else if (statement instanceof Action action) {
			evaluated.add(action.getTarget());
			evaluated.add(action.getValue());
			evaluated.add(action.getDestination());
		}
		List<MemberAccess> reads = new ArrayList<>();
		for (EObject part : evaluated) {
			for (MemberAccess read : readsIn(part, target, attribute)) {
				if (isRead(read)) {
					reads.add(read);
				}
			}
		}
		return reads;
	}

	private static List<MemberAccess> readsIn(EObject root, Binder target, Attribute attribute) {
		List<MemberAccess> reads = new ArrayList<>();
		if (root == null) {
			return reads;
		}
		List<MemberAccess> all = new ArrayList<>();
		if (root instanceof MemberAccess access) {
			all.add(access);
		}
		all.addAll(EcoreUtil2.getAllContentsOfType(root, MemberAccess.class));
		for (MemberAccess access : all) {
			if (access.getMember() == attribute && isOn(access, target)) {
				reads.add(access);
			}
		}
		return reads;
	}

	/** The per-core queue that {@code target => c.q} inserts the target into, or null. */
	private static Queue insertedInto(Statement statement, Binder target) {
		if (statement instanceof Action action && isTarget(action.getTarget(), target)
				&& action.getDestination() instanceof ToExpression to && to.getExpression() instanceof MemberAccess a
				&& a.getMember() instanceof Queue queue) {
			return queue;
		}
		return null;
	}

	private static SharedQueue sharedDestination(Action action, Binder target) {
		if (isTarget(action.getTarget(), target) && action.getDestination() instanceof ToExpression to
				&& to.getExpression() instanceof SymbolRef ref && ref.getSymbol() instanceof SharedQueue queue) {
			return queue;
		}
		return null;
	}

	private static boolean isTarget(Expression expression, Binder target) {
		return expression instanceof SymbolRef ref && ref.getSymbol() == target;
	}

	private static boolean isOn(MemberAccess access, Binder target) {
		return isTarget(access.getReceiver(), target);
	}

	/** Whether an attribute access reads it: everything but the target of a plain {@code =}. */
	static boolean isRead(MemberAccess access) {
		return !(access.eContainer() instanceof Action action && action.getDestination() == null
				&& action.getTarget() == access && action.getOperator() == AssignOperator.ASSIGN);
	}
}
