package org.policy.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.AllCores;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.Blocked;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Index;
import org.policy.dsl.semantics.Constants;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.NoneLiteral;
import org.policy.dsl.policy.Now;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.Preempt;
import org.policy.dsl.policy.Return;
import org.policy.dsl.policy.Self;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.Statement;
import org.policy.dsl.policy.Symbol;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Terminated;
import org.policy.dsl.policy.ToExpression;
import org.policy.dsl.policy.Unary;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.SummedAttributes;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Translates the policy's statements and expressions to C against prt.h. Each construct has one
 * C form, chosen so that it means exactly what the reference interpreter does (PolicyCompiler):
 * arithmetic through the wrapping prt_add()..., references that may be none through a checked
 * prt_*_ref(), aggregates lifted into small helper functions emitted before their user.
 */
final class Translator {
	final Policy policy;
	final CNames names;
	final Nullness nullness;
	private final SelfUse selfUse = new SelfUse();
	private final PolicyConstants constants;
	/** The policy's name and "_": the start of every file-scope name of the generated C. */
	final String prefix;
	final String structThread;
	final String structCore;
	private final List<Attribute> threadAttributes;
	private final List<Attribute> coreAttributes;
	private final List<Attribute> summed;
	private final Map<EObject, String> globals = new HashMap<>();
	private final Map<EObject, String> locals = new HashMap<>();
	private final java.util.Set<String> usedLocals = new java.util.HashSet<>();
	private final Map<Foreach, Integer> snapshots = new LinkedHashMap<>();
	private final StringBuilder pendingHelpers = new StringBuilder();
	/** Queues computed once at the top of the C function being written (RepeatedQueues): their locals. */
	private final Map<RepeatedQueues.Key, String> queueLocals = new HashMap<>();
	private final List<String> queueDeclarations = new ArrayList<>();
	private String owner = "";
	private int helperCount;
	/** Whether the code being written is a handler (return;) or a function (return value;). */
	private boolean inHandler;

	Translator(Policy policy, CNames names) {
		this.policy = policy;
		this.names = names;
		this.nullness = new Nullness(policy);
		this.threadAttributes = PolicyModel.threadAttributes(policy);
		this.coreAttributes = PolicyModel.coreAttributes(policy);
		this.summed = SummedAttributes.of(policy);
		// every file-scope name starts with the policy's name, as in the kernel (simple_enqueue() in
		// scx_simple): policy names then never collide with the kernel's own
		this.prefix = policy.getName() + "_";
		String upper = prefix.toUpperCase(java.util.Locale.ROOT);
		this.structThread = names.claim(prefix + "thread");
		this.structCore = names.claim(prefix + "core");
		for (Param p : PolicyModel.params(policy)) {
			globals.put(p, names.claim(prefix + p.getName()));
		}
		for (Constant c : PolicyModel.constants(policy)) {
			// a scalar is a #define (CFS_IMBALANCE_PCT), a table a static const array (cfs_prio_to_weight)
			globals.put(c, names.claim(c.isTable() ? prefix + c.getName() : upper + c.getName().toUpperCase(java.util.Locale.ROOT)));
		}
		for (org.policy.dsl.policy.Function f : PolicyModel.functions(policy)) {
			globals.put(f, names.claim(prefix + f.getName()));
		}
		for (Queue q : PolicyModel.coreQueues(policy)) {
			globals.put(q, names.claim(upper + "Q_" + q.getName().toUpperCase(java.util.Locale.ROOT)));
		}
		for (SharedQueue q : PolicyModel.sharedQueues(policy)) {
			globals.put(q, names.claim(upper + "SQ_" + q.getName().toUpperCase(java.util.Locale.ROOT)));
		}
		for (CoreState s : PolicyModel.coreStates(policy)) {
			globals.put(s, names.claim(upper + "S_" + s.getName().toUpperCase(java.util.Locale.ROOT)));
		}
		for (Attribute a : threadAttributes) {
			globals.put(a, CNames.local(a.getName()));
		}
		for (Attribute a : coreAttributes) {
			globals.put(a, CNames.local(a.getName()));
		}
		for (Foreach loop : EcoreUtil2.getAllContentsOfType(policy, Foreach.class)) {
			snapshots.put(loop, snapshots.size());
		}
		this.constants = new PolicyConstants(policy, names, prefix);
	}

	PolicyConstants constants() {
		return constants;
	}

	// ------------------------------------------------------------------ names

	String global(EObject declaration) {
		return globals.get(declaration);
	}

	/**
	 * The C name of a local, a binder or a parameter: unique within the C function being written, so
	 * that declarations can be hoisted to the top of their block (the kernel builds with
	 * -Wdeclaration-after-statement) without capturing another name.
	 */
	String local(EObject symbol) {
		return locals.computeIfAbsent(symbol, s -> uniqueLocal(names.scoped(nameOf(s))));
	}

	/** {@code base}, or {@code base_2}, ... : a name no other local of the C function has. */
	private String uniqueLocal(String base) {
		String name = base;
		for (int i = 2; !usedLocals.add(name); i++) {
			name = base + "_" + i;
		}
		return name;
	}

	private static String nameOf(EObject s) {
		if (s instanceof VarDecl v) {
			return v.getName();
		}
		if (s instanceof Binder b) {
			return b.getName();
		}
		if (s instanceof FormalParam p) {
			return p.getName();
		}
		throw new IllegalStateException("not a local: " + s);
	}

	/** Whether a function's C form takes {@code self}: only when it, or a function it calls, reads it. */
	boolean takesSelf(org.policy.dsl.policy.Function f) {
		return selfUse.reads(f);
	}

	int snapshotCount() {
		return snapshots.size();
	}

	static int line(EObject o) {
		ICompositeNode node = NodeModelUtils.getNode(o);
		return node == null ? 0 : node.getStartLine();
	}

	static String cType(ValueType type) {
		return switch (type) {
			case QUEUE -> "struct prt_queue *";
			case CORE_SET -> "struct prt_cset ";
			case BOOL -> "bool ";
			default -> "s64 ";
		};
	}

	/** Starts a top-level function: helpers it needs are named after it. */
	void begin(String ownerName, boolean handler) {
		this.owner = ownerName;
		this.locals.clear();
		this.usedLocals.clear();
		this.queueLocals.clear();
		this.queueDeclarations.clear();
		this.helperCount = 0;
		this.inHandler = handler;
	}

	/**
	 * Starts the C function of {@code code} (a function, a handler's or on-move block, a steal
	 * clause): the queues it names more than once get a local, declared by {@link #hoisted()}.
	 */
	void begin(String ownerName, boolean handler, EObject code) {
		begin(ownerName, handler);
		if (code instanceof org.policy.dsl.policy.Function f) {
			f.getParams().forEach(this::local); // parameters keep their names
		}
		for (RepeatedQueues.Key k : RepeatedQueues.in(code, nullness)) {
			String value;
			String name;
			if (k.queue() instanceof SharedQueue q) {
				value = "prt_shared_queue(m, " + global(q) + ")";
				name = q.getName();
			} else {
				Queue q = (Queue) k.queue();
				String core = k.owner() == null ? "self" : local(k.owner());
				value = "prt_core_queue(m, " + core + ", " + global(q) + ")";
				// self's queues by their own name, as a kernel function names its runqueue rq
				name = k.owner() == null ? q.getName() : core + "_" + q.getName();
			}
			name = uniqueLocal(names.scoped(name));
			queueLocals.put(k, name);
			queueDeclarations.add("struct prt_queue *" + name + " = " + value + ";");
		}
	}

	/** The declarations of the queue locals of the C function begun last, for the top of its body. */
	List<String> hoisted() {
		return List.copyOf(queueDeclarations);
	}

	/** A function's, handler's or on-move block's body, after the queue locals. */
	void functionBody(Block block, CodeWriter w) {
		block(block, w, queueDeclarations);
	}

	/** The helper functions written since the last call, to be emitted before their user. */
	String takeHelpers() {
		String text = pendingHelpers.toString();
		pendingHelpers.setLength(0);
		return text;
	}

	// ------------------------------------------------------------------ statements

	/**
	 * A block: {@code leading} declarations (a loop's binder), the block's own declarations (those
	 * after its first statement are hoisted: declared first, assigned in place), then statements.
	 */
	private void block(Block block, CodeWriter w, List<String> leading) {
		List<String> declarations = new ArrayList<>(leading);
		int head = declarations(block, declarations);
		declarations.forEach(w::line);
		if (!declarations.isEmpty() && head < block.getStatements().size()) {
			w.blank();
		}
		statementsFrom(block, head, w);
	}

	/**
	 * Adds the C declarations of a block's locals to {@code declarations}: those of its leading
	 * {@code var}s with their initial values, the later ones without (assigned in place). Returns the
	 * index of the first statement that is not a leading {@code var}.
	 */
	private int declarations(Block block, List<String> declarations) {
		List<Statement> statements = block.getStatements();
		int head = 0;
		while (head < statements.size() && statements.get(head) instanceof VarDecl v) {
			ValueType type = PolicyTypes.localType(v);
			declarations.add(cType(type) + local(v) + " = " + typedValue(v.getInit(), type) + ";");
			head++;
		}
		for (int i = head; i < statements.size(); i++) {
			if (statements.get(i) instanceof VarDecl v) {
				declarations.add(cType(PolicyTypes.localType(v)) + local(v) + ";");
			}
		}
		return head;
	}

	private void statementsFrom(Block block, int first, CodeWriter w) {
		List<Statement> statements = block.getStatements();
		for (int i = first; i < statements.size(); i++) {
			statement(statements.get(i), w);
		}
	}

	private void statement(Statement s, CodeWriter w) {
		if (s instanceof VarDecl v) {
			w.line(local(v) + " = " + typedValue(v.getInit(), PolicyTypes.localType(v)) + ";");
		} else if (s instanceof If branch) {
			conditional(branch, w, "if");
		} else if (s instanceof Foreach loop) {
			foreach(loop, w);
		} else if (s instanceof Return ret) {
			if (inHandler) {
				w.line("return;");
			} else {
				w.line("return " + (ret.getValue() == null ? "0" : unparenthesized(cExpr(ret.getValue()))) + ";");
			}
		} else if (s instanceof Preempt preempt) {
			// the runtime checks the core (none is a fault at this line), as prt_to_core_state() does
			w.line("prt_preempt(m, " + unparenthesized(cExpr(preempt.getCore())) + ", " + line(preempt) + ");");
		} else {
			Action action = (Action) s;
			if (action.getDestination() != null) {
				transition(action, w);
			} else {
				assignment(action, w);
			}
		}
	}

	/** An expression in a typed slot: collections keep their C type, the rest are s64. */
	private String typedValue(Expression e, ValueType type) {
		return switch (type) {
			case QUEUE -> queue(e);
			case CORE_SET -> cset(e);
			default -> unparenthesized(cExpr(e));
		};
	}

	/** Kernel style: braces on every arm when one arm needs them, none for single statements. */
	private void conditional(If branch, CodeWriter w, String keyword) {
		List<Block> arms = new ArrayList<>();
		for (If b = branch; b != null; b = b.getElseIf()) {
			arms.add(b.getThen());
			if (b.getElseIf() == null && b.getElse() != null) {
				arms.add(b.getElse());
			}
		}
		boolean braces = arms.stream().anyMatch(Translator::needsBraces);
		String head = keyword + " (" + unparenthesized(cExpr(branch.getCondition())) + ")";
		arm(head, branch.getThen(), braces, w);
		if (branch.getElseIf() != null) {
			elseIf(branch.getElseIf(), braces, w);
		} else if (branch.getElse() != null) {
			arm("else", branch.getElse(), braces, w);
		}
		if (braces) {
			w.line("}");
		}
	}

	private void elseIf(If branch, boolean braces, CodeWriter w) {
		arm("else if (" + unparenthesized(cExpr(branch.getCondition())) + ")", branch.getThen(), braces, w);
		if (branch.getElseIf() != null) {
			elseIf(branch.getElseIf(), braces, w);
		} else if (branch.getElse() != null) {
			arm("else", branch.getElse(), braces, w);
		}
	}

	private void arm(String head, Block body, boolean braces, CodeWriter w) {
		boolean first = head.startsWith("if");
		if (braces) {
			w.line((first ? "" : "} ") + head + " {");
			w.indent();
			if (body.getStatements().isEmpty()) {
				w.line("/* nothing */");
			}
			block(body, w, List.of());
			w.outdent();
		} else {
			w.line(head);
			w.indent();
			block(body, w, List.of());
			w.outdent();
		}
	}

	private static boolean needsBraces(Block b) {
		if (b.getStatements().size() != 1) {
			return true;
		}
		Statement s = b.getStatements().get(0);
		return s instanceof If || s instanceof Foreach || s instanceof VarDecl;
	}

	/** foreach over a snapshot taken when the loop starts (docs/semantics.md). */
	private void foreach(Foreach loop, CodeWriter w) {
		int buffer = snapshots.get(loop);
		ValueType type = PolicyTypes.typeOf(loop.getCollection());
		String take = type == ValueType.QUEUE
				? "prt_snapshot_queue(m, " + buffer + ", " + queue(loop.getCollection()) + ")"
				: "prt_snapshot_cset(m, " + buffer + ", " + cset(loop.getCollection()) + ")";
		CLoop c = CLoop.snapshot(buffer, take, local(loop.getVariable()));
		Block body = loop.getBody();
		List<String> declarations = new ArrayList<>();
		int head = declarations(body, declarations);
		boolean braced = c.open(w, declarations, true, head < body.getStatements().size());
		statementsFrom(body, head, w);
		CLoop.close(w, braced);
	}

	private void assignment(Action action, CodeWriter w) {
		String op = action.getOperator().getLiteral();
		Expression target = action.getTarget();
		String lhs;
		if (target instanceof SymbolRef ref) {
			lhs = local(ref.getSymbol());
		} else {
			MemberAccess access = (MemberAccess) target;
			Attribute a = (Attribute) access.getMember();
			lhs = attribute(access.getReceiver(), a, action);
		}
		String value = unparenthesized(cExpr(action.getValue()));
		String rhs = switch (op) {
			case "+=" -> "prt_add(" + lhs + ", " + value + ")";
			case "-=" -> "prt_sub(" + lhs + ", " + value + ")";
			default -> value;
		};
		if (target instanceof MemberAccess access && access.getMember() instanceof Attribute a && summed.contains(a)) {
			// the queue holding the thread keeps a sum of this attribute
			w.line("prt_set_summed(m, " + threadRef(access.getReceiver(), a.getName(), action) + ", "
					+ summed.indexOf(a) + ", " + rhs + ");");
			return;
		}
		w.line(lhs + " = " + rhs + ";");
	}

	private void transition(Action action, CodeWriter w) {
		int line = line(action);
		Expression thing = action.getTarget();
		if (PolicyTypes.typeOf(thing) == ValueType.CORE) {
			Expression dest = ((ToExpression) action.getDestination()).getExpression();
			CoreState state = (CoreState) ((SymbolRef) dest).getSymbol();
			w.line("prt_to_core_state(m, " + unparenthesized(cExpr(thing)) + ", " + global(state) + ", " + line + ");");
			return;
		}
		String thread = unparenthesized(cExpr(thing));
		if (action.getDestination() instanceof Blocked) {
			w.line("prt_to_blocked(m, " + thread + ", " + line + ");");
		} else if (action.getDestination() instanceof Terminated) {
			w.line("prt_to_terminated(m, " + thread + ", " + line + ");");
		} else {
			Expression dest = ((ToExpression) action.getDestination()).getExpression();
			if (dest instanceof MemberAccess access && access.isCurrentSlot()) {
				w.line("prt_to_current(m, " + thread + ", " + unparenthesized(cExpr(access.getReceiver())) + ", " + line + ");");
			} else {
				w.line("prt_to_queue(m, " + thread + ", " + queue(dest) + ", " + line + ");");
			}
		}
	}

	// ------------------------------------------------------------------ expressions

	/** Strips one pair of parentheses around the whole expression (kept by cExpr for operands). */
	static String unparenthesized(String c) {
		if (!c.startsWith("(") || !c.endsWith(")")) {
			return c;
		}
		int depth = 0;
		for (int i = 0; i < c.length(); i++) {
			char ch = c.charAt(i);
			if (ch == '(') {
				depth++;
			} else if (ch == ')') {
				depth--;
				if (depth == 0 && i < c.length() - 1) {
					return c;
				}
			}
		}
		return c.substring(1, c.length() - 1);
	}

	/** The thread attributes whose queue sums the runtime keeps, in {@code prt_policy.summed} order. */
	List<Attribute> summed() {
		return summed;
	}

	/**
	 * An int or duration literal as a C constant of type s64 on every host: beyond 32 bits with the LL suffix (an
	 * unsuffixed constant would be a long, 32 bits on some hosts); the smallest int, which has no C
	 * literal (9223372036854775808 is too large for long long), as an expression.
	 */
	static String intConstant(long value) {
		if (value == Long.MIN_VALUE) {
			return "(-9223372036854775807LL - 1)";
		}
		return value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? value + "LL" : Long.toString(value);
	}

	/**
	 * The C expression of a value (number, time, bool, thread, core, level). It may come back in
	 * parentheses, for an operand; {@link #unparenthesized} drops them where the context needs none.
	 */
	String cExpr(Expression e) {
		String named = constants.nameOf(e);
		if (named != null) {
			return named;
		}
		if (e instanceof IntLiteral i) {
			return intConstant(i.getValue());
		}
		if (e instanceof DurationLiteral d) {
			String text = NodeModelUtils.getTokenText(NodeModelUtils.getNode(d));
			return intConstant(d.getValue()) + " /* " + text.trim() + " */";
		}
		if (e instanceof BoolLiteral b) {
			return b.isValue() ? "true" : "false";
		}
		if (e instanceof NoneLiteral) {
			return "PRT_NONE";
		}
		if (e instanceof Now) {
			return "prt_now(m)";
		}
		if (e instanceof Self) {
			return "self";
		}
		if (e instanceof SymbolRef ref) {
			return symbol(ref.getSymbol(), ref);
		}
		if (e instanceof MemberAccess access) {
			if (access.isCurrentSlot()) {
				return "prt_current(m, " + coreRef(access.getReceiver(), "current", access) + ")";
			}
			if (access.getMember() instanceof Attribute a) {
				return attribute(access.getReceiver(), a, access);
			}
			throw GeneratorException.at(e, "a queue is not a value here");
		}
		if (e instanceof Index index) {
			return element(index);
		}
		if (e instanceof Unary u) {
			String operand = cExpr(u.getOperand());
			return "!".equals(u.getOperator()) ? "!" + operand : "prt_neg(" + unparenthesized(operand) + ")";
		}
		if (e instanceof Binary b) {
			return binary(b);
		}
		if (e instanceof Conditional c) {
			// a nested conditional keeps its parentheses: `(p ? q : r) ? a : b` is not `p ? q : r ? a : b`
			return "(" + conditionalOperand(c.getCondition()) + " ? " + conditionalOperand(c.getWhenTrue()) + " : "
					+ conditionalOperand(c.getWhenFalse()) + ")";
		}
		if (e instanceof Call call) {
			StringBuilder c = new StringBuilder(global(call.getFunction())).append("(m");
			if (takesSelf(call.getFunction())) {
				c.append(", self");
			}
			for (Expression arg : call.getArguments()) {
				c.append(", ").append(unparenthesized(cExpr(arg)));
			}
			return c.append(')').toString();
		}
		if (e instanceof BuiltinCall call) {
			return builtin(call);
		}
		if (e instanceof Aggregate aggregate) {
			return aggregate(aggregate);
		}
		throw GeneratorException.at(e, "cannot generate C for " + e.eClass().getName());
	}

	private String conditionalOperand(Expression e) {
		return e instanceof Conditional ? cExpr(e) : unparenthesized(cExpr(e));
	}

	private String symbol(Symbol s, EObject at) {
		if (s instanceof Param || s instanceof Constant) {
			return global(s);
		}
		if (s instanceof Level l) {
			return levelConstant(l);
		}
		if (s instanceof CoreState || s instanceof SharedQueue) {
			throw GeneratorException.at(at, "a collection is not a value here");
		}
		return local(s);
	}

	static String levelConstant(Level l) {
		int id = Topology.levelId(l.getName());
		if (id < 0) {
			throw GeneratorException.at(l, "unknown topology level '" + l.getName() + "' (levels are "
					+ String.join(", ", Topology.LEVELS) + ")");
		}
		return "PRT_" + Topology.LEVELS.get(id).toUpperCase(java.util.Locale.ROOT);
	}

	/** {@code receiver.attribute}, reading through a checked reference unless the receiver is sure. */
	private String attribute(Expression receiver, Attribute a, EObject at) {
		if (PolicyModel.isThreadAttribute(a)) {
			return "thread(m, " + threadRef(receiver, a.getName(), at) + ")->" + global(a);
		}
		return "core(m, " + coreRef(receiver, a.getName(), at) + ")->" + global(a);
	}

	/**
	 * {@code table[i]}: read directly where the checker has seen the index inside the table (it is
	 * constant), else through prt_table() (a fault outside it).
	 */
	private String element(Index index) {
		Constant table = PolicyModel.tableNamed(index.getTable());
		String array = global(table);
		if (Constants.fixed(index.getIndex()).isPresent()) {
			return array + "[" + unparenthesized(cExpr(index.getIndex())) + "]";
		}
		return "prt_table(m, " + array + ", ARRAY_SIZE(" + array + "), " + unparenthesized(cExpr(index.getIndex()))
				+ ", " + line(index) + ", \"" + table.getName() + "\")";
	}

	/** A thread-valued expression, read through prt_thread_ref() (a fault at none) unless it is sure. */
	String threadRef(Expression e, String what, EObject at) {
		String value = unparenthesized(cExpr(e));
		return nullness.sure(e) ? value : "prt_thread_ref(m, " + value + ", " + line(at) + ", \"" + what + "\")";
	}

	/** A core-valued expression, read through prt_core_ref() (a fault at none) unless it is sure. */
	String coreRef(Expression e, String what, EObject at) {
		String value = unparenthesized(cExpr(e));
		return nullness.sure(e) ? value : "prt_core_ref(m, " + value + ", " + line(at) + ", \"" + what + "\")";
	}

	private String binary(Binary b) {
		String op = b.getOperator();
		ValueType left = PolicyTypes.typeOf(b.getLeft());
		if ("in".equals(op)) {
			ValueType coll = PolicyTypes.typeOf(b.getRight());
			if (b.getRight() instanceof BuiltinCall call && call.getBuiltin() == org.policy.dsl.policy.Builtin.AFFINITY
					&& nullness.sure(b.getLeft())) {
				// `c in affinity(t)` for a core that is never none: may t run on c
				return "prt_allowed(m, " + threadRef(call.getArguments().get(0), "affinity", call) + ", "
						+ unparenthesized(cExpr(b.getLeft())) + ")";
			}
			return coll == ValueType.QUEUE
					? "prt_queue_has(m, " + queue(b.getRight()) + ", " + unparenthesized(cExpr(b.getLeft())) + ")"
					: "prt_cset_has(m, " + cset(b.getRight()) + ", " + unparenthesized(cExpr(b.getLeft())) + ")";
		}
		if (("==".equals(op) || "!=".equals(op)) && left == ValueType.CORE_SET) {
			String eq = "prt_cset_eq(" + cset(b.getLeft()) + ", " + cset(b.getRight()) + ")";
			return "==".equals(op) ? eq : "!" + eq;
		}
		if (("==".equals(op) || "!=".equals(op)) && left == ValueType.QUEUE) {
			return "(" + queue(b.getLeft()) + " " + op + " " + queue(b.getRight()) + ")";
		}
		String l = cExpr(b.getLeft());
		String r = cExpr(b.getRight());
		return switch (op) {
			case "+" -> "prt_add(" + unparenthesized(l) + ", " + unparenthesized(r) + ")";
			case "-" -> "prt_sub(" + unparenthesized(l) + ", " + unparenthesized(r) + ")";
			case "*" -> "prt_mul(" + unparenthesized(l) + ", " + unparenthesized(r) + ")";
			case "/" -> "prt_div(" + unparenthesized(l) + ", " + unparenthesized(r) + ")";
			case "%" -> "prt_mod(" + unparenthesized(l) + ", " + unparenthesized(r) + ")";
			default -> "(" + l + " " + op + " " + r + ")";
		};
	}

	private String builtin(BuiltinCall call) {
		List<Expression> args = call.getArguments();
		Expression a = args.isEmpty() ? null : args.get(0);
		return switch (call.getBuiltin()) {
			case EMPTY -> PolicyTypes.typeOf(a) == ValueType.QUEUE ? "prt_queue_empty(" + queue(a) + ")"
					: "(prt_cset_size(m, " + cset(a) + ") == 0)";
			case SIZE -> PolicyTypes.typeOf(a) == ValueType.QUEUE ? "prt_queue_size(" + queue(a) + ")"
					: "prt_cset_size(m, " + cset(a) + ")";
			case FIRST -> "prt_queue_first(" + queue(a) + ")";
			case RUNNABLE -> "prt_runnable(m, " + coreRef(a, "runnable", call) + ")";
			case CPU -> "prt_cpu(m, " + threadRef(a, "cpu", call) + ")";
			case ABS -> "prt_abs(" + unparenthesized(cExpr(a)) + ")";
			case LOG2 -> "prt_log2(" + unparenthesized(cExpr(a)) + ")";
			case MIN -> "prt_min(" + arguments(args) + ")";
			case MAX -> "prt_max(" + arguments(args) + ")";
			case CLAMP -> "prt_clamp(" + arguments(args) + ")";
			case DOMAIN, AFFINITY -> throw GeneratorException.at(call, "a core set is not a value here");
		};
	}

	private String arguments(List<Expression> args) {
		return String.join(", ", args.stream().map(arg -> unparenthesized(cExpr(arg))).toList());
	}

	/** A queue-typed expression as a {@code struct prt_queue *}. */
	String queue(Expression e) {
		String computed = queueLocals.get(RepeatedQueues.keyOf(e, nullness));
		if (computed != null) {
			return computed;
		}
		if (e instanceof MemberAccess access && access.getMember() instanceof Queue q) {
			return "prt_core_queue(m, " + coreRef(access.getReceiver(), q.getName(), access) + ", " + global(q) + ")";
		}
		if (e instanceof SymbolRef ref && ref.getSymbol() instanceof SharedQueue q) {
			return "prt_shared_queue(m, " + global(q) + ")";
		}
		if (e instanceof SymbolRef ref) {
			return local(ref.getSymbol());
		}
		if (e instanceof Conditional c) {
			return "(" + conditionalOperand(c.getCondition()) + " ? " + queue(c.getWhenTrue()) + " : "
					+ queue(c.getWhenFalse()) + ")";
		}
		throw GeneratorException.at(e, "expected a queue");
	}

	/** A core-set expression as a {@code struct prt_cset}. */
	String cset(Expression e) {
		if (e instanceof AllCores) {
			return "prt_cset_all()";
		}
		if (e instanceof SymbolRef ref && ref.getSymbol() instanceof CoreState s) {
			return "prt_cset_state(" + global(s) + ")";
		}
		if (e instanceof BuiltinCall call && call.getBuiltin() == org.policy.dsl.policy.Builtin.DOMAIN) {
			return "prt_cset_domain(" + coreRef(call.getArguments().get(0), "domain", call) + ", "
					+ unparenthesized(cExpr(call.getArguments().get(1))) + ")";
		}
		if (e instanceof BuiltinCall call && call.getBuiltin() == org.policy.dsl.policy.Builtin.AFFINITY) {
			// the thread's affinity, read where the set is used (prt_allowed(), prt_cset_size(), loops)
			return "prt_cset_affinity(" + threadRef(call.getArguments().get(0), "affinity", call) + ")";
		}
		if (e instanceof SymbolRef ref) {
			return local(ref.getSymbol());
		}
		throw GeneratorException.at(e, "expected a set of cores");
	}

	// ------------------------------------------------------------------ aggregates

	/**
	 * An aggregate becomes a helper function taking the names it uses from around it; it iterates
	 * the live collection (aggregates are pure, so this equals iterating a snapshot).
	 */
	private String aggregate(Aggregate a) {
		Attribute kept = SummedAttributes.summedAttribute(a);
		if (kept != null) {
			// the runtime keeps this sum as threads enter and leave the queue (prt_set_summed)
			return "prt_queue_sum(" + queue(a.getCollection()) + ", " + summed.indexOf(kept) + ")";
		}
		// the helper is a C function of its own: the queue locals of its user are not in scope there
		Map<RepeatedQueues.Key, String> users = new HashMap<>(queueLocals);
		queueLocals.clear();
		try {
			return liftedAggregate(a);
		} finally {
			queueLocals.putAll(users);
		}
	}

	private String liftedAggregate(Aggregate a) {
		List<EObject> free = freeSymbols(a);
		AggregateKind kind = a.getKind();
		String name = names.claim(owner + "_" + kind.getLiteral() + (++helperCount));
		ValueType result = PolicyTypes.typeOf(a);
		boolean predicate = kind == AggregateKind.EXISTS || kind == AggregateKind.ALL;
		// first(x in C where p), like exists, leaves the loop at the first x for which p holds
		boolean takesSelf = selfUse.reads(a);
		StringBuilder signature = new StringBuilder("static ").append(predicate ? "bool " : "s64 ").append(name)
				.append("(struct prt_machine *m").append(takesSelf ? ", s64 self" : "");
		StringBuilder call = new StringBuilder(name).append("(m").append(takesSelf ? ", self" : "");
		for (EObject s : free) {
			ValueType t = PolicyTypes.symbolType((Symbol) s);
			signature.append(", ").append(cType(t)).append(local(s));
			call.append(", ").append(local(s));
		}
		signature.append(")");
		call.append(")");

		CodeWriter w = new CodeWriter();
		w.line("/* " + source(a).replace("*/", "* /") + " -- line " + line(a) + " */");
		w.line(signature.toString());
		w.line("{");
		w.indent();
		String v = local(a.getVariable());
		ValueType collType = PolicyTypes.typeOf(a.getCollection());
		boolean overQueue = collType == ValueType.QUEUE;
		String where = a.getCondition() == null ? null : unparenthesized(cExpr(a.getCondition()));
		String key = a.getKey() == null ? "0" : unparenthesized(cExpr(a.getKey()));
		if (kind == AggregateKind.ALL && where == null) {
			// all(x in C) without a condition holds; C is still evaluated, for its faults
			if (!(a.getCollection() instanceof AllCores)) {
				w.line("(void)" + (overQueue ? queue(a.getCollection()) : cset(a.getCollection())) + ";");
			}
			w.line("return true;");
			w.outdent();
			w.line("}");
			w.blank();
			pendingHelpers.append(w);
			return call.toString();
		}
		if (overQueue) {
			w.line("struct prt_queue *q_ = " + queue(a.getCollection()) + ";");
		} else if (!(a.getCollection() instanceof AllCores)) {
			w.line("struct prt_cset set_ = " + cset(a.getCollection()) + ";");
		}
		switch (kind) {
			case MIN, MAX -> {
				w.line("s64 best_ = PRT_NONE;");
				w.line("s64 best_key_ = 0;");
			}
			case SUM, COUNT -> w.line("s64 total_ = 0;");
			default -> {
			}
		}
		boolean leavesEarly = kind == AggregateKind.EXISTS || kind == AggregateKind.FIRST; // declares nothing
		if (overQueue || !(a.getCollection() instanceof AllCores) || !leavesEarly) {
			w.blank();
		}
		boolean keyed = kind == AggregateKind.MIN || kind == AggregateKind.MAX;
		CLoop loop = overQueue ? CLoop.queue("q_", v)
				: a.getCollection() instanceof AllCores ? CLoop.allCores(v) : CLoop.coreSet("set_", v);
		// kernel style: no braces around a loop body of one simple statement
		boolean single = where == null && !keyed;
		boolean braced = loop.open(w, keyed ? List.of("s64 key_;") : List.of(), !single, true);
		switch (kind) {
			case EXISTS, FIRST -> {
				String found = kind == AggregateKind.EXISTS ? "return true;" : "return " + v + ";";
				if (where == null) {
					w.line(found);
				} else {
					w.line("if (" + where + ")");
					w.indent().line(found).outdent();
				}
			}
			case ALL -> {
				w.line("if (!(" + where + "))");
				w.indent().line("return false;").outdent();
			}
			default -> {
				if (where != null) {
					w.line("if (!(" + where + "))");
					w.indent().line("continue;").outdent();
				}
				switch (kind) {
					case COUNT -> w.line("total_++;");
					case SUM -> w.line("total_ = prt_add(total_, " + key + ");");
					default -> {
						w.line("key_ = " + key + ";");
						w.open("if (best_ == PRT_NONE || key_ " + (kind == AggregateKind.MIN ? "<" : ">") + " best_key_)");
						w.line("best_ = " + v + ";");
						w.line("best_key_ = key_;");
						w.close();
					}
				}
			}
		}
		CLoop.close(w, braced);
		w.line(switch (kind) {
			case EXISTS -> "return false;";
			case FIRST -> "return PRT_NONE;";
			case ALL -> "return true;";
			case SUM, COUNT -> "return total_;";
			default -> "return best_;";
		});
		w.outdent();
		w.line("}");
		w.blank();
		pendingHelpers.append(w);
		if (result == ValueType.ERROR) {
			throw GeneratorException.at(a, "the aggregate has no type");
		}
		return call.toString();
	}

	/** Locals, binders and parameters an aggregate uses but does not bind, in order of first use. */
	private static List<EObject> freeSymbols(Aggregate a) {
		List<EObject> bound = new ArrayList<>();
		for (Aggregate inner : EcoreUtil2.getAllContentsOfType(a, Aggregate.class)) {
			bound.add(inner.getVariable());
		}
		bound.add(a.getVariable());
		List<EObject> free = new ArrayList<>();
		for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(a, SymbolRef.class)) {
			Symbol s = ref.getSymbol();
			if ((s instanceof VarDecl || s instanceof Binder || s instanceof FormalParam) && !bound.contains(s)
					&& !free.contains(s)) {
				free.add(s);
			}
		}
		return free;
	}

	/** The policy text of a construct, on one line. */
	static String source(EObject o) {
		ICompositeNode node = NodeModelUtils.getNode(o);
		return node == null ? "" : NodeModelUtils.getTokenText(node).replaceAll("\\s+", " ").trim();
	}
}
