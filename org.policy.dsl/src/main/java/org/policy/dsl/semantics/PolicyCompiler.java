package org.policy.dsl.semantics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Action;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AllCores;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binary;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.Blocked;
import org.policy.dsl.policy.BoolLiteral;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
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
import org.policy.dsl.semantics.Program.Ev;
import org.policy.dsl.semantics.Program.Ex;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Turns a checked policy model into executable nodes. All name resolution happens here, once: locals,
 * binders and parameters become slots of the {@link Frame}, attributes become slots of the
 * {@link Machine}, queues become queue kinds, parameters become constants. The nodes it builds allocate
 * nothing when they run; the few that need scratch space (loops over queues, calls) own it.
 */
final class PolicyCompiler {
	private final Policy policy;
	private final Layout layout;
	private final Map<String, Long> params;
	private final Map<EObject, Integer> slots = new HashMap<>();
	private final Map<Function, FunctionCode> functions = new HashMap<>();
	private final List<Attribute> threadAttributes;
	private final List<Attribute> coreAttributes;
	private final List<Queue> coreQueues;
	private final List<SharedQueue> sharedQueues;
	private final List<CoreState> coreStates;

	/** A function's body, filled in after all functions have a slot (calls may come first). */
	private static final class FunctionCode {
		int[] paramSlots;
		Ev expression;
		Ex body;
	}

	private PolicyCompiler(Policy policy, Layout layout, Map<String, Long> params) {
		this.policy = policy;
		this.layout = layout;
		this.params = params;
		this.threadAttributes = PolicyModel.threadAttributes(policy);
		this.coreAttributes = PolicyModel.coreAttributes(policy);
		this.coreQueues = PolicyModel.coreQueues(policy);
		this.sharedQueues = PolicyModel.sharedQueues(policy);
		this.coreStates = PolicyModel.coreStates(policy);
	}

	static Program compile(Policy policy, Layout layout, Map<String, Long> params) {
		return new PolicyCompiler(policy, layout, params).compile();
	}

	private Program compile() {
		for (EObject o : EcoreUtil2.eAllContents(policy)) {
			if (o instanceof VarDecl || o instanceof Binder || o instanceof FormalParam) {
				slots.put(o, slots.size());
			}
		}
		for (Function f : PolicyModel.functions(policy)) {
			FunctionCode code = new FunctionCode();
			code.paramSlots = f.getParams().stream().mapToInt(slots::get).toArray();
			functions.put(f, code);
		}
		for (Function f : PolicyModel.functions(policy)) {
			FunctionCode code = functions.get(f);
			if (f.getExpression() != null) {
				code.expression = expression(f.getExpression());
			} else {
				code.body = block(f.getBody());
			}
		}
		Program program = new Program();
		program.slotCount = slots.size();
		program.threadInit = initialisers(threadAttributes);
		program.coreInit = initialisers(coreAttributes);
		int events = org.policy.dsl.policy.Event.values().length;
		program.handlers = new Ex[events];
		program.targetSlot = new int[events];
		java.util.Arrays.fill(program.targetSlot, -1);
		for (EventHandler h : PolicyModel.eventHandlers(policy)) {
			int e = h.getEvent().getValue();
			if (program.handlers[e] == null) {
				program.handlers[e] = block(h.getBody());
				program.targetSlot[e] = h.getTarget() == null ? -1 : slots.get(h.getTarget());
			}
		}
		PolicyModel.balance(policy).ifPresent(b -> program.steal = steal(b));
		return program;
	}

	private Ev[] initialisers(List<Attribute> attributes) {
		Ev[] result = new Ev[attributes.size()];
		for (int i = 0; i < result.length; i++) {
			Expression init = attributes.get(i).getInit();
			result[i] = init == null ? null : expression(init);
		}
		return result;
	}

	// ------------------------------------------------------------------ the steal

	private Program.Steal steal(BalanceHandler b) {
		Program.Steal s = new Program.Steal();
		s.period = b.getPeriod() == null ? -1 : Constants.evaluate(b.getPeriod(), params);
		s.onIdle = b.isOnIdle();
		s.levels = b.isPerLevel()
				? PolicyModel.levels(policy).stream().mapToInt(l -> Topology.levelId(l.getName())).toArray()
				: new int[0];
		s.victimSlot = slots.get(b.getVictim());
		s.filter = expression(b.getFilter());
		s.selectMax = b.getSelect() == org.policy.dsl.policy.Extremum.MAX;
		s.selectKey = expression(b.getSelectKey());
		s.movedSlot = slots.get(b.getMoved());
		s.source = expression(b.getSource());
		if (b.getMigrateKey() != null) {
			s.migrateKey = expression(b.getMigrateKey());
			s.migrateHighest = b.getDirection() == org.policy.dsl.policy.Direction.HIGHEST;
		}
		s.migrateCondition = b.getMigrateCondition() == null ? null : expression(b.getMigrateCondition());
		s.stop = expression(b.getStop());
		return s;
	}

	// ------------------------------------------------------------------ statements

	private Ex block(Block block) {
		Ex[] statements = block.getStatements().stream().map(this::statement).toArray(Ex[]::new);
		return f -> {
			for (Ex s : statements) {
				s.exec(f);
				if (f.returning) {
					return;
				}
			}
		};
	}

	private Ex statement(Statement s) {
		if (s instanceof VarDecl local) {
			int slot = slots.get(local);
			Ev init = expression(local.getInit());
			return f -> f.slots[slot] = init.eval(f);
		}
		if (s instanceof If branch) {
			return conditional(branch);
		}
		if (s instanceof Foreach loop) {
			return foreach(loop);
		}
		if (s instanceof Return ret) {
			Ev value = ret.getValue() == null ? f -> 0 : expression(ret.getValue());
			return f -> {
				f.result = value.eval(f);
				f.returning = true;
			};
		}
		Action action = (Action) s;
		return action.getDestination() != null ? transition(action) : assignment(action);
	}

	private Ex conditional(If branch) {
		Ev condition = expression(branch.getCondition());
		Ex then = block(branch.getThen());
		Ex otherwise = branch.getElseIf() != null ? conditional(branch.getElseIf())
				: branch.getElse() != null ? block(branch.getElse()) : f -> { };
		return f -> {
			if (condition.eval(f) != 0) {
				then.exec(f);
			} else {
				otherwise.exec(f);
			}
		};
	}

	/** Runs the body once per element of a snapshot taken when the loop starts. */
	private Ex foreach(Foreach loop) {
		int slot = slots.get(loop.getVariable());
		Ev collection = expression(loop.getCollection());
		Ex body = block(loop.getBody());
		int[][] scratch = { new int[0] };
		return f -> {
			Machine m = f.machine;
			long value = collection.eval(f);
			int n = snapshot(m, value, scratch);
			int[] elements = scratch[0];
			for (int i = 0; i < n; i++) {
				f.slots[slot] = elements[i];
				body.exec(f);
				if (f.returning) {
					return;
				}
			}
		};
	}

	/** Copies a collection's elements into {@code scratch[0]} (grown once if needed); returns the count. */
	private static int snapshot(Machine m, long collection, int[][] scratch) {
		int room = Math.max(m.threadCapacity(), m.cores());
		if (scratch[0].length < room) {
			scratch[0] = new int[room];
		}
		int[] out = scratch[0];
		int n = 0;
		if (CollectionValue.isQueue(collection)) {
			int q = CollectionValue.queueOf(collection);
			for (int i = 0; i < m.size(q); i++) {
				out[n++] = m.at(q, i);
			}
		} else {
			for (int c = 0; c < m.cores(); c++) {
				if (CollectionValue.containsCore(m, collection, c)) {
					out[n++] = c;
				}
			}
		}
		return n;
	}

	private Ex assignment(Action action) {
		Ev value = expression(action.getValue());
		String op = action.getOperator().getLiteral();
		Expression target = action.getTarget();
		int line = line(action);
		if (target instanceof SymbolRef ref) {
			int slot = slots.get(ref.getSymbol());
			return switch (op) {
				case "+=" -> f -> f.slots[slot] += value.eval(f);
				case "-=" -> f -> f.slots[slot] -= value.eval(f);
				default -> f -> f.slots[slot] = value.eval(f);
			};
		}
		MemberAccess access = (MemberAccess) target;
		Ev receiver = expression(access.getReceiver());
		Attribute attribute = (Attribute) access.getMember();
		String name = attribute.getName();
		int sign = "-=".equals(op) ? -1 : 1;
		boolean compound = !"=".equals(op);
		if (PolicyModel.isThreadAttribute(attribute)) {
			int slot = threadAttributes.indexOf(attribute);
			return f -> {
				int t = reference(receiver.eval(f), line, name);
				long v = value.eval(f);
				Machine m = f.machine;
				m.setThreadAttr(t, slot, compound ? m.threadAttr(t, slot) + sign * v : v);
			};
		}
		int slot = coreAttributes.indexOf(attribute);
		return f -> {
			int c = reference(receiver.eval(f), line, name);
			long v = value.eval(f);
			Machine m = f.machine;
			m.setCoreAttr(c, slot, compound ? m.coreAttr(c, slot) + sign * v : v);
		};
	}

	private Ex transition(Action action) {
		Ev thing = expression(action.getTarget());
		int line = line(action);
		if (PolicyTypes.typeOf(action.getTarget()) == ValueType.CORE) {
			Expression dest = ((ToExpression) action.getDestination()).getExpression();
			int state = coreStates.indexOf((CoreState) ((SymbolRef) dest).getSymbol());
			return f -> f.machine.setCoreState(reference(thing.eval(f), line, "core"), state);
		}
		if (action.getDestination() instanceof Blocked) {
			return f -> {
				int t = movable(f, thing.eval(f), line);
				f.machine.block(t);
			};
		}
		if (action.getDestination() instanceof Terminated) {
			return f -> {
				int t = movable(f, thing.eval(f), line);
				f.machine.terminate(t);
			};
		}
		Expression dest = ((ToExpression) action.getDestination()).getExpression();
		if (dest instanceof MemberAccess access && access.isCurrentSlot()) {
			Ev core = expression(access.getReceiver());
			return f -> {
				int t = movable(f, thing.eval(f), line);
				int c = reference(core.eval(f), line, "current");
				if (c != f.self || !f.schedule) {
					throw new PolicyFault(line, "only 'schedule' may make a thread current, and only on self");
				}
				if (f.machine.current(c) != Machine.NONE) {
					throw new PolicyFault(line, "core " + c + " already runs t" + f.machine.current(c));
				}
				if (f.machine.state(t) != ThreadState.READY) {
					throw new PolicyFault(line, "t" + t + " is " + ThreadState.name(f.machine.state(t))
							+ ", not ready: only a ready thread can become current");
				}
				f.machine.run(t, c);
			};
		}
		Ev queue = expression(dest);
		return f -> {
			int t = movable(f, thing.eval(f), line);
			f.machine.enqueue(t, CollectionValue.queueOf(queue.eval(f)));
		};
	}

	/** The thread a transition moves, after checking that the event lets it move. */
	private static int movable(Frame f, long value, int line) {
		int t = reference(value, line, "thread");
		if (t != f.target && !f.schedule) {
			throw new PolicyFault(line, "this handler may only move its target t" + f.target + ", not t" + t);
		}
		return t;
	}

	private static int reference(long value, int line, String what) {
		if (value < 0) {
			throw new PolicyFault(line, "'" + what + "' of none");
		}
		return (int) value;
	}

	// ------------------------------------------------------------------ expressions

	private Ev expression(Expression e) {
		if (e instanceof IntLiteral i) {
			long v = i.getValue();
			return f -> v;
		}
		if (e instanceof DurationLiteral d) {
			long v = d.getValue();
			return f -> v;
		}
		if (e instanceof BoolLiteral b) {
			long v = b.isValue() ? 1 : 0;
			return f -> v;
		}
		if (e instanceof NoneLiteral) {
			return f -> Machine.NONE;
		}
		if (e instanceof Now) {
			return f -> f.machine.now();
		}
		if (e instanceof Self) {
			return f -> f.self;
		}
		if (e instanceof AllCores) {
			return f -> CollectionValue.ALL_CORES;
		}
		if (e instanceof SymbolRef ref) {
			return symbol(ref.getSymbol());
		}
		if (e instanceof MemberAccess access) {
			return member(access);
		}
		if (e instanceof Unary u) {
			Ev operand = expression(u.getOperand());
			return "!".equals(u.getOperator()) ? f -> operand.eval(f) == 0 ? 1 : 0 : f -> -operand.eval(f);
		}
		if (e instanceof Binary b) {
			return binary(b);
		}
		if (e instanceof Call call) {
			return call(call);
		}
		if (e instanceof BuiltinCall call) {
			return builtin(call);
		}
		if (e instanceof Aggregate aggregate) {
			return aggregate(aggregate);
		}
		throw new IllegalStateException("cannot compile " + e.eClass().getName());
	}

	private Ev symbol(Symbol symbol) {
		if (symbol instanceof Param p) {
			long v = params.containsKey(p.getName()) ? params.get(p.getName()) : Constants.evaluate(p.getDefault(), params);
			return f -> v;
		}
		if (symbol instanceof CoreState s) {
			long v = CollectionValue.coreState(coreStates.indexOf(s));
			return f -> v;
		}
		if (symbol instanceof SharedQueue q) {
			int index = sharedQueues.indexOf(q);
			return f -> CollectionValue.queue(f.machine.sharedQueue(index));
		}
		if (symbol instanceof Level l) {
			long v = Topology.levelId(l.getName());
			return f -> v;
		}
		int slot = slots.get(symbol);
		return f -> f.slots[slot];
	}

	private Ev member(MemberAccess access) {
		Ev receiver = expression(access.getReceiver());
		int line = line(access);
		if (access.isCurrentSlot()) {
			return f -> f.machine.current(reference(receiver.eval(f), line, "current"));
		}
		if (access.getMember() instanceof Queue q) {
			int kind = coreQueues.indexOf(q);
			String name = q.getName();
			return f -> CollectionValue.queue(f.machine.coreQueue(reference(receiver.eval(f), line, name), kind));
		}
		Attribute attribute = (Attribute) access.getMember();
		String name = attribute.getName();
		if (PolicyModel.isThreadAttribute(attribute)) {
			int slot = threadAttributes.indexOf(attribute);
			return f -> f.machine.threadAttr(reference(receiver.eval(f), line, name), slot);
		}
		int slot = coreAttributes.indexOf(attribute);
		return f -> f.machine.coreAttr(reference(receiver.eval(f), line, name), slot);
	}

	private Ev binary(Binary b) {
		Ev l = expression(b.getLeft());
		Ev r = expression(b.getRight());
		return switch (b.getOperator()) {
			case "+" -> f -> l.eval(f) + r.eval(f);
			case "-" -> f -> l.eval(f) - r.eval(f);
			case "*" -> f -> l.eval(f) * r.eval(f);
			case "/" -> f -> Arithmetic.divide(l.eval(f), r.eval(f));
			case "%" -> f -> Arithmetic.remainder(l.eval(f), r.eval(f));
			case "<" -> f -> l.eval(f) < r.eval(f) ? 1 : 0;
			case "<=" -> f -> l.eval(f) <= r.eval(f) ? 1 : 0;
			case ">" -> f -> l.eval(f) > r.eval(f) ? 1 : 0;
			case ">=" -> f -> l.eval(f) >= r.eval(f) ? 1 : 0;
			case "==" -> f -> l.eval(f) == r.eval(f) ? 1 : 0;
			case "!=" -> f -> l.eval(f) != r.eval(f) ? 1 : 0;
			case "&&" -> f -> l.eval(f) != 0 && r.eval(f) != 0 ? 1 : 0;
			case "||" -> f -> l.eval(f) != 0 || r.eval(f) != 0 ? 1 : 0;
			case "in" -> membership(l, r);
			default -> throw new IllegalStateException("operator " + b.getOperator());
		};
	}

	private static Ev membership(Ev element, Ev collection) {
		return f -> {
			long e = element.eval(f);
			long c = collection.eval(f);
			if (e < 0) {
				return 0;
			}
			if (CollectionValue.isQueue(c)) {
				int t = (int) e;
				return f.machine.state(t) == ThreadState.READY && f.machine.queueOf(t) == CollectionValue.queueOf(c) ? 1 : 0;
			}
			return CollectionValue.containsCore(f.machine, c, (int) e) ? 1 : 0;
		};
	}

	private Ev call(Call call) {
		FunctionCode code = functions.get(call.getFunction());
		Ev[] args = call.getArguments().stream().map(this::expression).toArray(Ev[]::new);
		long[] values = new long[args.length];
		return f -> {
			for (int i = 0; i < args.length; i++) {
				values[i] = args[i].eval(f);
			}
			for (int i = 0; i < args.length; i++) {
				f.slots[code.paramSlots[i]] = values[i];
			}
			if (code.expression != null) {
				return code.expression.eval(f);
			}
			code.body.exec(f);
			f.returning = false;
			return f.result;
		};
	}

	private Ev builtin(BuiltinCall call) {
		Ev[] args = call.getArguments().stream().map(this::expression).toArray(Ev[]::new);
		int line = line(call);
		Ev a = args.length > 0 ? args[0] : f -> 0;
		Ev b = args.length > 1 ? args[1] : f -> 0;
		return switch (call.getBuiltin()) {
			case EMPTY -> f -> CollectionValue.size(f.machine, a.eval(f)) == 0 ? 1 : 0;
			case SIZE -> f -> CollectionValue.size(f.machine, a.eval(f));
			case FIRST -> f -> f.machine.first(CollectionValue.queueOf(a.eval(f)));
			case RUNNABLE -> f -> f.machine.runnable(reference(a.eval(f), line, "runnable"));
			case CPU -> f -> f.machine.cpu(reference(a.eval(f), line, "cpu"));
			case DOMAIN -> f -> CollectionValue.domain((int) b.eval(f), reference(a.eval(f), line, "domain"));
			case ABS -> f -> Math.abs(a.eval(f));
		};
	}

	private Ev aggregate(Aggregate aggregate) {
		int slot = slots.get(aggregate.getVariable());
		Ev collection = expression(aggregate.getCollection());
		Ev where = aggregate.getCondition() == null ? f -> 1 : expression(aggregate.getCondition());
		Ev key = aggregate.getKey() == null ? f -> 0 : expression(aggregate.getKey());
		org.policy.dsl.policy.AggregateKind kind = aggregate.getKind();
		Ev scan = scan(slot, collection, where, key, kind);
		Attribute summed = SummedAttributes.summedAttribute(aggregate);
		if (summed != null) {
			// kept by the machine as threads come and go (SummedAttributes)
			int index = layout.summedIndex(threadAttributes.indexOf(summed));
			return f -> {
				long c = collection.eval(f);
				return CollectionValue.isQueue(c) ? f.machine.queueSum(CollectionValue.queueOf(c), index) : scan.eval(f);
			};
		}
		if (kind == org.policy.dsl.policy.AggregateKind.COUNT && aggregate.getCondition() == null) {
			return f -> CollectionValue.size(f.machine, collection.eval(f));
		}
		return scan;
	}

	/** An aggregate evaluated by visiting the collection's elements. */
	private static Ev scan(int slot, Ev collection, Ev where, Ev key,
			org.policy.dsl.policy.AggregateKind kind) {
		return f -> {
			Machine m = f.machine;
			long c = collection.eval(f);
			boolean queue = CollectionValue.isQueue(c);
			int q = queue ? CollectionValue.queueOf(c) : 0;
			int n = queue ? m.size(q) : m.cores();
			long best = Machine.NONE;
			long bestKey = 0;
			long total = 0;
			for (int i = 0; i < n; i++) {
				int element = queue ? m.at(q, i) : i;
				if (!queue && !CollectionValue.containsCore(m, c, element)) {
					continue;
				}
				f.slots[slot] = element;
				if (where.eval(f) == 0) {
					if (kind == org.policy.dsl.policy.AggregateKind.ALL) {
						return 0;
					}
					continue;
				}
				switch (kind) {
					case EXISTS:
						return 1;
					case COUNT:
						total++;
						break;
					case SUM:
						total += key.eval(f);
						break;
					case MIN:
					case MAX: {
						long k = key.eval(f);
						boolean better = kind == org.policy.dsl.policy.AggregateKind.MIN ? k < bestKey : k > bestKey;
						if (best == Machine.NONE || better) {
							best = element;
							bestKey = k;
						}
						break;
					}
					default:
						break;
				}
			}
			return switch (kind) {
				case EXISTS -> 0;
				case ALL -> 1;
				case COUNT, SUM -> total;
				default -> best;
			};
		};
	}

	private static int line(EObject o) {
		ICompositeNode node = NodeModelUtils.getNode(o);
		return node == null ? 0 : node.getStartLine();
	}
}
