package org.policy.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.Direction;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Extremum;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.Statement;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Constants;
import org.policy.dsl.semantics.EventType;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.typing.ValueType;

/** Writes one policy's C file: header comment, records, functions, handlers, steal, descriptor. */
final class PolicyWriter {
	private final Policy policy;
	private final CompiledPolicy compiled;
	private final String file;
	private final CNames names = new CNames();
	private final Translator translator;
	private final Map<Event, String> handlerNames = new HashMap<>();
	private final CodeWriter w = new CodeWriter();

	PolicyWriter(Policy policy) {
		this.policy = policy;
		this.compiled = CompiledPolicy.of(policy);
		this.file = policy.eResource() == null || policy.eResource().getURI() == null ? policy.getName() + ".policy"
				: policy.eResource().getURI().lastSegment();
		this.translator = new Translator(policy, names);
	}

	String write() {
		checkSupported();
		header();
		w.line("#include \"prt.h\"");
		w.blank();
		declaredConstants();
		constants();
		parameters();
		records();
		functions();
		initialisers();
		handlers();
		steal();
		descriptor();
		return w.toString();
	}

	// ------------------------------------------------------------------ checks

	/** What the reference semantics leaves undefined, refused with the construct's position. */
	private void checkSupported() {
		for (Function f : PolicyModel.functions(policy)) {
			if (f.getBody() != null && !alwaysReturns(f.getBody().getStatements())) {
				throw GeneratorException.at(f, "function '" + f.getName()
						+ "' can end without 'return': give every path a return value");
			}
			if (calls(f, f, new HashSet<>())) {
				throw GeneratorException.at(f, "function '" + f.getName() + "' calls itself: functions must not"
						+ " recurse (every loop and call of a policy is bounded)");
			}
		}
		for (Level l : PolicyModel.levels(policy)) {
			Translator.levelConstant(l);
		}
		PolicyModel.balance(policy).ifPresent(b -> {
			if (b.getSource() instanceof SymbolRef ref && ref.getSymbol() instanceof SharedQueue) {
				throw GeneratorException.at(b.getSource(), "the steal migrates from a per-core queue of the victim,"
						+ " not a shared queue");
			}
		});
	}

	private static boolean alwaysReturns(List<Statement> statements) {
		for (Statement s : statements) {
			if (s instanceof Return) {
				return true;
			}
			if (s instanceof If branch && ifReturns(branch)) {
				return true;
			}
		}
		return false;
	}

	private static boolean ifReturns(If branch) {
		if (!alwaysReturns(branch.getThen().getStatements())) {
			return false;
		}
		if (branch.getElseIf() != null) {
			return ifReturns(branch.getElseIf());
		}
		return branch.getElse() != null && alwaysReturns(branch.getElse().getStatements());
	}

	private static boolean calls(Function from, Function target, Set<Function> seen) {
		for (Call c : EcoreUtil2.getAllContentsOfType(from, Call.class)) {
			Function f = c.getFunction();
			if (f == target) {
				return true;
			}
			if (seen.add(f) && calls(f, target, seen)) {
				return true;
			}
		}
		return false;
	}

	// ------------------------------------------------------------------ header

	private void header() {
		String name = policy.getName();
		w.line("// SPDX-License-Identifier: GPL-2.0");
		w.line("/*");
		w.line(" * The " + name + " scheduling policy, generated from " + file);
		w.line(" * by `policy generate`. Do not edit: change the policy and generate again.");
		List<String> doc = leadingComment();
		if (!doc.isEmpty()) {
			w.line(" *");
			// the policy's own comment, re-broken where a line of it would pass 100 columns
			for (String l : doc) {
				wrap(l, CodeWriter.MAX_COLUMNS - 3).forEach(p -> w.line((" * " + p).stripTrailing()));
			}
		}
		for (String l : """
				
				How to read this file
				
				The policy runs on kernel-runtime's abstract machine (prt.h; the contract is
				docs/semantics.md): cores 0..N-1, each with a current thread, its own ready
				queues and one core state; threads that run on one core, wait ready in
				exactly one queue, are blocked or terminated. A host turns real events into
				calls of the handlers below: the kernel module in monitor mode (scheduler
				tracepoints) or as a sched_ext scheduler (prt_scx.c), or the userspace
				host of the tests and benchmarks. It holds the machine's lock around each
				event and sets prt_now(m) before it.
				Handlers allocate nothing and every loop runs over a bounded collection
				(foreach over a snapshot taken when the loop starts).
				
				Values are s64. Numbers and times (ns) wrap like two's complement (prt_add()
				and friends; x / 0 == 0). Booleans are 0/1, threads and cores are ids and
				PRT_NONE (-1) is none. thread(m, t) and core(m, c) give a thread's or a
				core's attributes. An expression that may be none goes through
				prt_thread_ref() or prt_core_ref(): they record a run-time fault with the
				policy's line instead of touching memory that is not there. A transition
				(prt_to_queue(), prt_to_blocked(), ...) checks what the event allows and
				records a fault otherwise; after a fault the host stops running the policy.
				
				Each handler below says what its event promises and requires; the runtime
				checks the target's state after it. An event runs on one core, self, and
				the host completes it there (prt_complete(), docs/semantics.md,
				"Concurrency"): a "preempt self;" is delivered (the running thread goes
				through "on preempt" and must end ready), and if self runs nothing it
				settles: schedule, then (with "on balance ... on enter_idle") the steal
				and schedule again, then enter_idle. Every other core the event changed
				gets a pending reschedule (a "preempt c;", or a thread placed on a core
				that runs nothing), which the host delivers afterwards as a completion on
				that core (prt_reschedule(); the kernel hosts at once, lowest core first).
				No event settles every core. Ties in min/max go to the lowest core id or
				the first thread in queue order.""".split("\n")) {
			w.line((" * " + l).stripTrailing());
		}
		w.line(" */");
	}

	/** The comment lines before the {@code policy} keyword, without comment markers. */
	private List<String> leadingComment() {
		List<String> lines = new ArrayList<>();
		ICompositeNode root = NodeModelUtils.getNode(policy);
		if (root == null) {
			return lines;
		}
		for (ILeafNode leaf : root.getLeafNodes()) {
			if (!leaf.isHidden()) {
				break;
			}
			String text = leaf.getText().strip();
			if (text.startsWith("//")) {
				lines.add(text.substring(2).strip());
			} else if (text.startsWith("/*")) {
				for (String l : text.substring(2, text.length() - 2).split("\n")) {
					lines.add(l.strip().replaceFirst("^\\* ?", "").replace("*/", "* /"));
				}
			}
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	/** The policy source of a declaration, as comment lines. */
	private void quote(EObject o) {
		ICompositeNode node = NodeModelUtils.getNode(o);
		if (node == null) {
			return;
		}
		int line = node.getStartLine();
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden()) {
				line = leaf.getStartLine();
				break;
			}
		}
		w.line(" * " + file + ":" + line + ":");
		String text = NodeModelUtils.getTokenText(node);
		String[] lines = node.getText().strip().split("\n");
		if (lines.length == 0) {
			lines = new String[] { text };
		}
		String common = null;
		for (int i = 1; i < lines.length; i++) {
			String lead = lines[i].replaceAll("^(\\s*).*$", "$1");
			if (!lines[i].isBlank() && (common == null || lead.length() < common.length())) {
				common = lead;
			}
		}
		for (int i = 0; i < lines.length; i++) {
			// one column of the common indentation stays (none if the lines have none: an unindented '}')
			String l = i > 0 && common != null && lines[i].startsWith(common)
					? lines[i].substring(Math.max(0, common.length() - 1))
					: lines[i];
			l = i > 0 ? l : "\t" + l.strip();
			commentLine(" * " + l.replace("\t", "    ").replace("*/", "* /"));
		}
	}

	/** A comment line, broken at spaces to stay within 100 columns (continued 4 columns deeper). */
	private void commentLine(String line) {
		String rest = line.stripTrailing();
		String indent = rest.replaceAll("^( \\*\\s*).*$", "$1") + "    ";
		while (rest.length() > CodeWriter.MAX_COLUMNS) {
			int cut = rest.lastIndexOf(' ', CodeWriter.MAX_COLUMNS);
			if (cut <= indent.length()) {
				break;
			}
			w.line(rest.substring(0, cut).stripTrailing());
			rest = indent + rest.substring(cut + 1);
		}
		w.line(rest);
	}

	// ------------------------------------------------------------------ declarations

	/**
	 * The policy's constants, as it declares them: a scalar is a {@code #define} of its value (computed
	 * once, by the semantics' Constants, so C and the reference agree on every operator), a table a
	 * {@code static const} array. A table nothing reads is left out (W=1 would warn about it).
	 */
	private void declaredConstants() {
		List<Constant> declared = PolicyModel.constants(policy);
		if (declared.isEmpty()) {
			return;
		}
		w.line("/* Constants of the policy. */");
		for (Constant c : declared) {
			if (!c.isTable()) {
				// the policy's text beside the value where it says more (4ms, 1024 * 3 / 2)
				String value = constantValue(c.getType(), Constants.value(c));
				String text = Translator.source(c.getValue()).replace("*/", "* /");
				w.line("#define " + translator.global(c) + " " + value + (text.equals(value) ? "" : "\t/* " + text + " */"));
			}
		}
		for (Constant c : declared) {
			if (c.isTable() && isRead(c)) {
				w.blank();
				w.line("/* " + Translator.source(c).replace("*/", "* /").replaceAll(" *=.*", "") + " */");
				w.line("static const s64 " + translator.global(c) + "[] = {");
				w.indent();
				long[] values = Constants.elements(c);
				StringBuilder row = new StringBuilder();
				for (long v : values) {
					String item = constantValue(c.getType(), v) + ",";
					if (row.length() > 0 && row.length() + 1 + item.length() > TABLE_ROW) {
						w.line(row.toString());
						row.setLength(0);
					}
					row.append(row.length() > 0 ? " " : "").append(item);
				}
				w.line(row.toString());
				w.outdent();
				w.line("};");
			}
		}
		w.blank();
	}

	/** Characters of table elements per line: 8 columns of tab, then the kernel's 80. */
	private static final int TABLE_ROW = 72;

	private static String constantValue(org.policy.dsl.policy.Type type, long value) {
		return type == org.policy.dsl.policy.Type.BOOL ? (value != 0 ? "true" : "false") : Translator.intConstant(value);
	}

	private boolean isRead(Constant table) {
		return EcoreUtil2.getAllContentsOfType(policy, SymbolRef.class).stream().anyMatch(r -> r.getSymbol() == table);
	}

	/** The policy's named numbers (PolicyConstants says which), before anything uses them. */
	private void constants() {
		List<PolicyConstants.Constant> constants = translator.constants().all();
		if (constants.isEmpty()) {
			return;
		}
		w.line("/* Initial values of attributes, by name also where the policy computes with them. */");
		for (PolicyConstants.Constant c : constants) {
			w.line("#define " + c.name() + " " + Translator.intConstant(c.value()) + "\t/* "
					+ (c.duration() ? Translator.source(c.attribute().getInit()) + ": " : "") + c.what() + " */");
		}
		w.blank();
	}

	private void parameters() {
		Map<String, CompiledPolicy.ParamSpec> specs = compiled.params();
		if (specs.isEmpty()) {
			return;
		}
		w.line("/* Parameters: module parameters in the kernel (read-only once loaded). */");
		List<org.policy.dsl.policy.Param> params = PolicyModel.params(policy);
		for (org.policy.dsl.policy.Param p : params) {
			CompiledPolicy.ParamSpec s = specs.get(p.getName());
			w.line("/* " + Translator.source(p).replace("*/", "* /").replaceAll(";$", "") + " */");
			w.line("static long " + translator.global(p) + " = " + Translator.intConstant(s.defaultValue()) + ";");
		}
		w.blank();
		w.line("static struct prt_param " + translator.prefix + "params[] = {");
		w.indent();
		for (org.policy.dsl.policy.Param p : params) {
			CompiledPolicy.ParamSpec s = specs.get(p.getName());
			w.line("{ .name = \"" + p.getName() + "\", .value = &" + translator.global(p) + ", .min = " + bound(s.min())
					+ ", .max = " + bound(s.max()) + " },");
		}
		w.outdent();
		w.line("};");
		w.blank();
		for (int i = 0; i < params.size(); i++) {
			org.policy.dsl.policy.Param p = params.get(i);
			CompiledPolicy.ParamSpec s = specs.get(p.getName());
			String unit = "time".equals(s.type()) ? " (ns)" : "";
			w.line("PRT_PARAM(" + p.getName() + ", " + translator.prefix + "params[" + i + "], \"" + s.type() + unit
					+ ", default "
					+ s.defaultValue() + ", in [" + s.min() + ", " + s.max() + "]\");");
		}
		w.blank();
	}

	private static String bound(long v) {
		return v == Long.MIN_VALUE ? "LONG_MIN" : v == Long.MAX_VALUE ? "LONG_MAX" : Long.toString(v);
	}

	private void records() {
		w.line("/* Thread and core records: the policy's attributes (the runtime keeps states apart). */");
		record(translator.structThread, PolicyModel.threadAttributes(policy));
		record(translator.structCore, PolicyModel.coreAttributes(policy));
		w.line("static inline struct " + translator.structThread + " *thread(struct prt_machine *m, s64 t)");
		w.line("{");
		w.indent().line("return prt_thread_data(m, t);").outdent();
		w.line("}");
		w.blank();
		w.line("static inline struct " + translator.structCore + " *core(struct prt_machine *m, s64 c)");
		w.line("{");
		w.indent().line("return prt_core_data(m, c);").outdent();
		w.line("}");
		w.blank();
		List<Queue> queues = PolicyModel.coreQueues(policy);
		List<SharedQueue> shared = PolicyModel.sharedQueues(policy);
		if (!queues.isEmpty()) {
			w.line("/* Per-core queues, by kind: prt_core_queue(m, c, kind). */");
			enumeration(queues.stream().map(q -> (EObject) q).toList());
		}
		if (!shared.isEmpty()) {
			w.line("/* Shared queues: prt_shared_queue(m, index). */");
			enumeration(shared.stream().map(q -> (EObject) q).toList());
		}
		List<CoreState> states = PolicyModel.coreStates(policy);
		if (!states.isEmpty()) {
			w.line("/* Core states; every core starts in the first. */");
			enumeration(states.stream().map(s -> (EObject) s).toList());
			w.line("static const char * const " + translator.prefix + "core_states[] = {");
			w.indent();
			states.forEach(s -> w.line("\"" + s.getName() + "\","));
			w.outdent();
			w.line("};");
			w.blank();
		}
	}

	private void record(String struct, List<Attribute> attributes) {
		w.line("struct " + struct + " {");
		w.indent();
		if (attributes.isEmpty()) {
			w.line("s64 unused_;\t/* the policy declares no attribute */");
		}
		for (Attribute a : attributes) {
			w.line("s64 " + translator.global(a) + ";\t/* " + a.getType().getLiteral()
					+ (Input.of(a).isPresent() ? ", input: set by the environment" : "") + " */");
		}
		w.outdent();
		w.line("};");
		w.blank();
	}

	private void enumeration(List<EObject> declarations) {
		w.line("enum {");
		w.indent();
		declarations.forEach(d -> w.line(translator.global(d) + ","));
		w.outdent();
		w.line("};");
		w.blank();
	}

	// ------------------------------------------------------------------ functions

	private String signature(Function f) {
		StringBuilder s = new StringBuilder("static ").append(Translator.cType(ValueType.of(f.getType())))
				.append(translator.global(f)).append("(struct prt_machine *m")
				.append(translator.takesSelf(f) ? ", s64 self" : "");
		for (FormalParam p : f.getParams()) {
			s.append(", ").append(Translator.cType(ValueType.of(p.getType()))).append(translator.local(p));
		}
		return s.append(")").toString();
	}

	private void functions() {
		List<Function> functions = PolicyModel.functions(policy);
		if (functions.isEmpty()) {
			return;
		}
		w.line("/* Functions: pure helpers of the policy. */");
		functions.forEach(f -> {
			translator.begin(translator.global(f), false);
			w.line(signature(f) + ";");
		});
		w.blank();
		for (Function f : functions) {
			translator.begin(translator.global(f), false, f);
			String signature = signature(f);
			CodeWriter body = new CodeWriter().indent();
			if (f.getExpression() != null) {
				returnValue(body, Translator.unparenthesized(translator.cExpr(f.getExpression())));
			} else {
				translator.functionBody(f.getBody(), body);
			}
			w.raw(translator.takeHelpers());
			w.line("/*");
			quote(f);
			w.line(" */");
			w.line(signature);
			w.line("{");
			w.raw(body.toString());
			w.line("}");
			w.blank();
		}
	}

	private void initialisers() {
		List<Attribute> coreInit = initialised(PolicyModel.coreAttributes(policy));
		List<Attribute> threadInit = initialised(PolicyModel.threadAttributes(policy));
		if (!coreInit.isEmpty()) {
			initialiser(translator.prefix + "init_core", "self", "a core's attributes, once when the machine starts",
					coreInit, "core(m, self)", "the host, through prt_core_in(m, self)");
		}
		if (!threadInit.isEmpty()) {
			initialiser(translator.prefix + "init_thread", "self, s64 t", "a new thread's attributes, before its new handler",
					threadInit, "thread(m, t)", "the host's struct prt_thread_in, given to prt_new()");
		}
	}

	/** The attributes an init function sets: its inputs and those with an initial value, in that order. */
	private static List<Attribute> initialised(List<Attribute> attributes) {
		List<Attribute> set = new ArrayList<>(attributes.stream().filter(a -> Input.of(a).isPresent()).toList());
		set.addAll(attributes.stream().filter(a -> a.getInit() != null).toList());
		return set;
	}

	private void initialiser(String name, String params, String what, List<Attribute> attributes, String record,
			String inputsFrom) {
		translator.begin(name, false);
		CodeWriter body = new CodeWriter().indent();
		boolean inputs = attributes.stream().anyMatch(a -> Input.of(a).isPresent());
		boolean thread = record.startsWith("thread");
		if (inputs) {
			body.line("const struct prt_" + (thread ? "thread" : "core") + "_in *in = prt_" + (thread ? "thread" : "core")
					+ "_in(m, " + (thread ? "t" : "self") + ");");
			body.blank();
			body.line("/* Inputs: set by the environment, read-only for the policy. */");
		}
		boolean others = false;
		for (Attribute a : attributes) {
			Input input = Input.of(a).orElse(null);
			if (input == null && inputs && !others) {
				body.blank();
				others = true;
			}
			body.line(record + "->" + translator.global(a) + " = "
					+ (input != null ? inputValue(input) : Translator.unparenthesized(translator.cExpr(a.getInit())))
					+ ";");
		}
		w.raw(translator.takeHelpers());
		w.line("/*");
		for (String l : wrap("Initial values of " + what + " (unlisted ones are 0)."
				+ (inputs ? " Its inputs come from " + inputsFrom + "." : ""), 72)) {
			w.line(" * " + l);
		}
		w.line(" */");
		w.line("static void " + name + "(struct prt_machine *m, s64 " + params + ")");
		w.line("{");
		w.raw(body.toString());
		w.line("}");
		w.blank();
	}

	/** The C expression of an input's value, from {@code in} (prt.h: struct prt_thread_in, prt_core_in). */
	private static String inputValue(Input input) {
		return switch (input) {
			case NICE -> "in->nice";
			case WEIGHT -> "prt_weight_of_nice(in->nice)";
			case RUNTIME -> "in->runtime";
			case DEADLINE -> "in->deadline";
			case PERIOD -> "in->period";
			case GROUP -> "in->group";
			case GROUP_WEIGHT -> "in->group_weight";
			case ID -> "in->id";
			case CAPACITY -> "in->capacity";
		};
	}

	private void handlers() {
		for (Event e : Event.values()) {
			EventHandler h = PolicyModel.handler(policy, e).orElse(null);
			if (h == null) {
				continue;
			}
			String name = names.claim(translator.prefix + e.getLiteral());
			handlerNames.put(e, name);
			translator.begin(name, true, h.getBody());
			String target = h.getTarget() == null ? "target" : translator.local(h.getTarget());
			CodeWriter body = new CodeWriter().indent();
			translator.functionBody(h.getBody(), body);
			w.raw(translator.takeHelpers());
			w.line("/*");
			w.line(" * on " + e.getLiteral() + (h.getTarget() == null ? "" : "(" + h.getTarget().getName() + ")"));
			for (String l : wrap(EventType.of(e).contract(), 72)) {
				w.line(" * " + l);
			}
			w.line(" *");
			quote(h);
			w.line(" */");
			w.line("static void " + name + "(struct prt_machine *m, s64 self, s64 " + target + ")");
			w.line("{");
			String text = body.toString();
			w.raw(text.isEmpty() ? "\t/* nothing */\n" : text);
			w.line("}");
			w.blank();
		}
	}

	private static List<String> wrap(String text, int width) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > width) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() == 0 ? "" : " ").append(word);
		}
		lines.add(line.toString());
		return lines;
	}

	// ------------------------------------------------------------------ the steal

	private void steal() {
		BalanceHandler b = PolicyModel.balance(policy).orElse(null);
		if (b == null) {
			return;
		}
		w.line("/*");
		w.line(" * on balance: the structured steal. The runtime (prt_balance()) runs the");
		w.line(" * algorithm of docs/semantics.md with the clauses below: for each topology");
		w.line(" * level, innermost first (or once over all cores), the cores of self's");
		w.line(" * domain other than self that pass the filter are candidates; the one with");
		w.line(" * the " + (b.getSelect() == Extremum.MAX ? "largest" : "smallest")
				+ " select key (lowest id on ties) is the victim; its threads");
		w.line(" * then move to self's same queue one by one, in migration order, skipping");
		w.line(" * those that fail `where`, until `stop` holds" + (b.getOnMove() == null ? "."
				: "; `on move` runs just before each") + "");
		if (b.getOnMove() != null) {
			w.line(" * thread moves.");
		}
		w.line(" * The first level that moved a thread ends the steal.");
		w.line(" *");
		quote(b);
		w.line(" */");
		clause("bool ", translator.prefix + "balance_filter", b, false, b.getFilter());
		clause("s64 ", translator.prefix + "balance_select", b, false, b.getSelectKey());
		clause("struct prt_queue *", translator.prefix + "balance_source", b, false, b.getSource());
		if (b.getMigrateKey() != null) {
			clause("s64 ", translator.prefix + "balance_migrate_key", b, true, b.getMigrateKey());
		}
		if (b.getMigrateCondition() != null) {
			clause("bool ", translator.prefix + "balance_where", b, true, b.getMigrateCondition());
		}
		clause("bool ", translator.prefix + "balance_stop", b, true, b.getStop());
		if (b.getOnMove() != null) {
			onMove(b);
		}
		if (b.getPeriod() != null) {
			clause("s64 ", translator.prefix + "balance_period", null, false, b.getPeriod());
		}
		if (b.isPerLevel()) {
			w.line("static const s32 " + translator.prefix + "balance_levels[] = {");
			w.indent();
			PolicyModel.levels(policy).forEach(l -> w.line(Translator.levelConstant(l) + ","));
			w.outdent();
			w.line("};");
			w.blank();
		}
		w.line("static const struct prt_steal " + translator.prefix + "steal = {");
		w.indent();
		if (b.isPerLevel()) {
			w.line(".levels = " + translator.prefix + "balance_levels,");
			w.line(".nr_levels = ARRAY_SIZE(" + translator.prefix + "balance_levels),");
		}
		w.line(".on_idle = " + b.isOnIdle() + ",");
		if (b.getPeriod() != null) {
			w.line(".period = " + translator.prefix + "balance_period,");
		}
		w.line(".filter = " + translator.prefix + "balance_filter,");
		w.line(".select_max = " + (b.getSelect() == Extremum.MAX) + ",");
		w.line(".select_key = " + translator.prefix + "balance_select,");
		w.line(".source = " + translator.prefix + "balance_source,");
		if (b.getMigrateKey() != null) {
			w.line(".migrate_key = " + translator.prefix + "balance_migrate_key,");
			w.line(".migrate_highest = " + (b.getDirection() == Direction.HIGHEST) + ",");
		}
		if (b.getMigrateCondition() != null) {
			w.line(".where = " + translator.prefix + "balance_where,");
		}
		w.line(".stop = " + translator.prefix + "balance_stop,");
		if (b.getOnMove() != null) {
			w.line(".on_move = " + translator.prefix + "balance_on_move,");
		}
		w.outdent();
		w.line("};");
		w.blank();
	}

	/** The steal's {@code on move} block: runs just before each thread moves to self. */
	private void onMove(BalanceHandler b) {
		String name = translator.prefix + "balance_on_move";
		translator.begin(name, true, b.getOnMove());
		CodeWriter body = new CodeWriter().indent();
		translator.functionBody(b.getOnMove(), body);
		w.raw(translator.takeHelpers());
		w.line("static void " + name + "(struct prt_machine *m, s64 self, s64 " + translator.local(b.getVictim()) + ", s64 "
				+ translator.local(b.getMoved()) + ")");
		w.line("{");
		String text = body.toString();
		w.raw(text.isEmpty() ? "\t/* nothing */\n" : text);
		w.line("}");
		w.blank();
	}

	/** One clause of the steal as a function of the victim (and the moved thread). */
	private void clause(String type, String name, BalanceHandler b, boolean moved, Expression e) {
		translator.begin(name, false, e);
		String params = b == null ? "" : ", s64 self, s64 " + translator.local(b.getVictim())
				+ (moved ? ", s64 " + translator.local(b.getMoved()) : "");
		String value = e.eContainer() instanceof BalanceHandler bh && bh.getSource() == e ? translator.queue(e)
				: Translator.unparenthesized(translator.cExpr(e));
		w.raw(translator.takeHelpers());
		w.line("static " + type + name + "(struct prt_machine *m" + params + ")");
		w.line("{");
		CodeWriter body = new CodeWriter().indent();
		returnValue(body, value);
		w.raw(body.toString());
		w.line("}");
		w.blank();
	}

	/** The body of a C function that returns one expression: the queue locals it uses, then the return. */
	private void returnValue(CodeWriter body, String value) {
		List<String> declarations = translator.hoisted();
		declarations.forEach(body::line);
		if (!declarations.isEmpty()) {
			body.blank();
		}
		body.line("return " + value + ";");
	}

	// ------------------------------------------------------------------ descriptor

	private void descriptor() {
		List<Attribute> threadAttrs = PolicyModel.threadAttributes(policy);
		List<Attribute> coreAttrs = PolicyModel.coreAttributes(policy);
		attrTable(translator.prefix + "thread_attrs", translator.structThread, threadAttrs);
		attrTable(translator.prefix + "core_attrs", translator.structCore, coreAttrs);
		if (!translator.summed().isEmpty()) {
			w.line("/* Thread attributes whose sum over each queue the runtime keeps (prt_queue_sum()). */");
			w.line("static const u32 " + translator.prefix + "summed[] = {");
			w.indent();
			translator.summed().forEach(
					a -> w.line("offsetof(struct " + translator.structThread + ", " + translator.global(a) + "),"));
			w.outdent();
			w.line("};");
			w.blank();
		}
		List<Queue> queues = PolicyModel.coreQueues(policy);
		List<SharedQueue> shared = PolicyModel.sharedQueues(policy);
		if (!queues.isEmpty() || !shared.isEmpty()) {
			w.line("static const struct prt_queue_decl " + translator.prefix + "queues[] = {");
			w.indent();
			queues.forEach(q -> queueDecl(q.getName(), q.getOrder()));
			shared.forEach(q -> queueDecl(q.getName(), q.getOrder()));
			w.outdent();
			w.line("};");
			w.blank();
		}
		w.line("/* What a host needs to run " + policy.getName() + ". */");
		w.line("const struct prt_policy prt_this_policy = {");
		w.indent();
		w.line(".name = \"" + policy.getName() + "\",");
		w.line(".thread_size = sizeof(struct " + translator.structThread + "),");
		w.line(".core_size = sizeof(struct " + translator.structCore + "),");
		if (!threadAttrs.isEmpty()) {
			w.line(".thread_attrs = " + translator.prefix + "thread_attrs,");
			w.line(".nr_thread_attrs = ARRAY_SIZE(" + translator.prefix + "thread_attrs),");
		}
		if (!coreAttrs.isEmpty()) {
			w.line(".core_attrs = " + translator.prefix + "core_attrs,");
			w.line(".nr_core_attrs = ARRAY_SIZE(" + translator.prefix + "core_attrs),");
		}
		if (!queues.isEmpty() || !shared.isEmpty()) {
			w.line(".queues = " + translator.prefix + "queues,");
		}
		if (!translator.summed().isEmpty()) {
			w.line(".summed = " + translator.prefix + "summed,");
			w.line(".nr_summed = ARRAY_SIZE(" + translator.prefix + "summed),");
		}
		w.line(".nr_core_queues = " + queues.size() + ",");
		w.line(".nr_shared_queues = " + shared.size() + ",");
		if (!PolicyModel.coreStates(policy).isEmpty()) {
			w.line(".core_states = " + translator.prefix + "core_states,");
			w.line(".nr_core_states = ARRAY_SIZE(" + translator.prefix + "core_states),");
		}
		if (!compiled.params().isEmpty()) {
			w.line(".params = " + translator.prefix + "params,");
			w.line(".nr_params = ARRAY_SIZE(" + translator.prefix + "params),");
		}
		w.line(".nr_snapshots = " + translator.snapshotCount() + ",");
		if (!initialised(PolicyModel.coreAttributes(policy)).isEmpty()) {
			w.line(".init_core = " + translator.prefix + "init_core,");
		}
		if (!initialised(PolicyModel.threadAttributes(policy)).isEmpty()) {
			w.line(".init_thread = " + translator.prefix + "init_thread,");
		}
		w.line(".handlers = {");
		w.indent();
		for (Event e : Event.values()) {
			if (handlerNames.containsKey(e)) {
				w.line("[PRT_EV_" + e.name() + "] = " + handlerNames.get(e) + ",");
			}
		}
		w.outdent();
		w.line("},");
		if (PolicyModel.balance(policy).isPresent()) {
			w.line(".steal = &" + translator.prefix + "steal,");
		}
		w.outdent();
		w.line("};");
	}

	private void attrTable(String name, String struct, List<Attribute> attributes) {
		if (attributes.isEmpty()) {
			return;
		}
		w.line("static const struct prt_attr " + name + "[] = {");
		w.indent();
		for (Attribute a : attributes) {
			w.line("{ \"" + a.getName() + "\", offsetof(struct " + struct + ", " + translator.global(a) + ") },");
		}
		w.outdent();
		w.line("};");
		w.blank();
	}

	private void queueDecl(String name, org.policy.dsl.policy.Order order) {
		if (order.isFifo()) {
			w.line("{ \"" + name + "\", PRT_FIFO, 0 },");
		} else {
			String dir = order.getDirection() == Direction.HIGHEST ? "PRT_HIGHEST" : "PRT_LOWEST";
			w.line("{ \"" + name + "\", " + dir + ", offsetof(struct " + translator.structThread + ", "
					+ translator.global(order.getKey()) + ") },");
		}
	}
}
