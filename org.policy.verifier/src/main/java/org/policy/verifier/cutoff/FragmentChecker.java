package org.policy.verifier.cutoff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Self;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.SymbolRef;
import org.policy.dsl.policy.Type;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Decides whether a policy is in the fragment of the cutoff theorem of docs/verification.md ("Any number
 * of cores"): a policy that reads the set of cores only through aggregates whose value does not depend on
 * how many cores hold no thread ({@code min}, {@code max}, {@code exists}, {@code all}, {@code first}, {@code
 * in}, the steal's {@code filter} and {@code select}). (That cores holding no thread are all alike, in
 * their attributes and core state, is an invariant checked during the exploration, not a rule here.) The
 * rules, each with the construct it rejects:
 *
 * <ol>
 * <li>no {@code shared queue} (every idle core is kicked for it, and it belongs to no core);</li>
 * <li>no core input {@code id} (it reads core ids);</li>
 * <li>no attribute of type {@code core}, of threads or cores (it names a core that may hold no thread);</li>
 * <li>no {@code foreach} over a set of cores (its body runs once per core, in increasing id);</li>
 * <li>no {@code count} or {@code sum} over a set of cores (they count cores);</li>
 * <li>no {@code size(S)} of a set of cores ({@code size(cores)}, {@code size(affinity(t))}: the machine
 * size);</li>
 * <li>no {@code min}, {@code max} or {@code first} over cores that chooses a core and reads a core bound by
 * an enclosing aggregate over cores (or the steal's {@code filter} name, or a core parameter of its
 * function): ties between cores are broken by one order of the cores per step, and such a choice, made
 * for each core of the enclosing aggregate, observes where cores that hold no thread lie in that order
 * relative to the others, which a machine with fewer of them cannot reproduce.</li>
 * </ol>
 *
 * For a policy in the fragment it computes {@code A}, a bound on how many core values a step holds at once
 * (see {@link #aliveCores}), from which the cutoff is {@code T + A + 1} for {@code T} live threads.
 */
public final class FragmentChecker {
	private FragmentChecker() {
	}

	/** A construct outside the fragment: where it is, its text and why it is outside. */
	public record Outside(int line, int column, String construct, String why, boolean breaksSymmetry) {
		Outside(int line, int column, String construct, String why) {
			this(line, column, construct, why, false);
		}

		/** The same, marked as a construct that tells cores apart (the explorer then has no core symmetry). */
		Outside distinguishingCores() {
			return new Outside(line, column, construct, why, true);
		}

		/** {@code FILE:line:col: construct: why}. */
		public String format(String file) {
			return file + ":" + line + ":" + column + ": " + construct + ": " + why;
		}
	}

	/** The verdict of the checker: the constructs outside the fragment (none: in it) and the bound A. */
	public record Fragment(List<Outside> outside, int aliveCores) {
		public Fragment {
			outside = List.copyOf(outside);
		}

		public boolean inside() {
			return outside.isEmpty();
		}

		/** The cutoff for {@code threads} live threads: T + A + 1. */
		public int cutoff(int threads) {
			return threads + aliveCores + 1;
		}
	}

	public static Fragment check(CompiledPolicy policy) {
		return check(policy.policy());
	}

	public static Fragment check(Policy policy) {
		List<Outside> outside = new ArrayList<>();
		for (SharedQueue q : PolicyModel.sharedQueues(policy)) {
			outside.add(at(q, "shared queue " + q.getName(), "a shared queue belongs to no core and every idle core"
					+ " is kicked for it, so cores that hold no thread do not stay alike"));
		}
		for (Attribute a : PolicyModel.coreAttributes(policy)) {
			if (a.isInput() && "id".equals(a.getName())) {
				outside.add(at(a, "core input id", "it reads core ids, which tell cores apart").distinguishingCores());
			} else if (a.getType() == Type.CORE) {
				outside.add(at(a, "core attribute " + a.getName(), "an attribute of type core can name a core that"
						+ " holds no thread").distinguishingCores());
			}
		}
		for (Attribute a : PolicyModel.threadAttributes(policy)) {
			if (a.getType() == Type.CORE) {
				outside.add(at(a, "thread attribute " + a.getName(), "an attribute of type core can name a core"
						+ " that holds no thread").distinguishingCores());
			}
		}
		for (Foreach f : EcoreUtil2.eAllOfType(policy, Foreach.class)) {
			if (PolicyTypes.typeOf(f.getCollection()) == ValueType.CORE_SET) {
				outside.add(at(f, "foreach " + f.getVariable().getName() + " in " + text(f.getCollection()),
						"a loop over cores runs once per core, so its effect can depend on the machine size")
						.distinguishingCores());
			}
		}
		for (Aggregate g : EcoreUtil2.eAllOfType(policy, Aggregate.class)) {
			if ((g.getKind() == AggregateKind.COUNT || g.getKind() == AggregateKind.SUM)
					&& PolicyTypes.typeOf(g.getCollection()) == ValueType.CORE_SET) {
				outside.add(at(g, text(g), g.getKind().getLiteral() + " over cores counts cores: it reads the"
						+ " machine size"));
			}
		}
		for (BuiltinCall b : EcoreUtil2.eAllOfType(policy, BuiltinCall.class)) {
			if (b.getBuiltin() == Builtin.SIZE && !b.getArguments().isEmpty()
					&& PolicyTypes.typeOf(b.getArguments().get(0)) == ValueType.CORE_SET) {
				outside.add(at(b, text(b), "the size of a set of cores reads the machine size"));
			}
		}
		for (Aggregate g : EcoreUtil2.eAllOfType(policy, Aggregate.class)) {
			if (choosesACore(g) && readsAnEnclosingCore(g)) {
				outside.add(at(g, text(g), "a choice among cores that depends on a core of an enclosing aggregate (or"
						+ " a core parameter) observes the order in which ties between cores are broken, relative to"
						+ " every core of the machine"));
			}
		}
		outside.sort(Comparator.comparingInt(Outside::line).thenComparingInt(Outside::column));
		return new Fragment(outside, aliveCores(policy));
	}

	/**
	 * A bound on how many core values a step of the interpreter holds at once: the stepping core and the
	 * steal's chosen victim (2), plus the most that one handler can hold. Within one step the interpreter
	 * runs handlers one after another (the event's, then {@code schedule}, the steal, {@code enter_idle} ...
	 * as the core settles), never one inside another, and a value of one is dead when the next starts; so the
	 * bound is the largest, over the handlers (the balance block is one, and so are the attributes'
	 * initialisers), of what that handler and the functions it may call, directly or not, can hold: one
	 * value per declaration that holds a core (a {@code var}, a function parameter, a name bound by an
	 * aggregate over cores, the steal's {@code filter} name: each holds one value at a time, since no
	 * function is active twice, the language having no recursion), and one per expression whose value is a
	 * core and that is not a plain name or {@code self} (each holds its last value until its parent uses it).
	 */
	public static int aliveCores(Policy policy) {
		List<EObject> roots = new ArrayList<>(PolicyModel.eventHandlers(policy));
		PolicyModel.balance(policy).ifPresent(roots::add);
		int worst = 0;
		for (EObject root : roots) {
			int n = held(root);
			for (Function f : callable(root)) {
				n += held(f);
			}
			worst = Math.max(worst, n);
		}
		// the initial values of attributes, evaluated as threads and cores are made
		int inits = 0;
		List<Function> initCalls = new ArrayList<>();
		for (Attribute a : EcoreUtil2.eAllOfType(policy, Attribute.class)) {
			if (a.getInit() != null) {
				inits += held(a.getInit());
				for (Function f : callable(a.getInit())) {
					if (!initCalls.contains(f)) {
						initCalls.add(f);
						inits += held(f);
					}
				}
			}
		}
		return 2 + Math.max(worst, inits);
	}

	/** The functions {@code root} may call, directly or through other functions. */
	private static Set<Function> callable(EObject root) {
		Set<Function> seen = new LinkedHashSet<>();
		Deque<EObject> todo = new ArrayDeque<>();
		todo.add(root);
		while (!todo.isEmpty()) {
			for (Call c : EcoreUtil2.eAllOfType(todo.pop(), Call.class)) {
				if (c.getFunction() != null && seen.add(c.getFunction())) {
					todo.add(c.getFunction());
				}
			}
		}
		return seen;
	}

	/** The core values the text of {@code o} can hold at once (see {@link #aliveCores}), its calls aside. */
	private static int held(EObject o) {
		List<EObject> all = new ArrayList<>();
		all.add(o);
		o.eAllContents().forEachRemaining(all::add);
		int n = 0;
		for (EObject e : all) {
			if (e instanceof VarDecl v && PolicyTypes.localType(v) == ValueType.CORE
					|| e instanceof FormalParam p && p.getType() == Type.CORE
					|| e instanceof Aggregate g && PolicyTypes.typeOf(g.getCollection()) == ValueType.CORE_SET
					|| e instanceof BalanceHandler
					|| e instanceof Expression x && !(x instanceof SymbolRef) && !(x instanceof Self)
							&& PolicyTypes.typeOf(x) == ValueType.CORE) {
				n++;
			}
		}
		// an aggregate over cores is both a binder and, for min, max and first, a core-valued expression:
		// counted once per role, as it holds both its binder's value and its result
		return n + (int) all.stream().filter(e -> e instanceof Aggregate g
				&& PolicyTypes.typeOf(g.getCollection()) == ValueType.CORE_SET && PolicyTypes.typeOf(g) == ValueType.CORE)
				.count();
	}

	/** A {@code min}, {@code max} or {@code first} over a set of cores whose value is a core. */
	private static boolean choosesACore(Aggregate g) {
		return (g.getKind() == AggregateKind.MIN || g.getKind() == AggregateKind.MAX
				|| g.getKind() == AggregateKind.FIRST)
				&& PolicyTypes.typeOf(g.getCollection()) == ValueType.CORE_SET && PolicyTypes.typeOf(g) == ValueType.CORE;
	}

	/**
	 * Whether the text of {@code g} names a core bound outside it that ranges over cores as the enclosing
	 * evaluation goes on: the binder of an enclosing aggregate over cores, the steal's {@code filter} name,
	 * or a core parameter of the function it is in (its callers may pass such a binder).
	 */
	private static boolean readsAnEnclosingCore(Aggregate g) {
		Set<EObject> bound = new LinkedHashSet<>();
		for (EObject up = g.eContainer(); up != null; up = up.eContainer()) {
			if (up instanceof Aggregate outer && PolicyTypes.typeOf(outer.getCollection()) == ValueType.CORE_SET
					&& outer.getVariable() != null) {
				bound.add(outer.getVariable());
			} else if (up instanceof BalanceHandler h && h.getVictim() != null) {
				bound.add(h.getVictim());
			} else if (up instanceof Function f) {
				for (FormalParam p : f.getParams()) {
					if (p.getType() == Type.CORE) {
						bound.add(p);
					}
				}
			}
		}
		for (SymbolRef r : EcoreUtil2.eAllOfType(g, SymbolRef.class)) {
			if (bound.contains(r.getSymbol())) {
				return true;
			}
		}
		return false;
	}

	private static Outside at(EObject object, String construct, String why) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
		if (node == null) {
			return new Outside(0, 0, construct, why);
		}
		String all = node.getRootNode().getText();
		int offset = node.getOffset();
		int lineStart = all.lastIndexOf('\n', offset - 1) + 1;
		return new Outside(node.getStartLine(), offset - lineStart + 1, construct, why);
	}

	private static String text(EObject object) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
		return node == null ? "?" : NodeModelUtils.getTokenText(node);
	}
}
