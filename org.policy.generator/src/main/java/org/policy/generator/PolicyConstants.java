package org.policy.generator;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;

/**
 * The policy's numbers that the generated C names with a {@code #define} instead of writing them
 * out. The language has no named constants, so a number is named only where the policy itself
 * says what it is: the initial value of an attribute ({@code int weight = 1024;} is
 * {@code CFS_WEIGHT_INIT}). The same number in an expression that reads that attribute is taken to
 * be that value and uses the name too ({@code (now - t.exec_start) * 1024 / t.weight} scales to a
 * thread of the initial weight, as the kernel's {@code NICE_0_LOAD / weight}). Every other number
 * stays as written, next to the policy source quoted above its C: a name invented for {@code 2} in
 * {@code runnable(c) >= 2}, or for {@code 110} in a function already called {@code imbalance_pct},
 * would say less than the number does. 0 and 1 are never named.
 */
final class PolicyConstants {
	/** One {@code #define}: its C name, its value and what it is, for the comment beside it. */
	record Constant(String name, long value, boolean duration, Attribute attribute, String what) {
	}

	private final List<Constant> constants = new ArrayList<>();
	private final Map<EObject, Constant> byLiteral = new IdentityHashMap<>();

	PolicyConstants(Policy policy, CNames names, String prefix) {
		String upper = prefix.toUpperCase(Locale.ROOT);
		for (Attribute a : PolicyModel.threadAttributes(policy)) {
			initialValue(a, "a new thread's " + a.getName(), names, upper);
		}
		for (Attribute a : PolicyModel.coreAttributes(policy)) {
			initialValue(a, "every core's first " + a.getName(), names, upper);
		}
		if (constants.isEmpty()) {
			return;
		}
		for (Expression literal : literals(policy)) {
			if (byLiteral.containsKey(literal) || EcoreUtil2.getContainerOfType(literal, Param.class) != null) {
				continue; // a parameter's default and range are the parameter's, named by it already
			}
			List<Attribute> read = attributesRead(statementExpression(literal));
			List<Constant> meant = constants.stream()
					.filter(c -> c.value() == valueOf(literal) && c.duration() == (literal instanceof DurationLiteral)
							&& read.contains(c.attribute()))
					.toList();
			if (meant.size() == 1) {
				byLiteral.put(literal, meant.get(0));
			}
		}
	}

	private void initialValue(Attribute a, String what, CNames names, String upper) {
		Expression init = a.getInit();
		if (!isLiteral(init) || valueOf(init) == 0 || valueOf(init) == 1) {
			return;
		}
		String name = names.claim(upper + a.getName().toUpperCase(Locale.ROOT) + "_INIT");
		Constant c = new Constant(name, valueOf(init), init instanceof DurationLiteral, a, what);
		constants.add(c);
		byLiteral.put(init, c);
	}

	/** The {@code #define}s, in declaration order of their attributes. */
	List<Constant> all() {
		return constants;
	}

	/** The name a literal is written as, or null to write its value. */
	String nameOf(Expression literal) {
		Constant c = byLiteral.get(literal);
		return c == null ? null : c.name();
	}

	private static boolean isLiteral(Expression e) {
		return e instanceof IntLiteral || e instanceof DurationLiteral;
	}

	private static long valueOf(Expression literal) {
		return literal instanceof IntLiteral i ? i.getValue() : ((DurationLiteral) literal).getValue();
	}

	private static List<Expression> literals(Policy policy) {
		List<Expression> found = new ArrayList<>();
		for (Expression e : EcoreUtil2.getAllContentsOfType(policy, Expression.class)) {
			if (isLiteral(e)) {
				found.add(e);
			}
		}
		return found;
	}

	/** The whole expression a literal is part of: a condition, an assigned value, a returned value... */
	private static Expression statementExpression(Expression literal) {
		Expression e = literal;
		while (e.eContainer() instanceof Expression outer) {
			e = outer;
		}
		return e;
	}

	private static List<Attribute> attributesRead(Expression e) {
		List<Attribute> read = new ArrayList<>();
		for (MemberAccess access : EcoreUtil2.getAllContentsOfType(e, MemberAccess.class)) {
			if (access.getMember() instanceof Attribute a && !read.contains(a)) {
				read.add(a);
			}
		}
		return read;
	}
}
