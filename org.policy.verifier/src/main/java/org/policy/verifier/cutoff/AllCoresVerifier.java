package org.policy.verifier.cutoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadState;
import org.policy.verifier.Property;
import org.policy.verifier.Result;
import org.policy.verifier.Verifier;
import org.policy.verifier.VerifyOptions;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Step;

/**
 * {@code verify --all-cores}: work conservation for every number of cores, by the cutoff theorem of
 * docs/verification.md ("Any number of cores"). For a policy in the fragment ({@link FragmentChecker}) with
 * at most T live threads, the exhaustive exploration of every machine of 1 to K = T + A + 1 cores, during
 * which the invariants the proof needs are checked on the K-core machine, proves the property for every
 * machine size. Outside the fragment (or when an invariant fails, or the cutoff is beyond the explorer's
 * 30 cores) nothing is claimed for every size: the ordinary bounded check runs up to {@code --cores}, and a
 * counterexample it finds is reported as one (it is a real run).
 */
public final class AllCoresVerifier {
	private AllCoresVerifier() {
	}

	public enum Kind {
		/** Proved for every number of cores: {@link AllCores#firstLine} says under which bounds. */
		PROVED,
		/** A counterexample (or a fault) on a machine within the bounded check: {@link AllCores#bounded} has it. */
		REFUTED,
		/** Not proved for every number of cores; {@link AllCores#reasons} says why. */
		NOT_PROVED
	}

	/**
	 * The verdict: its kind, its first line, the reasons it is not a proof (each a line: outside constructs
	 * as {@code FILE:line:col: ...}, failed invariants, limits), the bounded result it rests on, and the cutoff
	 * (0 when none applies).
	 */
	public record AllCores(Kind kind, String firstLine, List<String> reasons, Result bounded, int cutoff) {
		public AllCores {
			reasons = List.copyOf(reasons);
		}
	}

	/**
	 * Verifies {@code policy} for every number of cores with {@code options}' threads, property, inputs,
	 * affinities, parameters and time model; {@code options.cores()} bounds only the fallback check made when
	 * the theorem does not apply (which goes up to the cutoff the policy would have had instead, if larger and
	 * within 30 cores, when no construct turns core symmetry off). {@code file} names the policy in positions
	 * ({@code FILE:line:col}).
	 */
	public static AllCores verify(CompiledPolicy policy, VerifyOptions options, String file) {
		FragmentChecker.Fragment fragment = FragmentChecker.check(policy);
		List<String> reasons = new ArrayList<>();
		for (FragmentChecker.Outside o : fragment.outside()) {
			reasons.add(o.format(file));
		}
		if (!VerifyOptions.FLAT.equals(options.topology())) {
			reasons.add("--topology " + options.topology() + ": the cutoff theorem is for flat machines");
		}
		int cutoff = fragment.cutoff(options.threads());
		if (reasons.isEmpty() && cutoff > VerifyOptions.MAX_CORES) {
			reasons.add("the cutoff is " + cutoff + " cores (" + options.threads() + " threads + " + fragment.aliveCores()
					+ " core values a step may hold + 1), beyond the " + VerifyOptions.MAX_CORES
					+ " cores the explorer handles: lower --threads");
		}
		if (!reasons.isEmpty()) {
			// up to the size the cutoff would have been, where that is affordable: core symmetry on (no
			// construct tells cores apart), a flat machine
			boolean symmetric = VerifyOptions.FLAT.equals(options.topology()) && options.coreSymmetry()
					&& fragment.outside().stream().noneMatch(FragmentChecker.Outside::breaksSymmetry);
			int bound = symmetric && cutoff <= VerifyOptions.MAX_CORES ? Math.max(options.cores(), cutoff)
					: options.cores();
			return fallback(policy, options.withCores(bound), reasons, fragment.outside().size());
		}
		boolean rounds = options.property() == Property.WC
				&& !EcoreUtil2.eAllOfType(policy.policy(), BalanceHandler.class).stream()
						.allMatch(b -> b.getPeriod() == null);
		Invariants invariants = new Invariants(rounds, Explorer.readsCpu(policy));
		Result r = Verifier.verify(policy, options.withCores(cutoff), (n, explorer) -> {
			if (n == cutoff) {
				explorer.keepCoreAttributesExact();
				invariants.watch(explorer);
			}
		});
		if (r.verdict() == Result.Verdict.VIOLATED || r.verdict() == Result.Verdict.FAULT) {
			return new AllCores(Kind.REFUTED, "", List.of(), r, cutoff);
		}
		String cutoffText = "cutoff " + cutoff + " = " + options.threads() + " threads + " + fragment.aliveCores()
				+ " core values a step may hold + 1";
		if (r.verdict() == Result.Verdict.INCONCLUSIVE) {
			return new AllCores(Kind.NOT_PROVED, "not proved for every number of cores: --max-states reached on "
					+ (r.provedCores() + 1) + " cores, below the " + cutoffText, List.of(), r, cutoff);
		}
		if (invariants.failure.isPresent()) {
			return new AllCores(Kind.NOT_PROVED, "not proved for every number of cores: on " + cutoff + " cores (the "
					+ cutoffText + ") " + invariants.failure.get() + "; the cutoff theorem needs it (docs/verification.md, "
					+ "\"Any number of cores\"); bounded: " + r.summary(), invariants.evidence, r, cutoff);
		}
		if (r.model().contains("; approximate: ")) {
			// the time windows merged states whose differences the policy reads: the bounded check is no proof
			return new AllCores(Kind.NOT_PROVED, "not proved for every number of cores: the exploration up to the "
					+ cutoffText + " is approximate (raise --time-window or --virtual-window); bounded: " + r.summary(),
					List.of(), r, cutoff);
		}
		if (r.vacuous()) {
			return new AllCores(Kind.NOT_PROVED, "not proved for every number of cores: " + r.summary(), List.of(), r,
					cutoff);
		}
		String stats = String.format(Locale.ROOT, ": %d states in %.1f s", r.states(), r.seconds());
		String quiet = r.unexercised().isEmpty() ? ""
				: "; no thread ever waits for a core on " + String.join(", ", r.unexercised().stream()
						.map(String::valueOf).toList()) + " cores (nothing to conserve there)";
		return new AllCores(Kind.PROVED, "holds for every number of cores (" + cutoffText + "; explored on 1 to "
				+ cutoff + " cores), " + r.claim() + stats + quiet, List.of(), r, cutoff);
	}

	/**
	 * Outside the theorem: the ordinary check, whose counterexample is a real one. {@code constructs} of the
	 * reasons are constructs outside the fragment (the others: the topology, a cutoff too large).
	 */
	private static AllCores fallback(CompiledPolicy policy, VerifyOptions options, List<String> reasons,
			int constructs) {
		Result r = Verifier.verify(policy, options);
		if (r.verdict() == Result.Verdict.VIOLATED || r.verdict() == Result.Verdict.FAULT) {
			return new AllCores(Kind.REFUTED, "", reasons, r, 0);
		}
		String bounded = switch (r.verdict()) {
			case INCONCLUSIVE -> "inconclusive: --max-states reached on " + (r.provedCores() + 1) + " cores";
			default -> r.summary();
		};
		String why = constructs == 0 && reasons.size() == 1 ? reasons.get(0)
				: constructs + (constructs == 1 ? " construct is" : " constructs are")
						+ " outside the fragment of the cutoff theorem" + (reasons.size() > constructs
								? ", and it does not apply to these options" : "") + " (below)";
		return new AllCores(Kind.NOT_PROVED, "not proved for every number of cores: " + why + "; bounded check: "
				+ bounded, constructs == 0 && reasons.size() == 1 ? List.of() : reasons, r, 0);
	}

	/**
	 * The invariants the proof needs, checked on every state and transition of the K-core exploration:
	 * (I1) a core that holds no thread is as a booted core (its core state, idle), with no pending
	 * reschedule or preempt request; and, for WC with balancing rounds, (I2) a core without a pending
	 * reschedule that holds a thread runs one, and (I3) a steal by a core that holds no thread and that leaves
	 * it holding none changes nothing.
	 */
	static final class Invariants {
		private final boolean rounds;
		private final boolean readsCpu;
		Optional<String> failure = Optional.empty();
		List<String> evidence = List.of();
		private int bootState;
		private boolean bootIdle;
		private long[] bootAttrs;

		Invariants(boolean rounds, boolean readsCpu) {
			this.rounds = rounds;
			this.readsCpu = readsCpu;
		}

		void watch(Explorer explorer) {
			bootAttrs = null; // each exploration (parameter values) boots its own machine
			explorer.setVisitor((m, round) -> {
				if (failure.isPresent()) {
					return;
				}
				if (bootAttrs == null) {
					// the first state visited is the initial one: every core booted, no thread
					bootState = m.coreState(0);
					bootIdle = m.isIdle(0);
					bootAttrs = attrs(m, 0);
				}
				for (int c = 0; c < m.cores(); c++) {
					if (blank(m, c, readsCpu)) {
						String unlike = unlikeBoot(m, c);
						if (unlike != null) {
							fail("core " + c + " holds no thread but " + unlike, m);
							return;
						}
					}
					if (rounds && !m.reschedulePending(c) && m.runnable(c) > 0 && m.current(c) == Machine.NONE) {
						fail("core " + c + " holds a thread in its queues but runs none, without a pending reschedule",
								m);
						return;
					}
				}
			});
			if (rounds) {
				explorer.setTransitionVisitor((before, kind, core, after) -> {
					if (failure.isEmpty() && kind == Step.BALANCE && blank(before, core, readsCpu)
							&& blank(after, core, readsCpu)
							&& !before.equals(after)) {
						fail("the steal of core " + core + ", which holds no thread, takes none but changes the"
								+ " machine", after);
					}
				});
			}
		}

		/** How core c differs from a booted core (null: it does not). */
		private String unlikeBoot(Machine m, int c) {
			if (m.reschedulePending(c)) {
				return "has a pending reschedule";
			}
			if (m.preemptRequested(c)) {
				return "has a preempt request";
			}
			if (m.coreState(c) != bootState) {
				return "is in core state " + m.layout().coreStates().get(m.coreState(c)) + ", a booted core in "
						+ m.layout().coreStates().get(bootState);
			}
			if (m.isIdle(c) != bootIdle) {
				return bootIdle ? "is not marked idle, as a booted core is" : "is marked idle, unlike a booted core";
			}
			for (int s = 0; s < bootAttrs.length; s++) {
				if (m.coreAttr(c, s) != bootAttrs[s]) {
					return "its attribute " + m.layout().coreAttributes().get(s) + " is " + m.coreAttr(c, s)
							+ ", a booted core's " + bootAttrs[s];
				}
			}
			return null;
		}

		private void fail(String what, Machine m) {
			failure = Optional.of(what);
			evidence = List.of("the state:", m.toString());
		}
	}

	private static long[] attrs(Machine m, int c) {
		long[] a = new long[m.layout().coreSlots()];
		for (int s = 0; s < a.length; s++) {
			a[s] = m.coreAttr(c, s);
		}
		return a;
	}

	/**
	 * Whether core {@code c} holds no thread: none runs or waits on it, and no live thread belongs to it
	 * ({@code cpu(t)} is c). A blocked thread that may run anywhere belongs to a core only for a policy that
	 * calls {@code cpu(t)}: for the others where it belongs is unobservable, and the explorer's state keys do
	 * not record it (so neither may this test, whose result must be the same on states the keys merge).
	 */
	static boolean blank(Machine m, int c, boolean readsCpu) {
		if (m.runnable(c) > 0 || m.current(c) != Machine.NONE) {
			return false;
		}
		for (int t = 0; t < m.threads(); t++) {
			int s = m.state(t);
			if (s != ThreadState.NONEXISTENT && s != ThreadState.TERMINATED && m.cpu(t) == c
					&& (readsCpu || !m.affinity(t).isAll())) {
				return false;
			}
		}
		return true;
	}
}
