package org.policy.fuzz.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;
import org.policy.fuzz.targets.PolicyTarget;

/**
 * Policy text, in three flavours: (1) generated from the grammar's structure (Policy.xtext: declarations,
 * handlers, statements, expressions), with names drawn from what was declared so that most of it links and
 * gets as far as the checks and the compiler; (2) the same, then token-mutated; (3) a library policy
 * (policies/*.policy), token-mutated. Sizes and depths are bounded, except when a mutation deliberately
 * nests deeply or repeats a lot.
 */
public final class PolicyGenerator implements Generator {
	/** Keywords and punctuation of the grammar, for mutations. */
	public static final List<String> DICTIONARY = List.of("policy", "param", "thread", "core", "shared", "queue",
			"ordered", "by", "fifo", "lowest", "highest", "states", "topology", "function", "on", "balance",
			"every", "per", "level", "filter", "select", "migrate", "from", "where", "stop", "move", "var", "if",
			"else", "foreach", "in", "return", "blocked", "terminated", "true", "false", "none", "now", "self",
			"cores", "current", "int", "time", "bool", "new", "tick", "yield", "block", "unblock", "terminate",
			"schedule", "enter_idle", "exit_idle", "const", "clamp", "log2", "max", "min", "sum", "count", "exists", "all", "empty", "size",
			"first", "runnable", "domain", "cpu", "abs", "of", "{", "}", "(", ")", "[", "]", ";", ",", ":", ".",
			"=", "+=", "-=", "=>", "?", "||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "!",
			"0ns", "4ms", "1s", "250us", "0", "1", "1024", "t", "c", "x");
	private static final List<String> EVENTS = List.of("new", "tick", "yield", "block", "unblock", "terminate",
			"schedule", "enter_idle", "exit_idle");
	private static final List<String> TYPES = List.of("int", "time", "bool", "thread", "core");

	private final List<String> library;
	private final TokenMutator mutator = new TokenMutator(DICTIONARY);

	/** @param library the texts of the library policies, mutated by flavour (3) */
	public PolicyGenerator(List<String> library) {
		this.library = library;
	}

	@Override
	public FuzzInput next(SplittableRandom r) {
		StringBuilder how = new StringBuilder();
		String text;
		int flavour = library.isEmpty() ? r.nextInt(2) : r.nextInt(3);
		if (flavour == 2) {
			int which = r.nextInt(library.size());
			how.append("library#").append(which).append(" mutated:");
			text = mutator.mutate(library.get(which), r, 1 + r.nextInt(4), how);
		} else {
			text = new Grammar(r).policy();
			how.append("grammar");
			if (flavour == 1) {
				how.append(" mutated:");
				text = mutator.mutate(text, r, 1 + r.nextInt(3), how);
			}
		}
		return FuzzInput.text(Kind.POLICY, how.toString(), PolicyTarget.NAME, text);
	}

	/** One random walk over the grammar. */
	private static final class Grammar {
		private final SplittableRandom r;
		private final StringBuilder out = new StringBuilder();
		private final List<String> threadAttrs = new ArrayList<>();
		private final List<String> coreAttrs = new ArrayList<>();
		private final List<String> queues = new ArrayList<>();
		private final List<String> params = new ArrayList<>();
		private final List<String> tables = new ArrayList<>();
		private final List<String> states = new ArrayList<>();
		private final List<String> functions = new ArrayList<>();
		private final List<String> locals = new ArrayList<>();

		Grammar(SplittableRandom r) {
			this.r = r;
		}

		String policy() {
			out.append("policy ").append(Pick.one(r, "p", "fifo", "cfs", "demo_" + r.nextInt(100))).append(" {\n");
			for (int i = r.nextInt(3); i > 0; i--) {
				String name = "p" + params.size();
				params.add(name);
				out.append("\tparam ").append(Pick.one(r, "int", "time")).append(' ').append(name).append(" = ")
						.append(literal()).append(Pick.chance(r, 0.5) ? " in [" + literal() + ", " + literal() + "]" : "")
						.append(";\n");
			}
			for (int i = r.nextInt(3); i > 0; i--) {
				if (Pick.chance(r, 0.5)) {
					String name = "k" + params.size();
					out.append("\tconst ").append(Pick.one(r, "int", "time")).append(' ').append(name).append(" = ")
							.append(literal()).append(";\n");
					params.add(name);
				} else {
					String name = "w" + tables.size();
					StringBuilder elements = new StringBuilder(literal());
					for (int n = r.nextInt(6); n > 0; n--) {
						elements.append(", ").append(literal());
					}
					out.append("\tconst int ").append(name).append("[] = { ").append(elements).append(" };\n");
					tables.add(name);
				}
			}
			out.append("\tthread {");
			for (int i = r.nextInt(4); i > 0; i--) {
				String name = "a" + threadAttrs.size();
				threadAttrs.add(name);
				out.append(' ').append(Pick.one(r, TYPES)).append(' ').append(name)
						.append(Pick.chance(r, 0.5) ? " = " + literal() : "").append(';');
			}
			out.append(" }\n\tcore {");
			for (int i = r.nextInt(4); i > 0; i--) {
				if (Pick.chance(r, 0.5)) {
					String name = "q" + queues.size();
					queues.add(name);
					out.append(" queue ").append(name).append(" ordered by ").append(order()).append(';');
				} else {
					String name = "c" + coreAttrs.size();
					coreAttrs.add(name);
					out.append(' ').append(Pick.one(r, TYPES)).append(' ').append(name)
							.append(Pick.chance(r, 0.5) ? " = " + literal() : "").append(';');
				}
			}
			out.append(" }\n");
			if (queues.isEmpty() || Pick.chance(r, 0.3)) {
				queues.add("runq");
				out.append("\tshared queue runq ordered by ").append(order()).append(";\n");
			}
			if (Pick.chance(r, 0.6)) {
				states.add("active");
				states.add("idle");
				out.append("\tcore states { active, idle }\n");
			}
			if (Pick.chance(r, 0.3)) {
				out.append("\ttopology { smt, llc }\n");
			}
			for (int i = r.nextInt(2); i > 0; i--) {
				String name = "f" + functions.size();
				out.append("\tfunction ").append(Pick.one(r, TYPES)).append(' ').append(name).append("(thread u) = ")
						.append(expression(2)).append(";\n");
				functions.add(name);
			}
			List<String> events = new ArrayList<>(EVENTS);
			for (String event : events) {
				if (Pick.chance(r, 0.85)) {
					handler(event);
				}
			}
			if (Pick.chance(r, 0.3)) {
				balance();
			}
			out.append("}\n");
			return out.toString();
		}

		private String order() {
			if (threadAttrs.isEmpty() || Pick.chance(r, 0.4)) {
				return "fifo";
			}
			return Pick.one(r, "lowest ", "highest ") + Pick.one(r, threadAttrs);
		}

		private void handler(String event) {
			boolean target = !event.equals("schedule") && !event.startsWith("e") || Pick.chance(r, 0.1);
			locals.clear();
			if (target) {
				locals.add("t");
			}
			out.append("\ton ").append(event).append(target ? "(t) " : " ");
			block(2, target);
			out.append('\n');
		}

		private void balance() {
			locals.clear();
			out.append("\ton balance").append(Pick.chance(r, 0.5) ? " every " + Pick.one(r, "4ms", "1ms", "0ns", "1s") : "")
					.append(Pick.chance(r, 0.5) ? " on enter_idle" : "").append(Pick.chance(r, 0.3) ? " per level" : "")
					.append(" {\n");
			locals.add("c");
			out.append("\t\tfilter c : ").append(expression(2)).append(";\n");
			out.append("\t\tselect ").append(Pick.one(r, "max", "min")).append(" by ").append(expression(1)).append(";\n");
			out.append("\t\tmigrate t from c.").append(queues.isEmpty() ? "ready" : Pick.one(r, queues));
			locals.add("t");
			out.append(Pick.chance(r, 0.3) ? " where " + expression(1) : "").append(";\n");
			out.append("\t\tstop : ").append(expression(2)).append(";\n\t}\n");
		}

		private void block(int depth, boolean hasTarget) {
			out.append("{\n");
			int n = r.nextInt(depth > 0 ? 4 : 2);
			for (int i = 0; i < n; i++) {
				statement(depth, hasTarget);
			}
			if (hasTarget && Pick.chance(r, 0.8)) {
				out.append("\t\tt => ").append(destination()).append(";\n");
			}
			out.append("\t}");
		}

		private void statement(int depth, boolean hasTarget) {
			switch (r.nextInt(depth > 0 ? 6 : 3)) {
				case 0 -> {
					String name = "v" + locals.size();
					out.append("\t\tvar ").append(Pick.chance(r, 0.3) ? Pick.one(r, TYPES) + " " : "").append(name)
							.append(" = ").append(expression(2)).append(";\n");
					locals.add(name);
				}
				case 1 -> {
					if (threadAttrs.isEmpty() || !hasTarget) {
						out.append("\t\tself => ").append(states.isEmpty() ? "idle" : Pick.one(r, states)).append(";\n");
					} else {
						out.append("\t\tt.").append(Pick.one(r, threadAttrs)).append(Pick.one(r, " = ", " += ", " -= "))
								.append(expression(2)).append(";\n");
					}
				}
				case 2 -> out.append("\t\treturn;\n");
				case 3 -> {
					out.append("\t\tif (").append(expression(2)).append(") ");
					block(depth - 1, hasTarget);
					if (Pick.chance(r, 0.4)) {
						out.append(" else ");
						block(depth - 1, hasTarget);
					}
					out.append('\n');
				}
				case 4 -> {
					String name = "x" + locals.size();
					out.append("\t\tforeach ").append(name).append(" in ").append(collection()).append(' ');
					locals.add(name);
					block(depth - 1, false);
					out.append('\n');
				}
				default -> out.append("\t\t").append(Pick.chance(r, 0.5) ? "first(" + collection() + ")" : "t")
						.append(" => ").append(destination()).append(";\n");
			}
		}

		private String destination() {
			return switch (r.nextInt(5)) {
				case 0 -> "blocked";
				case 1 -> "terminated";
				case 2 -> "self.current";
				case 3 -> queues.isEmpty() ? "self.ready" : (queues.contains("runq") && Pick.chance(r, 0.5) ? "runq"
						: "self." + Pick.one(r, queues));
				default -> expression(1) + "." + (queues.isEmpty() ? "ready" : Pick.one(r, queues));
			};
		}

		private String collection() {
			return switch (r.nextInt(4)) {
				case 0 -> "cores";
				case 1 -> states.isEmpty() ? "cores" : Pick.one(r, states);
				case 2 -> "self." + (queues.isEmpty() ? "ready" : Pick.one(r, queues));
				default -> "domain(self, " + r.nextInt(3) + ")";
			};
		}

		private String literal() {
			return switch (r.nextInt(8)) {
				case 0 -> "" + r.nextInt(2000);
				case 1 -> r.nextInt(100) + Pick.one(r, "ns", "us", "ms", "s");
				case 2 -> Pick.one(r, "true", "false");
				case 3 -> "none";
				case 4 -> Pick.nastyNumber(r).replaceAll("[^0-9-]", "");
				default -> "" + r.nextInt(10);
			};
		}

		private String name() {
			List<String> names = new ArrayList<>(locals);
			names.addAll(params);
			if (names.isEmpty()) {
				return "now";
			}
			return Pick.one(r, names);
		}

		private String expression(int depth) {
			if (depth <= 0 || Pick.chance(r, 0.3)) {
				return switch (r.nextInt(6)) {
					case 0, 1 -> literal();
					case 2 -> name();
					case 3 -> Pick.one(r, "now", "self", "cores");
					case 4 -> threadAttrs.isEmpty() || !locals.contains("t") ? name() : "t." + Pick.one(r, threadAttrs);
					default -> coreAttrs.isEmpty() ? "self.current" : "self." + Pick.one(r, coreAttrs);
				};
			}
			return switch (r.nextInt(9)) {
				case 0, 1 -> expression(depth - 1) + Pick.one(r, " + ", " - ", " * ", " / ", " % ") + expression(depth - 1);
				case 2 -> expression(depth - 1) + Pick.one(r, " < ", " <= ", " == ", " != ", " > ", " >= ") + expression(depth - 1);
				case 3 -> expression(depth - 1) + Pick.one(r, " && ", " || ") + expression(depth - 1);
				case 4 -> Pick.one(r, "!", "-") + expression(depth - 1);
				case 5 -> "(" + expression(depth - 1) + " ? " + expression(depth - 1) + " : " + expression(depth - 1) + ")";
				case 6 -> switch (r.nextInt(4)) {
					case 0 -> Pick.one(r, "min", "max") + "(" + expression(depth - 1) + ", " + expression(depth - 1) + ")";
					case 1 -> "clamp(" + expression(depth - 1) + ", " + expression(depth - 1) + ", " + expression(depth - 1) + ")";
					case 2 -> tables.isEmpty() ? "log2(" + expression(depth - 1) + ")"
							: Pick.one(r, tables) + "[" + expression(depth - 1) + "]";
					default -> Pick.one(r, "empty", "size", "first", "runnable", "abs", "cpu", "log2") + "("
							+ expression(depth - 1) + ")";
				};
				case 7 -> {
					String v = "y" + r.nextInt(10);
					locals.add(v);
					String e = Pick.one(r, "min", "max", "sum", "count", "exists", "all") + "(" + v + " in " + collection()
							+ (Pick.chance(r, 0.5) ? " where " + expression(depth - 1) : "") + " by " + expression(depth - 1) + ")";
					locals.remove(v);
					yield e;
				}
				default -> functions.isEmpty() ? "(" + expression(depth - 1) + ")"
						: Pick.one(r, functions) + "(" + (locals.contains("t") ? "t" : "none") + ")";
			};
		}
	}
}
