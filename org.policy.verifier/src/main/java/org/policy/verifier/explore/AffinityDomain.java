package org.policy.verifier.explore;

import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.ThreadState;

/**
 * The affinities a {@code new} step may give the created thread (docs/verification.md, "Affinity"): every
 * core, or, when restricted affinities are explored, one core only ("pinned", as a per-CPU worker or a
 * {@code taskset -c N} task), for at most a given number of live threads at once.
 *
 * <p>Why one core and not any subset: a pinned thread is the strongest restriction (no steal may take it,
 * no other core may run it), the number of choices stays linear in the cores, and it keeps core symmetry
 * exact: the invariant {@code cpu(t) ∈ affinity(t)} makes a pinned thread's affinity {@code {cpu(t)}}, so
 * the state keys describe it as "pinned to the core it belongs to", which a renumbering of cores carries
 * along (StateKeys). Larger proper subsets would tie a thread to cores it is not on, which the keys could
 * only describe without symmetry; docs/verification.md gives the measurements behind the choice.
 *
 * <p>Why a bound on threads alive at once rather than per path: it is a property of the state (the
 * explorer's keys include every thread's affinity), so state matching stays exact, and a run may create
 * any number of pinned threads over time as earlier ones terminate, as with {@code --threads}.
 *
 * <p>An affinity is packed into the {@code new} step as a small code ({@link Step#affinity}): {@link #ALL},
 * or {@link #pinnedTo(int)}.
 */
public final class AffinityDomain {
	/** The code of "every core", the affinity of a thread nobody restricted. */
	public static final int ALL = 0;

	private static final AffinityDomain NONE = new AffinityDomain(0);

	/** Pinned affinities by core, made once: {@code new} steps are taken millions of times. */
	private static final Affinity[] PINNED = new Affinity[Explorer.MAX_CORES];

	static {
		for (int c = 0; c < PINNED.length; c++) {
			PINNED[c] = Affinity.of(c);
		}
	}

	private final int bound;

	private AffinityDomain(int bound) {
		this.bound = bound;
	}

	/**
	 * For a positive {@code bound}: a thread may also be pinned to one core, while fewer than {@code bound}
	 * live threads are. For 0: every thread may run on every core (the domain of a policy that never reads
	 * {@code affinity(t)}).
	 *
	 * @throws IllegalArgumentException when {@code bound} is negative
	 */
	public static AffinityDomain ofBound(int bound) {
		if (bound < 0) {
			throw new IllegalArgumentException("the bound on pinned threads must not be negative, not " + bound);
		}
		return bound == 0 ? NONE : new AffinityDomain(bound);
	}

	/** Whether the policy calls {@code affinity(...)} anywhere: only a policy that reads affinities can respect them. */
	public static boolean readsAffinity(CompiledPolicy policy) {
		return ModelFeatures.of(policy).readsAffinity();
	}

	/** The code of the affinity "core {@code core} only". */
	public static int pinnedTo(int core) {
		return core + 1;
	}

	/** The affinity of code {@code code}. */
	public static Affinity get(int code) {
		return code == ALL ? Affinity.ALL : PINNED[code - 1];
	}

	/** {@code in} with the affinity of code {@code code}: the created thread's whole inputs. */
	public static ThreadInputs apply(ThreadInputs in, int code) {
		return code == ALL ? in : in.withAffinity(get(code));
	}

	/** Whether a new thread may be pinned in {@code m}: fewer than the bound of its live threads are restricted. */
	boolean mayRestrictAnother(Machine m) {
		return bound > 0 && liveRestricted(m) < bound;
	}

	/** How many live threads of {@code m} may not run on some core. */
	static int liveRestricted(Machine m) {
		if (!m.hasRestrictedAffinity()) {
			return 0;
		}
		int n = 0;
		for (int t = 0; t < m.threads(); t++) {
			int state = m.state(t);
			if (state != ThreadState.TERMINATED && state != ThreadState.NONEXISTENT && restricted(m, t)) {
				n++;
			}
		}
		return n;
	}

	/** Whether thread {@code t} of {@code m} may not run on some core of the machine. */
	static boolean restricted(Machine m, int t) {
		for (int c = 0; c < m.cores(); c++) {
			if (!m.allowed(t, c)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A restricted affinity as a counterexample says it: {@code may run only on core 0},
	 * {@code may run only on cores 0,2-3}; empty for {@link Affinity#ALL}.
	 */
	public static String describe(Affinity a, int cores) {
		if (a.allowsEveryCoreBelow(cores)) {
			return "";
		}
		int allowed = 0;
		for (int c = 0; c < cores; c++) {
			allowed += a.allows(c) ? 1 : 0;
		}
		return "may run only on " + (allowed == 1 ? "core " : "cores ") + a;
	}
}
