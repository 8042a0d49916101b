package org.policy.verifier.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.Index;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Now;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.Statement;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.ToExpression;
import org.policy.dsl.policy.Type;
import org.policy.dsl.policy.Unary;
import org.policy.dsl.policy.VarDecl;

/**
 * Which {@code time} attributes are <em>points</em> on a common time line, and which time line
 * (<em>family</em>): the static analysis behind the time normalisation of state keys
 * (docs/verification.md, "Time").
 *
 * <p>An expression is <em>anchored</em> at a point location (a time attribute, or {@code now}) when it is
 * that point plus or minus durations; the difference of two anchored expressions is a duration and puts
 * both anchors in one family, and so do comparing two anchored expressions and assigning one to a point.
 * A family is <em>shiftable</em> when the policy only uses its members that way: adding two points,
 * scaling a point ({@code *}, {@code /}, {@code %}, unary minus, {@code sum}), passing one to a builtin
 * ({@code abs}, {@code min}, {@code max}, {@code clamp}, {@code log2}) or a table index, comparing a
 * point with a duration, or assigning a duration to a point makes its family exact (not normalised).
 * Initial values are not counted: they are taken to be overwritten before they are read.
 *
 * <p>For a shiftable family, translating every member by the same amount maps runs to runs, so states
 * that differ only by such a translation have the same futures: that is the exact part of the
 * normalisation. Clamping large gaps between members is not exact; see {@link StateKeys}.
 */
final class TimeFamilies {
	/** The family of each thread attribute slot (-1: not normalised). */
	final int[] threadFamily;
	/** The family of each core attribute slot (-1: not normalised). */
	final int[] coreFamily;
	/** The family of {@code now} (-1: not normalised). */
	final int nowFamily;
	final int families;
	/**
	 * Per family: whether the policy only copies and compares its points (no point plus or minus a
	 * duration, no difference of two points). Then only the order of its values matters, and the window
	 * part of the normalisation is exact whatever the window; otherwise a gap wider than the window that
	 * the normalisation shrinks may change a comparison, and a verdict that relied on it is approximate.
	 */
	final boolean[] orderOnly;

	private static final Object NOW = new Object();
	/** Points that some arithmetic reads: a duration added or subtracted, or a difference taken. */
	private final Set<Object> arithmetic = new HashSet<>();

	private final Map<Object, Object> parent = new HashMap<>();
	private final Set<Object> exact = new HashSet<>();
	private final Map<EObject, Object> localAnchor = new HashMap<>();
	private final Map<EObject, Object> paramAnchor = new HashMap<>();
	private final Map<Function, Object> resultAnchor = new HashMap<>();
	private boolean changed;
	/** Off while anchors of locals, parameters and results are still being found: they must be known first. */
	private boolean marking;

	private TimeFamilies(Policy policy) {
		List<Attribute> threadAttrs = PolicyModel.threadAttributes(policy);
		List<Attribute> coreAttrs = PolicyModel.coreAttributes(policy);
		// first find every anchor (calls may come before the functions they call), then mark misuses
		for (int pass = 0; pass < 16; pass++) {
			marking = pass > 0 && !changed;
			if (marking) {
				walk(policy);
				break;
			}
			changed = false;
			walk(policy);
		}
		Map<Object, Integer> ids = new HashMap<>();

		threadFamily = new int[threadAttrs.size()];
		coreFamily = new int[coreAttrs.size()];
		for (int i = 0; i < threadAttrs.size(); i++) {
			threadFamily[i] = family(threadAttrs.get(i), ids);
		}
		for (int i = 0; i < coreAttrs.size(); i++) {
			coreFamily[i] = family(coreAttrs.get(i), ids);
		}
		nowFamily = parent.containsKey(NOW) ? family(NOW, ids) : -1;
		families = ids.size();
		orderOnly = new boolean[families];
		java.util.Arrays.fill(orderOnly, true);
		for (Object member : parent.keySet()) {
			Integer id = ids.get(find(member));
			if (id != null && arithmetic.contains(member)) {
				orderOnly[id] = false;
			}
		}
	}

	private void walk(Policy policy) {
		for (Function f : PolicyModel.functions(policy)) {
			if (f.getExpression() != null) {
				result(f, anchor(f.getExpression()));
			} else {
				block(f.getBody(), f);
			}
		}
		for (EventHandler h : PolicyModel.eventHandlers(policy)) {
			block(h.getBody(), null);
		}
		PolicyModel.balance(policy).ifPresent(b -> {
			// keys are only compared with the same key of other cores or threads: any point is fine
			anchor(b.getSelectKey());
			anchor(b.getMigrateKey());
			anchor(b.getSource());
			for (Expression e : new Expression[] { b.getFilter(), b.getMigrateCondition(), b.getStop() }) {
				if (e != null) {
					comparisonOperand(anchor(e));
				}
			}
		});
	}

	static TimeFamilies of(Policy policy) {
		return new TimeFamilies(policy);
	}

	private TimeFamilies(TimeFamilies from, boolean[] keep) {
		this.threadFamily = from.threadFamily.clone();
		this.coreFamily = from.coreFamily.clone();
		for (int i = 0; i < threadFamily.length; i++) {
			threadFamily[i] = threadFamily[i] >= 0 && keep[threadFamily[i]] ? -1 : threadFamily[i];
		}
		for (int i = 0; i < coreFamily.length; i++) {
			coreFamily[i] = coreFamily[i] >= 0 && keep[coreFamily[i]] ? -1 : coreFamily[i];
		}
		this.nowFamily = from.nowFamily >= 0 && keep[from.nowFamily] ? -1 : from.nowFamily;
		this.families = from.families;
		this.orderOnly = from.orderOnly;
	}

	/**
	 * These families, but every family with a core attribute among its members not normalised (kept exact):
	 * then states are matched only if their cores' attributes are equal, so a check of core attributes on
	 * the states explored holds of every state reached ({@code --all-cores}'s invariant).
	 */
	TimeFamilies withCoreAttributesExact() {
		boolean[] keep = new boolean[families];
		for (int f : coreFamily) {
			if (f >= 0) {
				keep[f] = true;
			}
		}
		return new TimeFamilies(this, keep);
	}

	/** Whether some core attribute is normalised (shifted, or its gaps clamped) when states are matched. */
	boolean normalisesCoreAttributes() {
		for (int f : coreFamily) {
			if (f >= 0) {
				return true;
			}
		}
		return false;
	}

	private int family(Object location, Map<Object, Integer> ids) {
		if (location instanceof Attribute a && (a.getType() != Type.TIME || a.isInput())) {
			return -1; // an input is never shifted (see anchor)
		}
		Object root = find(location);
		for (Object member : new ArrayList<>(parent.keySet())) {
			if (find(member) == root && exact.contains(member)) {
				return -1;
			}
		}
		if (exact.contains(location)) {
			return -1;
		}
		return ids.computeIfAbsent(root, r -> ids.size());
	}

	// ------------------------------------------------------------------ statements

	private void block(Block block, Function function) {
		for (Statement s : block.getStatements()) {
			statement(s, function);
		}
	}

	private void statement(Statement s, Function function) {
		if (s instanceof VarDecl v) {
			Object a = anchor(v.getInit());
			if (a != null && localAnchor.get(v) == null) {
				localAnchor.put(v, a);
				changed = true;
			}
		} else if (s instanceof If i) {
			comparisonOperand(anchor(i.getCondition()));
			block(i.getThen(), function);
			if (i.getElseIf() != null) {
				statement(i.getElseIf(), function);
			} else if (i.getElse() != null) {
				block(i.getElse(), function);
			}
		} else if (s instanceof Foreach f) {
			anchor(f.getCollection());
			block(f.getBody(), function);
		} else if (s instanceof Return r) {
			if (r.getValue() != null && function != null) {
				result(function, anchor(r.getValue()));
			}
		} else if (s instanceof Action a) {
			action(a);
		}
	}

	private void action(Action a) {
		if (a.getDestination() != null) {
			anchor(a.getTarget());
			if (a.getDestination() instanceof ToExpression to) {
				anchor(to.getExpression());
			}
			return;
		}
		Object target = location(a.getTarget());
		Object value = anchor(a.getValue());
		String op = a.getOperator().getLiteral();
		if (target == null) {
			comparisonOperand(value);
			return;
		}
		if (op.equals("=")) {
			if (value != null) {
				union(target, value);
			} else if (isTimeAttribute(target)) {
				markExact(target); // a duration (or a constant) becomes a point
			}
		} else if (value != null) {
			markExact(target); // a point added to a point
			markExact(value);
		}
	}

	private static boolean isTimeAttribute(Object location) {
		return location instanceof Attribute attr && attr.getType() == Type.TIME;
	}

	/** The location an assignment writes: a time attribute or a local; null for anything else. */
	private Object location(Expression target) {
		if (target instanceof MemberAccess m) {
			anchor(m.getReceiver());
			return m.getMember() instanceof Attribute attr && attr.getType() == Type.TIME ? attr : null;
		}
		if (target instanceof SymbolRef ref && ref.getSymbol() instanceof VarDecl v) {
			return localAnchor.get(v);
		}
		return null;
	}

	// ------------------------------------------------------------------ expressions

	/** The point {@code e} is anchored at, or null when it is not a point (a duration, a number, ...). */
	private Object anchor(Expression e) {
		if (e == null) {
			return null;
		}
		if (e instanceof Now) {
			touch(NOW);
			return NOW;
		}
		if (e instanceof MemberAccess m) {
			anchor(m.getReceiver());
			// an input (a deadline, a period) is a fixed duration the environment gave, like a param:
			// never a point, never shifted
			if (m.getMember() instanceof Attribute attr && attr.getType() == Type.TIME && !attr.isInput()) {
				touch(attr);
				return attr;
			}
			return null;
		}
		if (e instanceof SymbolRef ref) {
			if (ref.getSymbol() instanceof VarDecl v) {
				return localAnchor.get(v);
			}
			if (ref.getSymbol() instanceof FormalParam p) {
				return paramAnchor.get(p);
			}
			return null;
		}
		if (e instanceof Unary u) {
			markExact(anchor(u.getOperand()));
			return null;
		}
		if (e instanceof Binary b) {
			return binary(b);
		}
		if (e instanceof Conditional c) {
			// either side may be the value: two points share a family; a point against a duration
			// or a number is not a translation-invariant use
			anchor(c.getCondition());
			Object a = anchor(c.getWhenTrue());
			Object b = anchor(c.getWhenFalse());
			if (a != null && b != null) {
				union(a, b);
				return a;
			}
			markExact(a);
			markExact(b);
			return null;
		}
		if (e instanceof Call call) {
			Function f = call.getFunction();
			for (int i = 0; i < call.getArguments().size(); i++) {
				Object a = anchor(call.getArguments().get(i));
				if (i < f.getParams().size() && a != null) {
					FormalParam p = f.getParams().get(i);
					Object old = paramAnchor.get(p);
					if (old == null) {
						paramAnchor.put(p, a);
						changed = true;
					} else {
						union(old, a);
					}
				}
			}
			return resultAnchor.get(f);
		}
		if (e instanceof BuiltinCall call) {
			// abs scales a point; min, max and clamp of points are points, but of which family depends on
			// the values, and log2 scales: every point a builtin reads is kept exact
			for (Expression arg : call.getArguments()) {
				markExact(anchor(arg));
			}
			return null;
		}
		if (e instanceof Index index) {
			markExact(anchor(index.getIndex())); // an index is an int; a point there would be scaled
			return null;
		}
		if (e instanceof Aggregate agg) {
			anchor(agg.getCollection());
			comparisonOperand(anchor(agg.getCondition()));
			Object key = anchor(agg.getKey());
			if (agg.getKind() == org.policy.dsl.policy.AggregateKind.SUM) {
				markExact(key);
			}
			return null;
		}
		return null;
	}

	private Object binary(Binary b) {
		Object l = anchor(b.getLeft());
		Object r = anchor(b.getRight());
		switch (b.getOperator()) {
			case "+":
				if (l != null && r != null) {
					markExact(l);
					markExact(r);
					return null;
				}
				arithmetic(l != null ? l : r);
				return l != null ? l : r;
			case "-":
				arithmetic(l);
				arithmetic(r);
				if (l != null && r != null) {
					union(l, r);
					return null;
				}
				markExact(r); // duration - point
				return l;
			case "<", "<=", ">", ">=", "==", "!=":
				if (l != null && r != null) {
					union(l, r);
				} else {
					markExact(l); // a point compared with a duration or a constant
					markExact(r);
				}
				return null;
			case "&&", "||", "in":
				comparisonOperand(l);
				comparisonOperand(r);
				return null;
			default: // * / %
				markExact(l);
				markExact(r);
				return null;
		}
	}

	private void arithmetic(Object anchor) {
		if (anchor != null) {
			arithmetic.add(anchor);
		}
	}

	/** A value used as a truth value or thrown away: a point there is not shift-invariant. */
	private void comparisonOperand(Object anchor) {
		markExact(anchor);
	}

	private void result(Function f, Object anchor) {
		if (anchor == null) {
			return;
		}
		Object old = resultAnchor.get(f);
		if (old == null) {
			resultAnchor.put(f, anchor);
			changed = true;
		} else {
			union(old, anchor);
		}
	}

	// ------------------------------------------------------------------ union-find

	private void touch(Object x) {
		parent.putIfAbsent(x, x);
	}

	private Object find(Object x) {
		touch(x);
		Object p = parent.get(x);
		if (p == x) {
			return x;
		}
		Object root = find(p);
		parent.put(x, root);
		return root;
	}

	private void union(Object a, Object b) {
		Object ra = find(a);
		Object rb = find(b);
		if (ra != rb) {
			parent.put(ra, rb);
			changed = true;
		}
	}

	private void markExact(Object location) {
		if (marking && location != null && exact.add(location)) {
			touch(location);
			changed = true;
		}
	}
}
