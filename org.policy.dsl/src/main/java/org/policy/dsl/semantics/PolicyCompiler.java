package org.policy.dsl.semantics;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LMUL;
import static org.objectweb.asm.Opcodes.LNEG;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.POP2;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.AllCores;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.Blocked;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.Direction;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Extremum;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.Preempt;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Index;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.If;
import org.policy.dsl.policy.IntLiteral;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.NoneLiteral;
import org.policy.dsl.policy.Now;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
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
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Compiles a checked policy model to JVM bytecode: one class per policy (a hidden class, unloaded with
 * its interpreter) implementing {@link Program.Code}, with one static method per handler, function,
 * attribute initialiser and steal expression.
 *
 * <p>Why bytecode: a tree of closures, one per node, makes every node's call to its children a call
 * site that sees every kind of node, which the JIT cannot inline; a policy's handler then costs a few
 * nanoseconds per node. Emitted methods are ordinary code to the JIT: a handler and the functions it
 * calls compile to one straight piece of machine code. (cfs_cwc's steal and fork both evaluate a
 * function for every core; see docs/simulator.md, "Cost per event".)
 *
 * <p>All name resolution happens here, once: locals, binders and function parameters become slots of
 * the {@link Frame} (without recursion no two activations of one name are live at once), attributes
 * become machine slots, queues queue kinds, parameters constants. What each construct does is not
 * here but in {@link Ops}, plain Java that the emitted code calls (through {@link OpsCall}, which reads
 * each call's descriptor from the Ops method itself); this class emits only control flow
 * (if, foreach, aggregates, short-circuits, returns) and the order of evaluation, which is left to
 * right except where a comment says otherwise. Policy source lines go into the class's line table, so
 * a stack trace through emitted code names the policy line.
 */
final class PolicyCompiler {
	private static final String FRAME = Type.getInternalName(Frame.class);
	private static final String F = "L" + FRAME + ";";
	private static final String CODE = Type.getInternalName(Program.Code.class);
	private static final int EVENTS = Event.values().length;

	private final Policy policy;
	private final Layout layout;
	private final Map<String, Long> params;
	private final String className;
	private final Map<EObject, Integer> slots = new HashMap<>();
	private final Map<Foreach, Integer> loops = new HashMap<>();
	private final Map<Function, FunctionCode> functions = new HashMap<>();
	private final List<Attribute> threadAttributes;
	private final List<Attribute> coreAttributes;
	private final List<Queue> coreQueues;
	private final List<SharedQueue> sharedQueues;
	private final List<CoreState> coreStates;
	/** The constant tables, each a {@link Frame#tables} entry. */
	private final List<Constant> tables;
	private final ClassWriter classWriter;

	// the method being emitted
	private MethodVisitor mv;
	private int nextLocal;
	private boolean inFunction;

	/** A function's static method: its name and the frame slots of its parameters. */
	/** The model element each emitted method compiles, to say which one is too large. */
	private final Map<String, EObject> sources = new HashMap<>();

	private record FunctionCode(String method, int[] paramSlots) {
	}

	private PolicyCompiler(Policy policy, Layout layout, Map<String, Long> params) {
		this.policy = policy;
		this.layout = layout;
		this.params = params;
		this.className = Type.getInternalName(PolicyCompiler.class).replace("PolicyCompiler", "Policy_")
				+ policy.getName().replaceAll("[^A-Za-z0-9_]", "_");
		this.threadAttributes = PolicyModel.threadAttributes(policy);
		this.coreAttributes = PolicyModel.coreAttributes(policy);
		this.coreQueues = PolicyModel.coreQueues(policy);
		this.sharedQueues = PolicyModel.sharedQueues(policy);
		this.coreStates = PolicyModel.coreStates(policy);
		this.tables = PolicyModel.constants(policy).stream().filter(Constant::isTable).toList();
		this.classWriter = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
			@Override
			protected String getCommonSuperClass(String a, String b) {
				// the only references the emitted code keeps in locals are the frame and strings
				return a.equals(b) ? a : "java/lang/Object";
			}
		};
	}

	static Program compile(Policy policy, Layout layout, Map<String, Long> params) {
		return new PolicyCompiler(policy, layout, params).compile();
	}

	private Program compile() {
		for (EObject o : EcoreUtil2.eAllContents(policy)) {
			if (o instanceof VarDecl || o instanceof Binder || o instanceof FormalParam) {
				slots.put(o, slots.size());
			}
			if (o instanceof Foreach loop) {
				loops.put(loop, loops.size());
			}
		}
		List<Function> functionList = PolicyModel.functions(policy);
		for (int i = 0; i < functionList.size(); i++) {
			Function f = functionList.get(i);
			functions.put(f, new FunctionCode("function" + i + "_" + f.getName().replaceAll("[^A-Za-z0-9_]", "_"),
					f.getParams().stream().mapToInt(slots::get).toArray()));
		}
		classWriter.visit(V17, ACC_FINAL | ACC_SUPER, className, null, "java/lang/Object", new String[] { CODE });
		classWriter.visitSource(policy.getName() + ".policy", null);
		constructor();
		Program program = new Program();
		program.slotCount = slots.size();
		program.loops = loops.size();
		program.tables = tables.stream().map(Constants::elements).toArray(long[][]::new);
		for (Function f : functionList) {
			function(f);
		}
		program.handles = new boolean[EVENTS];
		program.targetSlot = new int[EVENTS];
		Arrays.fill(program.targetSlot, -1);
		String[] handlerMethods = new String[EVENTS];
		for (EventHandler h : PolicyModel.eventHandlers(policy)) {
			int e = h.getEvent().getValue();
			if (!program.handles[e]) {
				program.handles[e] = true;
				program.targetSlot[e] = h.getTarget() == null ? -1 : slots.get(h.getTarget());
				handlerMethods[e] = "on_" + h.getEvent().getLiteral();
				handler(handlerMethods[e], h.getBody());
			}
		}
		program.threadInit = new boolean[threadAttributes.size()];
		String[] threadInits = initialisers("initThread", threadAttributes, program.threadInit);
		program.coreInit = new boolean[coreAttributes.size()];
		String[] coreInits = initialisers("initCore", coreAttributes, program.coreInit);
		program.threadInput = threadAttributes.stream().map(a -> Input.of(a).orElse(null)).toArray(Input[]::new);
		program.coreInput = coreAttributes.stream().map(a -> Input.of(a).orElse(null)).toArray(Input[]::new);
		String[] stealParts = new String[Program.STEAL_PARTS];
		String[] onMove = new String[1];
		PolicyModel.balance(policy).ifPresent(b -> {
			program.steal = steal(b, stealParts);
			if (b.getOnMove() != null) {
				onMove[0] = "steal_onMove";
				handler(onMove[0], b.getOnMove());
			}
		});
		dispatcher("handle", handlerMethods, "V");
		dispatcher("initThread", threadInits, "J");
		dispatcher("initCore", coreInits, "J");
		dispatcher("steal", stealParts, "J");
		singleDispatcher("onMove", onMove[0]);
		classWriter.visitEnd();
		program.code = load(bytes());
		return program;
	}

	/** The class file, or why the JVM's limits cannot hold it, said about the policy's own text. */
	private byte[] bytes() {
		try {
			return classWriter.toByteArray();
		} catch (MethodTooLargeException e) {
			EObject where = sources.getOrDefault(e.getMethodName(), policy);
			throw new PolicyTooLargeException(where, describe(where) + " is too large to compile: its code would exceed"
					+ " the JVM's limit of 65535 bytes per method; move parts of it into functions", e);
		} catch (ClassTooLargeException e) {
			throw new PolicyTooLargeException(policy, "policy '" + policy.getName() + "' is too large to compile: it"
					+ " would exceed the JVM's limit of 65535 constants per class (it has "
					+ PolicyModel.functions(policy).size() + " functions); split it into smaller policies", e);
		}
	}

	private static String describe(EObject where) {
		if (where instanceof Function f) {
			return "function '" + f.getName() + "'";
		}
		if (where instanceof EventHandler h) {
			return "handler 'on " + h.getEvent().getLiteral() + "'";
		}
		if (where instanceof BalanceHandler) {
			return "the balance block";
		}
		return "this expression";
	}

	/** Defines the class as a hidden class of this package (it uses Frame and Ops) and instantiates it. */
	private static Program.Code load(byte[] bytes) {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
			return (Program.Code) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
		} catch (Throwable e) {
			throw new IllegalStateException("the policy compiler emitted a class the JVM refuses: " + e, e);
		}
	}

	// ------------------------------------------------------------------ methods of the class

	private void constructor() {
		MethodVisitor init = classWriter.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
		init.visitCode();
		init.visitVarInsn(ALOAD, 0);
		init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
		init.visitInsn(RETURN);
		init.visitMaxs(0, 0);
		init.visitEnd();
	}

	/** Starts a static method taking the frame (local 0). */
	private void begin(String name, String returns, boolean function) {
		mv = classWriter.visitMethod(ACC_PRIVATE | ACC_STATIC, name, "(" + F + ")" + returns, null, null);
		mv.visitCode();
		nextLocal = 1;
		inFunction = function;
	}

	private void end() {
		mv.visitMaxs(0, 0);
		mv.visitEnd();
		mv = null;
	}

	private void function(Function f) {
		sources.put(functions.get(f).method(), f);
		begin(functions.get(f).method(), "J", true);
		if (f.getExpression() != null) {
			expression(f.getExpression());
		} else {
			block(f.getBody());
			mv.visitInsn(LCONST_0); // not reached: the checks make every path return
		}
		mv.visitInsn(LRETURN);
		end();
	}

	private void handler(String name, Block body) {
		sources.put(name, body.eContainer());
		begin(name, "V", false);
		block(body);
		mv.visitInsn(RETURN);
		end();
	}

	/** One method per attribute initialiser; returns the method names by slot (null: no initialiser). */
	private String[] initialisers(String prefix, List<Attribute> attributes, boolean[] present) {
		String[] methods = new String[attributes.size()];
		for (int i = 0; i < methods.length; i++) {
			Expression init = attributes.get(i).getInit();
			if (init != null) {
				present[i] = true;
				methods[i] = prefix + i + "_" + attributes.get(i).getName();
				expressionMethod(methods[i], init);
			}
		}
		return methods;
	}

	private void expressionMethod(String name, Expression e) {
		sources.put(name, e);
		begin(name, "J", true);
		expression(e);
		mv.visitInsn(LRETURN);
		end();
	}

	/**
	 * An interface method {@code name(int which, Frame f)} that calls static method {@code which} (or
	 * returns 0 / nothing where there is none); {@code returns} is "V" or "J".
	 */
	private void dispatcher(String name, String[] targets, String returns) {
		boolean isVoid = "V".equals(returns);
		MethodVisitor d = classWriter.visitMethod(ACC_PUBLIC, name, "(I" + F + ")" + returns, null, null);
		d.visitCode();
		Label none = new Label();
		boolean any = Arrays.stream(targets).anyMatch(t -> t != null);
		if (any) {
			Label[] cases = new Label[targets.length];
			for (int i = 0; i < targets.length; i++) {
				cases[i] = targets[i] == null ? none : new Label();
			}
			d.visitVarInsn(ILOAD, 1);
			d.visitTableSwitchInsn(0, targets.length - 1, none, cases);
			for (int i = 0; i < targets.length; i++) {
				if (targets[i] != null) {
					d.visitLabel(cases[i]);
					d.visitVarInsn(ALOAD, 2);
					d.visitMethodInsn(INVOKESTATIC, className, targets[i], "(" + F + ")" + returns, false);
					d.visitInsn(isVoid ? RETURN : LRETURN);
				}
			}
		}
		d.visitLabel(none);
		if (isVoid) {
			d.visitInsn(RETURN);
		} else {
			d.visitInsn(LCONST_0);
			d.visitInsn(LRETURN);
		}
		d.visitMaxs(0, 0);
		d.visitEnd();
	}

	/** An interface method {@code name(Frame f)} that calls static method {@code target}, if there is one. */
	private void singleDispatcher(String name, String target) {
		MethodVisitor d = classWriter.visitMethod(ACC_PUBLIC, name, "(" + F + ")V", null, null);
		d.visitCode();
		if (target != null) {
			d.visitVarInsn(ALOAD, 1);
			d.visitMethodInsn(INVOKESTATIC, className, target, "(" + F + ")V", false);
		}
		d.visitInsn(RETURN);
		d.visitMaxs(0, 0);
		d.visitEnd();
	}

	// ------------------------------------------------------------------ the steal

	private Program.Steal steal(BalanceHandler b, String[] parts) {
		Program.Steal s = new Program.Steal();
		s.period = b.getPeriod() == null ? -1 : Constants.evaluate(b.getPeriod(), params);
		s.onIdle = b.isOnIdle();
		s.levels = b.isPerLevel()
				? PolicyModel.levels(policy).stream().mapToInt(l -> Topology.levelId(l.getName())).toArray()
				: new int[0];
		s.victimSlot = slots.get(b.getVictim());
		s.selectMax = b.getSelect() == Extremum.MAX;
		s.movedSlot = slots.get(b.getMoved());
		s.migrateKey = b.getMigrateKey() != null;
		s.migrateHighest = b.getDirection() == Direction.HIGHEST;
		s.migrateCondition = b.getMigrateCondition() != null;
		s.onMove = b.getOnMove() != null;
		stealPart(parts, Program.FILTER, "filter", b.getFilter());
		stealPart(parts, Program.SELECT_KEY, "selectKey", b.getSelectKey());
		stealPart(parts, Program.SOURCE, "source", b.getSource());
		stealPart(parts, Program.MIGRATE_KEY, "migrateKey", b.getMigrateKey());
		stealPart(parts, Program.MIGRATE_CONDITION, "migrateCondition", b.getMigrateCondition());
		stealPart(parts, Program.STOP, "stop", b.getStop());
		return s;
	}

	private void stealPart(String[] parts, int part, String name, Expression e) {
		if (e != null) {
			parts[part] = "steal_" + name;
			expressionMethod(parts[part], e);
		}
	}

	// ------------------------------------------------------------------ statements

	private void block(Block block) {
		for (Statement s : block.getStatements()) {
			statement(s);
		}
	}

	private void statement(Statement s) {
		Label here = new Label();
		mv.visitLabel(here);
		mv.visitLineNumber(line(s), here);
		if (s instanceof VarDecl local) {
			frameArgument();
			push(slots.get(local));
			expression(local.getInit());
			ops(OpsCall.SET_SLOT);
		} else if (s instanceof If branch) {
			conditional(branch);
		} else if (s instanceof Foreach loop) {
			foreach(loop);
		} else if (s instanceof Return ret) {
			returnStatement(ret);
		} else if (s instanceof Preempt preempt) {
			frameArgument();
			expression(preempt.getCore());
			push(line(preempt));
			ops(OpsCall.PREEMPT);
		} else {
			Action action = (Action) s;
			if (action.getDestination() != null) {
				transition(action);
			} else {
				assignment(action);
			}
		}
	}

	private void conditional(If branch) {
		choose(branch.getCondition(), () -> block(branch.getThen()), () -> {
			if (branch.getElseIf() != null) {
				conditional(branch.getElseIf());
			} else if (branch.getElse() != null) {
				block(branch.getElse());
			}
		});
	}

	/** Emits {@code whenTrue} and {@code whenFalse}, one of which runs, as a boolean expression says. */
	private void choose(Expression condition, Runnable whenTrue, Runnable whenFalse) {
		Label otherwise = new Label();
		Label end = new Label();
		condition(condition, otherwise);
		whenTrue.run();
		mv.visitJumpInsn(GOTO, end);
		mv.visitLabel(otherwise);
		whenFalse.run();
		mv.visitLabel(end);
	}

	/** Evaluates a boolean expression and jumps to {@code ifFalse} when it is false (0). */
	private void condition(Expression e, Label ifFalse) {
		expression(e);
		mv.visitInsn(LCONST_0);
		mv.visitInsn(LCMP);
		mv.visitJumpInsn(IFEQ, ifFalse);
	}

	/** Runs the body once per element of a snapshot taken when the loop starts ({@link Ops#snapshot}). */
	private void foreach(Foreach loop) {
		int id = loops.get(loop);
		int count = newInt();
		int index = newInt();
		frameArgument();
		expression(loop.getCollection());
		push(id);
		ops(OpsCall.SNAPSHOT);
		mv.visitVarInsn(ISTORE, count);
		mv.visitInsn(ICONST_0);
		mv.visitVarInsn(ISTORE, index);
		countedLoop(index, count, next -> {
			bind(loop.getVariable(), () -> {
				frameArgument();
				push(id);
				mv.visitVarInsn(ILOAD, index);
				ops(OpsCall.SNAPSHOT_AT);
			});
			block(loop.getBody());
		}, () -> mv.visitIincInsn(index, 1));
	}

	/**
	 * The loop that foreach and aggregates share: while {@code index < count}, the body, then
	 * {@code step} (which advances {@code index}). The body gets the label of the step, its
	 * {@code continue}.
	 */
	private void countedLoop(int index, int count, Consumer<Label> body, Runnable step) {
		Label top = new Label();
		Label next = new Label();
		Label end = new Label();
		mv.visitLabel(top);
		mv.visitVarInsn(ILOAD, index);
		mv.visitVarInsn(ILOAD, count);
		mv.visitJumpInsn(IF_ICMPGE, end);
		body.accept(next);
		mv.visitLabel(next);
		step.run();
		mv.visitJumpInsn(GOTO, top);
		mv.visitLabel(end);
	}

	/** Sets a loop's or aggregate's variable to the long that {@code value} pushes. */
	private void bind(Binder variable, Runnable value) {
		frameArgument();
		push(slots.get(variable));
		value.run();
		ops(OpsCall.SET_SLOT);
	}

	/** In a function: its result. In a handler: the end of the handler (a value is evaluated, then dropped). */
	private void returnStatement(Return ret) {
		if (inFunction) {
			if (ret.getValue() == null) {
				mv.visitInsn(LCONST_0);
			} else {
				expression(ret.getValue());
			}
			mv.visitInsn(LRETURN);
		} else {
			if (ret.getValue() != null) {
				expression(ret.getValue());
				mv.visitInsn(POP2);
			}
			mv.visitInsn(RETURN);
		}
	}

	private void assignment(Action action) {
		String op = action.getOperator().getLiteral();
		Expression target = action.getTarget();
		if (target instanceof SymbolRef ref) {
			frameArgument();
			push(slots.get(ref.getSymbol()));
			expression(action.getValue());
			ops(switch (op) {
				case "+=" -> OpsCall.ADD_SLOT;
				case "-=" -> OpsCall.SUBTRACT_SLOT;
				default -> OpsCall.SET_SLOT;
			});
			return;
		}
		MemberAccess access = (MemberAccess) target;
		Attribute attribute = (Attribute) access.getMember();
		boolean thread = PolicyModel.isThreadAttribute(attribute);
		// receiver, then its none check, then the value
		frameArgument();
		expression(access.getReceiver());
		push(line(action));
		mv.visitLdcInsn(attribute.getName());
		ops(OpsCall.REFERENCE);
		expression(action.getValue());
		push(thread ? threadAttributes.indexOf(attribute) : coreAttributes.indexOf(attribute));
		push("+=".equals(op) ? 1 : "-=".equals(op) ? -1 : 0);
		ops(thread ? OpsCall.ASSIGN_THREAD_ATTR : OpsCall.ASSIGN_CORE_ATTR);
	}

	private void transition(Action action) {
		int line = line(action);
		frameArgument();
		if (PolicyTypes.typeOf(action.getTarget()) == ValueType.CORE) {
			Expression dest = ((ToExpression) action.getDestination()).getExpression();
			expression(action.getTarget());
			push(coreStates.indexOf((CoreState) ((SymbolRef) dest).getSymbol()));
			push(line);
			ops(OpsCall.TO_CORE_STATE);
			return;
		}
		if (action.getDestination() instanceof Blocked || action.getDestination() instanceof Terminated) {
			expression(action.getTarget());
			push(line);
			ops(action.getDestination() instanceof Blocked ? OpsCall.TO_BLOCKED : OpsCall.TO_TERMINATED);
			return;
		}
		// the thread and its check first, then the destination
		frameArgument();
		expression(action.getTarget());
		push(line);
		ops(OpsCall.MOVABLE);
		Expression dest = ((ToExpression) action.getDestination()).getExpression();
		if (dest instanceof MemberAccess access && access.isCurrentSlot()) {
			expression(access.getReceiver());
			push(line);
			ops(OpsCall.TO_CURRENT);
		} else {
			expression(dest);
			push(line);
			ops(OpsCall.TO_QUEUE);
		}
	}

	// ------------------------------------------------------------------ expressions: each pushes a long

	private void expression(Expression e) {
		if (e instanceof IntLiteral i) {
			pushLong(i.getValue());
		} else if (e instanceof DurationLiteral d) {
			pushLong(d.getValue());
		} else if (e instanceof BoolLiteral b) {
			pushLong(b.isValue() ? 1 : 0);
		} else if (e instanceof NoneLiteral) {
			pushLong(Machine.NONE);
		} else if (e instanceof Now) {
			frameArgument();
			ops(OpsCall.NOW);
		} else if (e instanceof Self) {
			frameArgument();
			ops(OpsCall.SELF);
		} else if (e instanceof AllCores) {
			pushLong(CollectionValue.ALL_CORES);
		} else if (e instanceof SymbolRef ref) {
			symbol(ref.getSymbol());
		} else if (e instanceof MemberAccess access) {
			member(access);
		} else if (e instanceof Index index) {
			Constant table = PolicyModel.tableNamed(index.getTable());
			frameArgument();
			push(tables.indexOf(table));
			expression(index.getIndex());
			push(line(index));
			mv.visitLdcInsn(table.getName());
			ops(OpsCall.TABLE_ELEMENT);
		} else if (e instanceof Unary u) {
			expression(u.getOperand());
			if ("!".equals(u.getOperator())) {
				ops(OpsCall.NOT);
			} else {
				mv.visitInsn(LNEG);
			}
		} else if (e instanceof Binary b) {
			binary(b);
		} else if (e instanceof Conditional c) {
			choose(c.getCondition(), () -> expression(c.getWhenTrue()), () -> expression(c.getWhenFalse()));
		} else if (e instanceof Call call) {
			call(call);
		} else if (e instanceof BuiltinCall call) {
			builtin(call);
		} else if (e instanceof Aggregate aggregate) {
			aggregate(aggregate);
		} else {
			throw new IllegalStateException("cannot compile " + e.eClass().getName());
		}
	}

	private void symbol(Symbol symbol) {
		if (symbol instanceof Param p) {
			pushLong(params.containsKey(p.getName()) ? params.get(p.getName()) : Constants.evaluate(p.getDefault(), params));
		} else if (symbol instanceof Constant c) {
			pushLong(Constants.value(c));
		} else if (symbol instanceof CoreState s) {
			pushLong(CollectionValue.coreState(coreStates.indexOf(s)));
		} else if (symbol instanceof SharedQueue q) {
			frameArgument();
			push(sharedQueues.indexOf(q));
			ops(OpsCall.SHARED_QUEUE);
		} else if (symbol instanceof Level l) {
			pushLong(Topology.levelId(l.getName()));
		} else {
			frameArgument();
			push(slots.get(symbol));
			ops(OpsCall.SLOT);
		}
	}

	private void member(MemberAccess access) {
		int line = line(access);
		frameArgument();
		expression(access.getReceiver());
		if (access.isCurrentSlot()) {
			push(line);
			ops(OpsCall.CURRENT);
		} else if (access.getMember() instanceof Queue q) {
			push(coreQueues.indexOf(q));
			push(line);
			mv.visitLdcInsn(q.getName());
			ops(OpsCall.CORE_QUEUE);
		} else {
			Attribute attribute = (Attribute) access.getMember();
			boolean thread = PolicyModel.isThreadAttribute(attribute);
			push(thread ? threadAttributes.indexOf(attribute) : coreAttributes.indexOf(attribute));
			push(line);
			mv.visitLdcInsn(attribute.getName());
			ops(thread ? OpsCall.THREAD_ATTR : OpsCall.CORE_ATTR);
		}
	}

	private void binary(Binary b) {
		String operator = b.getOperator();
		switch (operator) {
			case "&&", "||" -> {
				boolean and = "&&".equals(operator);
				Label decided = new Label();
				Label end = new Label();
				for (Expression operand : List.of(b.getLeft(), b.getRight())) {
					expression(operand);
					mv.visitInsn(LCONST_0);
					mv.visitInsn(LCMP);
					mv.visitJumpInsn(and ? IFEQ : IFNE, decided);
				}
				mv.visitInsn(and ? LCONST_1 : LCONST_0);
				mv.visitJumpInsn(GOTO, end);
				mv.visitLabel(decided);
				mv.visitInsn(and ? LCONST_0 : LCONST_1);
				mv.visitLabel(end);
			}
			case "in" -> membership(b);
			default -> {
				expression(b.getLeft());
				expression(b.getRight());
				switch (operator) {
					case "+" -> mv.visitInsn(LADD);
					case "-" -> mv.visitInsn(LSUB);
					case "*" -> mv.visitInsn(LMUL);
					case "/" -> ops(OpsCall.DIVIDE);
					case "%" -> ops(OpsCall.REMAINDER);
					case "<" -> comparison(IFLT);
					case "<=" -> comparison(IFLE);
					case ">" -> comparison(IFGT);
					case ">=" -> comparison(IFGE);
					case "==" -> comparison(IFEQ);
					case "!=" -> comparison(IFNE);
					default -> throw new IllegalStateException("operator " + operator);
				}
			}
		}
	}

	/**
	 * {@code x in C}. Membership of a topology domain or a core state, the tests a balancing policy makes
	 * for every candidate core, is tested directly rather than through a collection value.
	 */
	private void membership(Binary b) {
		Expression set = b.getRight();
		frameArgument();
		expression(b.getLeft());
		if (set instanceof BuiltinCall call && call.getBuiltin() == Builtin.DOMAIN) {
			// as Ops.domain: the level first, then the core
			int level = newLong();
			expression(call.getArguments().get(1));
			mv.visitVarInsn(LSTORE, level);
			expression(call.getArguments().get(0));
			mv.visitVarInsn(LLOAD, level);
			push(line(call));
			ops(OpsCall.IN_DOMAIN);
		} else if (set instanceof SymbolRef ref && ref.getSymbol() instanceof CoreState state) {
			push(coreStates.indexOf(state));
			ops(OpsCall.IN_STATE);
		} else {
			expression(set);
			ops(OpsCall.IN);
		}
	}

	/** Compares the two longs on the stack; 1 when {@code jumpIfTrue} (applied to LCMP's result) jumps, else 0. */
	private void comparison(int jumpIfTrue) {
		Label yes = new Label();
		Label end = new Label();
		mv.visitInsn(LCMP);
		mv.visitJumpInsn(jumpIfTrue, yes);
		mv.visitInsn(LCONST_0);
		mv.visitJumpInsn(GOTO, end);
		mv.visitLabel(yes);
		mv.visitInsn(LCONST_1);
		mv.visitLabel(end);
	}

	/** Every argument is evaluated before any parameter is bound: {@code f(f(x))} is a legal call. */
	private void call(Call call) {
		FunctionCode code = functions.get(call.getFunction());
		List<Expression> args = call.getArguments();
		int[] values = new int[args.size()];
		for (int i = 0; i < values.length; i++) {
			expression(args.get(i));
			values[i] = newLong();
			mv.visitVarInsn(LSTORE, values[i]);
		}
		for (int i = 0; i < values.length; i++) {
			frameArgument();
			push(code.paramSlots()[i]);
			mv.visitVarInsn(LLOAD, values[i]);
			ops(OpsCall.SET_SLOT);
		}
		frameArgument();
		mv.visitMethodInsn(INVOKESTATIC, className, code.method(), "(" + F + ")J", false);
	}

	private void builtin(BuiltinCall call) {
		List<Expression> args = call.getArguments();
		int line = line(call);
		switch (call.getBuiltin()) {
			case EMPTY, SIZE, FIRST -> {
				frameArgument();
				expression(args.get(0));
				ops(switch (call.getBuiltin()) {
					case EMPTY -> OpsCall.EMPTY;
					case SIZE -> OpsCall.SIZE;
					default -> OpsCall.FIRST;
				});
			}
			case RUNNABLE, CPU -> {
				frameArgument();
				expression(args.get(0));
				push(line);
				ops(call.getBuiltin() == Builtin.RUNNABLE ? OpsCall.RUNNABLE : OpsCall.CPU);
			}
			case AFFINITY -> {
				expression(args.get(0));
				push(line);
				ops(OpsCall.AFFINITY);
			}
			case DOMAIN -> {
				// the level first, then the core
				int level = newLong();
				expression(args.get(1));
				mv.visitVarInsn(LSTORE, level);
				expression(args.get(0));
				mv.visitVarInsn(LLOAD, level);
				push(line);
				ops(OpsCall.DOMAIN);
			}
			case ABS, MIN, MAX, CLAMP, LOG2 -> {
				args.forEach(this::expression); // every argument, left to right
				ops(switch (call.getBuiltin()) {
					case ABS -> OpsCall.ABS;
					case MIN -> OpsCall.MIN;
					case MAX -> OpsCall.MAX;
					case CLAMP -> OpsCall.CLAMP;
					default -> OpsCall.LOG2;
				});
			}
		}
	}

	/**
	 * An aggregate: a loop over the collection (a queue's threads, or the cores of a core set), binding
	 * the variable to each element that passes {@code where}. A {@code sum} of a thread attribute over
	 * a queue reads the machine's kept sum instead ({@link SummedAttributes}); a {@code count} without
	 * {@code where} is the collection's size.
	 */
	private void aggregate(Aggregate a) {
		AggregateKind kind = a.getKind();
		int collection = newLong();
		expression(a.getCollection());
		mv.visitVarInsn(LSTORE, collection);
		Label done = new Label();
		if (kind == AggregateKind.COUNT && a.getCondition() == null) {
			frameArgument();
			mv.visitVarInsn(LLOAD, collection);
			ops(OpsCall.SIZE);
			return;
		}
		Attribute summed = SummedAttributes.summedAttribute(a);
		if (summed != null) {
			Label scan = new Label();
			mv.visitVarInsn(LLOAD, collection);
			ops(OpsCall.IS_QUEUE);
			mv.visitJumpInsn(IFEQ, scan);
			frameArgument();
			mv.visitVarInsn(LLOAD, collection);
			push(layout.summedIndex(threadAttributes.indexOf(summed)));
			ops(OpsCall.QUEUE_SUM);
			mv.visitJumpInsn(GOTO, done);
			mv.visitLabel(scan);
		}
		int count = newInt();
		int index = newInt();
		int element = newInt();
		int best = newLong();
		int bestKey = newLong();
		int total = newLong();
		int key = newLong();
		// Over cores, min, max and first choose a core by id; the tied cores' bits go to the frame's
		// CoreOrder at the end (Ops.chooseCore), which is how the verifier lets a tie go any way.
		boolean overCores = PolicyTypes.typeOf(a.getCollection()) == ValueType.CORE_SET
				&& (kind == AggregateKind.MIN || kind == AggregateKind.MAX || kind == AggregateKind.FIRST);
		int tied = newLong();
		int cmp = newInt();
		mv.visitInsn(LCONST_0);
		mv.visitVarInsn(LSTORE, tied);
		// `where x in S ...` over cores: visit only the cores in state S (the machine keeps that set), in
		// increasing id like the full visit; the others fail the condition anyway. Not for `all`, which
		// must see the first element that fails.
		int state = kind == AggregateKind.ALL ? -1 : stateOfWhere(a);
		if (state >= 0) {
			frameArgument();
			ops(OpsCall.CORES);
			mv.visitVarInsn(ISTORE, count);
			frameArgument();
			push(state);
			mv.visitInsn(ICONST_0);
			ops(OpsCall.NEXT_IN_STATE);
		} else {
			frameArgument();
			mv.visitVarInsn(LLOAD, collection);
			ops(OpsCall.POSITIONS);
			mv.visitVarInsn(ISTORE, count);
			mv.visitInsn(ICONST_0);
		}
		mv.visitVarInsn(ISTORE, index);
		pushLong(Machine.NONE);
		mv.visitVarInsn(LSTORE, best);
		mv.visitInsn(LCONST_0);
		mv.visitVarInsn(LSTORE, bestKey);
		mv.visitInsn(LCONST_0);
		mv.visitVarInsn(LSTORE, total);

		countedLoop(index, count, next -> {
			frameArgument();
			mv.visitVarInsn(LLOAD, collection);
			mv.visitVarInsn(ILOAD, index);
			ops(state >= 0 ? OpsCall.MEMBER_OR_NONE : OpsCall.ELEMENT);
			mv.visitVarInsn(ISTORE, element);
			mv.visitVarInsn(ILOAD, element);
			mv.visitJumpInsn(IFLT, next);
			bind(a.getVariable(), () -> {
				mv.visitVarInsn(ILOAD, element);
				mv.visitInsn(I2L);
			});
			if (a.getCondition() != null) {
				Label passes = new Label();
				expression(a.getCondition());
				mv.visitInsn(LCONST_0);
				mv.visitInsn(LCMP);
				mv.visitJumpInsn(IFNE, passes);
				if (kind == AggregateKind.ALL) {
					mv.visitInsn(LCONST_0);
					mv.visitJumpInsn(GOTO, done);
				} else {
					mv.visitJumpInsn(GOTO, next);
				}
				mv.visitLabel(passes);
			}
			switch (kind) {
				case EXISTS -> {
					mv.visitInsn(LCONST_1);
					mv.visitJumpInsn(GOTO, done);
				}
				case FIRST -> {
					if (overCores) {
						// by id, the first match is the answer; otherwise every match is a candidate
						Label collect = new Label();
						frameArgument();
						ops(OpsCall.ORDER_BY_ID);
						mv.visitJumpInsn(IFEQ, collect);
						mv.visitVarInsn(ILOAD, element);
						mv.visitInsn(I2L);
						mv.visitJumpInsn(GOTO, done);
						mv.visitLabel(collect);
						addTied(tied, element);
					} else {
						mv.visitVarInsn(ILOAD, element);
						mv.visitInsn(I2L);
						mv.visitJumpInsn(GOTO, done);
					}
				}
				case COUNT -> {
					mv.visitVarInsn(LLOAD, total);
					mv.visitInsn(LCONST_1);
					mv.visitInsn(LADD);
					mv.visitVarInsn(LSTORE, total);
				}
				case SUM -> {
					mv.visitVarInsn(LLOAD, total);
					keyOf(a);
					mv.visitInsn(LADD);
					mv.visitVarInsn(LSTORE, total);
				}
				case MIN, MAX -> {
					// the first element, or one whose key is strictly better: the lowest position wins ties
					Label take = new Label();
					keyOf(a);
					mv.visitVarInsn(LSTORE, key);
					mv.visitVarInsn(LLOAD, best);
					pushLong(Machine.NONE);
					mv.visitInsn(LCMP);
					mv.visitJumpInsn(IFEQ, take);
					mv.visitVarInsn(LLOAD, key);
					mv.visitVarInsn(LLOAD, bestKey);
					mv.visitInsn(LCMP);
					if (overCores) {
						// an equal key joins the tie; a worse one is skipped
						Label tie = new Label();
						mv.visitVarInsn(ISTORE, cmp);
						mv.visitVarInsn(ILOAD, cmp);
						mv.visitJumpInsn(IFEQ, tie);
						mv.visitVarInsn(ILOAD, cmp);
						mv.visitJumpInsn(kind == AggregateKind.MIN ? IFGT : IFLT, next);
						mv.visitJumpInsn(GOTO, take);
						mv.visitLabel(tie);
						addTied(tied, element);
						mv.visitJumpInsn(GOTO, next);
					} else {
						mv.visitJumpInsn(kind == AggregateKind.MIN ? IFGE : IFLE, next);
					}
					mv.visitLabel(take);
					mv.visitVarInsn(ILOAD, element);
					mv.visitInsn(I2L);
					mv.visitVarInsn(LSTORE, best);
					mv.visitVarInsn(LLOAD, key);
					mv.visitVarInsn(LSTORE, bestKey);
					if (overCores) {
						frameArgument();
						mv.visitVarInsn(ILOAD, element);
						ops(OpsCall.CORE_BIT);
						mv.visitVarInsn(LSTORE, tied);
					}
				}
				case ALL -> {
				}
			}
		}, () -> {
			if (state >= 0) {
				// the next core in state S after this one
				frameArgument();
				push(state);
				mv.visitVarInsn(ILOAD, index);
				mv.visitInsn(ICONST_1);
				mv.visitInsn(IADD);
				ops(OpsCall.NEXT_IN_STATE);
				mv.visitVarInsn(ISTORE, index);
			} else {
				mv.visitIincInsn(index, 1);
			}
		});
		switch (kind) {
			case EXISTS -> mv.visitInsn(LCONST_0);
			case ALL -> mv.visitInsn(LCONST_1);
			case COUNT, SUM -> mv.visitVarInsn(LLOAD, total);
			default -> {
				if (overCores) {
					frameArgument();
					mv.visitVarInsn(LLOAD, best);
					mv.visitVarInsn(LLOAD, tied);
					ops(OpsCall.CHOOSE_CORE);
				} else {
					mv.visitVarInsn(LLOAD, best);
				}
			}
		}
		mv.visitLabel(done);
	}

	/** {@code tied |= bit(element)}: the core joins the candidates of a tie. */
	private void addTied(int tied, int element) {
		mv.visitVarInsn(LLOAD, tied);
		frameArgument();
		mv.visitVarInsn(ILOAD, element);
		ops(OpsCall.CORE_BIT);
		mv.visitInsn(LOR);
		mv.visitVarInsn(LSTORE, tied);
	}

	/**
	 * The core state S when an aggregate over cores has the condition {@code x in S}, or
	 * {@code x in S && ...}; else -1.
	 */
	private int stateOfWhere(Aggregate a) {
		if (PolicyTypes.typeOf(a.getCollection()) != ValueType.CORE_SET) {
			return -1;
		}
		Expression condition = a.getCondition();
		while (condition instanceof Binary b && "&&".equals(b.getOperator())) {
			condition = b.getLeft();
		}
		if (condition instanceof Binary in && "in".equals(in.getOperator())
				&& in.getLeft() instanceof SymbolRef element && element.getSymbol() == a.getVariable()
				&& in.getRight() instanceof SymbolRef set && set.getSymbol() instanceof CoreState s) {
			return coreStates.indexOf(s);
		}
		return -1;
	}

	private void keyOf(Aggregate a) {
		if (a.getKey() == null) {
			mv.visitInsn(LCONST_0);
		} else {
			expression(a.getKey());
		}
	}

	// ------------------------------------------------------------------ emitting

	/** Pushes the frame, the first argument of every {@link Ops} method that reads the machine. */
	private void frameArgument() {
		mv.visitVarInsn(ALOAD, 0);
	}

	/** A call of an {@link Ops} method, with the descriptor of its real signature. */
	private void ops(OpsCall call) {
		mv.visitMethodInsn(INVOKESTATIC, OpsCall.OWNER, call.methodName, call.descriptor, false);
	}

	private void push(int value) {
		if (value >= -1 && value <= 5) {
			mv.visitInsn(ICONST_0 + value);
		} else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
			mv.visitIntInsn(BIPUSH, value);
		} else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
			mv.visitIntInsn(SIPUSH, value);
		} else {
			mv.visitLdcInsn(value);
		}
	}

	private void pushLong(long value) {
		if (value == 0) {
			mv.visitInsn(LCONST_0);
		} else if (value == 1) {
			mv.visitInsn(LCONST_1);
		} else {
			mv.visitLdcInsn(value);
		}
	}

	private int newInt() {
		return nextLocal++;
	}

	private int newLong() {
		int local = nextLocal;
		nextLocal += 2;
		return local;
	}

	private static int line(EObject o) {
		ICompositeNode node = NodeModelUtils.getNode(o);
		return node == null ? 0 : node.getStartLine();
	}
}
