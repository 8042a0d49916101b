package org.policy.verifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.Durations;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.CompiledPolicy.ParamSpec;

/**
 * Which parameter values a verification explores: a policy is verified for every value of each
 * parameter's declared range, not only its default (docs/verification.md, "Parameters"). A parameter
 * fixed with {@code -P} keeps that value; one the policy reads only as its balance period is not varied
 * (the explorer's balancing rounds do not depend on the period); one whose range has at most
 * {@value #EVERY_VALUE_UP_TO} values is explored at every value; a larger range at a representative set:
 * its bounds, its default, and the points halfway between the default and each bound. The sets are
 * combined in full while that makes at most {@value #MAX_COMBINATIONS} explorations; beyond, each
 * parameter varies alone with the others at their defaults. {@link #description()} says which, for the
 * verdict's first line.
 *
 * @param combinations every set of values to explore, the defaults (or the fixed values) first
 * @param description  {@code steal_thresh = 1, 2, 3, 4 (every value of its range)}, or {@code parameters
 *                     at their defaults} when nothing varies
 */
record ParamPlan(List<Map<String, Long>> combinations, String description) {
	static final int EVERY_VALUE_UP_TO = 8;
	static final int MAX_COMBINATIONS = 16;

	/** The values explored with {@code fixed} set by the user; none varies when {@code vary} is false. */
	static ParamPlan of(CompiledPolicy policy, Map<String, Long> fixed, boolean vary) {
		Map<String, Long> base = new LinkedHashMap<>();
		for (ParamSpec p : policy.params().values()) {
			base.put(p.name(), fixed.getOrDefault(p.name(), p.defaultValue()));
		}
		List<String> read = readNames(policy);
		Map<String, List<Long>> varied = new LinkedHashMap<>();
		List<String> parts = new ArrayList<>();
		for (ParamSpec p : policy.params().values()) {
			if (fixed.containsKey(p.name())) {
				parts.add(p.name() + " = " + format(p, fixed.get(p.name())) + " (-P)");
			} else if (!vary || !read.contains(p.name())) {
				continue;
			} else {
				List<Long> values = values(p);
				if (values.size() > 1) {
					varied.put(p.name(), values);
					parts.add(p.name() + " = " + String.join(", ", values.stream().map(v -> format(p, v)).toList())
							+ (every(p) ? " (every value of its range)" : " (bounds, default and halfway points of "
									+ range(p) + ")"));
				} else {
					// an open range has no bounds to explore: the claim is for the default only, and says so
					boolean open = p.min() == Long.MIN_VALUE || p.max() == Long.MAX_VALUE;
					parts.add(p.name() + " = " + format(p, p.defaultValue()) + (open ? " (its default: no bounded range)"
							: " (the only value of its range)"));
				}
			}
		}
		List<Map<String, Long>> combos = new ArrayList<>();
		combos.add(base);
		long product = varied.values().stream().mapToLong(List::size).reduce(1, Math::multiplyExact);
		boolean full = product <= MAX_COMBINATIONS;
		if (full) {
			for (Map.Entry<String, List<Long>> e : varied.entrySet()) {
				List<Map<String, Long>> more = new ArrayList<>();
				for (Map<String, Long> c : combos) {
					for (long v : e.getValue()) {
						Map<String, Long> m = new LinkedHashMap<>(c);
						m.put(e.getKey(), v);
						more.add(m);
					}
				}
				combos = more;
			}
			// the defaults first: the verdict of the default values is found first
			combos.remove(base);
			combos.add(0, base);
		} else {
			for (Map.Entry<String, List<Long>> e : varied.entrySet()) {
				for (long v : e.getValue()) {
					if (v != base.get(e.getKey())) {
						Map<String, Long> m = new LinkedHashMap<>(base);
						m.put(e.getKey(), v);
						combos.add(m);
					}
				}
			}
		}
		String text;
		if (parts.isEmpty()) {
			text = policy.params().isEmpty() ? "no parameters" : "parameters at their defaults";
		} else {
			text = "parameters " + String.join("; ", parts);
			if (varied.size() > 1) {
				text += full ? ", in every combination" : ", one at a time (the others at their defaults)";
			}
		}
		return new ParamPlan(List.copyOf(combos), text);
	}

	/** The parameters the policy reads other than as its balance period. */
	private static List<String> readNames(CompiledPolicy policy) {
		EObject period = PolicyModel.balance(policy.policy()).map(b -> (EObject) b.getPeriod()).orElse(null);
		List<String> names = new ArrayList<>();
		for (SymbolRef ref : EcoreUtil2.eAllOfType(policy.policy(), SymbolRef.class)) {
			if (ref.getSymbol() instanceof Param p && (period == null || !EcoreUtil2.isAncestor(period, ref))) {
				names.add(p.getName());
			}
		}
		return names;
	}

	private static boolean every(ParamSpec p) {
		if (p.type().equals("bool")) {
			return true;
		}
		return p.min() != Long.MIN_VALUE && p.max() != Long.MAX_VALUE && p.max() - p.min() < EVERY_VALUE_UP_TO;
	}

	private static List<Long> values(ParamSpec p) {
		TreeSet<Long> values = new TreeSet<>();
		if (p.type().equals("bool")) {
			return List.of(0L, 1L);
		}
		if (every(p)) {
			for (long v = p.min(); v <= p.max(); v++) {
				values.add(v);
			}
			return List.copyOf(values);
		}
		values.add(p.defaultValue());
		if (p.min() != Long.MIN_VALUE) {
			values.add(p.min());
			values.add(p.min() + (p.defaultValue() - p.min()) / 2);
		}
		if (p.max() != Long.MAX_VALUE) {
			values.add(p.max());
			values.add(p.defaultValue() + (p.max() - p.defaultValue()) / 2);
		}
		return List.copyOf(values);
	}

	private static String range(ParamSpec p) {
		return "[" + (p.min() == Long.MIN_VALUE ? "-inf" : format(p, p.min())) + ", "
				+ (p.max() == Long.MAX_VALUE ? "+inf" : format(p, p.max())) + "]";
	}

	/** A value in the parameter's own unit: 4ms, true, 12. */
	static String format(ParamSpec p, long v) {
		return switch (p.type()) {
			case "time" -> Durations.format(v);
			case "bool" -> v != 0 ? "true" : "false";
			default -> Long.toString(v);
		};
	}
}
