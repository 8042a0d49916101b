package org.policy.verifier.cutoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.Property;
import org.policy.verifier.Result;
import org.policy.verifier.TestPolicies;
import org.policy.verifier.Verifier;
import org.policy.verifier.VerifyOptions;
import org.policy.verifier.cutoff.AllCoresVerifier.AllCores;
import org.policy.verifier.cutoff.AllCoresVerifier.Kind;

/**
 * {@code verify --all-cores}: the library's work-conserving policies are proved for every number of cores
 * (within the thread bound the first line names), a policy wrong only on 9 cores is refuted there with the
 * construct that puts it outside the fragment, and an invariant of the cutoff argument that fails on the
 * cutoff machine makes the verdict "not proved".
 */
class AllCoresTest {
	private static AllCores library(String name, Property property, int threads, boolean varyParams) {
		CompiledPolicy policy = TestPolicies.parse(TestPolicies.libraryText(name), name + ".policy");
		VerifyOptions options = VerifyOptions.of(property, 4, threads).withVaryParams(varyParams);
		return AllCoresVerifier.verify(policy, options, name + ".policy");
	}

	private static void assertProved(AllCores r, CompiledPolicy policy, int threads) {
		assertEquals(Kind.PROVED, r.kind(), r.firstLine() + "\n" + String.join("\n", r.reasons()));
		int cutoff = FragmentChecker.check(policy).cutoff(threads);
		assertEquals(cutoff, r.cutoff());
		assertTrue(r.firstLine().startsWith("holds for every number of cores (cutoff " + cutoff + " = " + threads
				+ " threads + "), r.firstLine());
		assertTrue(r.firstLine().contains("explored on 1 to " + cutoff + " cores), ≤ " + threads + " threads"),
				r.firstLine());
		// the bounded exploration behind it covered every size up to the cutoff
		assertEquals(Result.Verdict.HOLDS, r.bounded().verdict());
		assertEquals(cutoff, r.bounded().provedCores());
	}

	@Test
	void rrIsProvedForEveryNumberOfCoresForBothProperties() {
		CompiledPolicy rr = TestPolicies.parse(TestPolicies.libraryText("rr"), "rr.policy");
		assertProved(library("rr", Property.CWC, 3, true), rr, 3);
		assertProved(library("rr", Property.WC, 3, true), rr, 3);
	}

	@Test
	void cfsCwcIsProvedForEveryNumberOfCores() {
		CompiledPolicy cfs = TestPolicies.parse(TestPolicies.libraryText("cfs_cwc"), "cfs_cwc.policy");
		AllCores r = library("cfs_cwc", Property.CWC, 3, false);
		assertProved(r, cfs, 3);
		// min_vruntime is a core attribute: the claim rests on time being frozen, and says so
		assertTrue(r.firstLine().contains("time frozen at 0"), r.firstLine());
	}

	@Test
	void uleCwcIsProvedForEveryNumberOfCores() {
		CompiledPolicy ule = TestPolicies.parse(TestPolicies.libraryText("ule_cwc"), "ule_cwc.policy");
		assertProved(library("ule_cwc", Property.CWC, 3, false), ule, 3);
	}

	@Test
	void aPolicyWrongOnlyOnNineCoresIsRefutedThereAndItsConstructNamed() {
		CompiledPolicy bad = TestPolicies.load("steal_not_on_9");
		String text = TestPolicies.text("steal_not_on_9");
		// it is wrong on 9 cores only: the ordinary check holds up to 8 and fails at 9
		assertEquals(Result.Verdict.HOLDS, Verifier.verify(bad, VerifyOptions.of(Property.CWC, 8, 2)).verdict());
		Result nine = Verifier.verify(bad, VerifyOptions.of(Property.CWC, 9, 2));
		assertEquals(Result.Verdict.VIOLATED, nine.verdict());
		assertEquals(9, nine.counterexample().orElseThrow().cores());

		// outside the fragment, the bounded check goes up to the cutoff the policy would have had (6 + A + 1 >= 9)
		assertTrue(FragmentChecker.check(bad).cutoff(6) >= 9);
		AllCores r = AllCoresVerifier.verify(bad, VerifyOptions.of(Property.CWC, 4, 6), "steal_not_on_9.policy");
		assertEquals(Kind.REFUTED, r.kind());
		assertEquals(9, r.bounded().counterexample().orElseThrow().cores());
		assertEquals(1, r.reasons().size(), r.reasons().toString());
		assertEquals("steal_not_on_9.policy:" + position(text, "size(cores)")
				+ ": size(cores): the size of a set of cores reads the machine size", r.reasons().get(0));
	}

	@Test
	void aPolicyOutsideTheFragmentWithoutCounterexampleIsNotProved() {
		String text = TestPolicies.mutate(TestPolicies.text("steal_not_on_9"), "size(cores) != 9",
				"count(x in cores where runnable(x) == 0) >= 0");
		CompiledPolicy p = TestPolicies.parse(text, "counted.policy");
		AllCores r = AllCoresVerifier.verify(p, VerifyOptions.of(Property.CWC, 3, 2), "counted.policy");
		assertEquals(Kind.NOT_PROVED, r.kind());
		assertTrue(r.firstLine().startsWith("not proved for every number of cores: 1 construct is outside the"
				+ " fragment of the cutoff theorem (below); bounded check: holds for "), r.firstLine());
		assertEquals(java.util.List.of("counted.policy:" + position(text, "count(x in cores")
				+ ": count(x in cores where runnable(x) == 0): count over cores counts cores: it reads the machine"
				+ " size"), r.reasons());
	}

	@Test
	void aCounterexampleWithinTheCutoffRefutesAPolicyOfTheFragment() {
		// rr whose steal stops at once: in the fragment, wrong on 2 cores
		String text = TestPolicies.mutate(TestPolicies.libraryText("rr"), "stop: runnable(self) >= 1;", "stop: true;");
		CompiledPolicy p = TestPolicies.parse(text, "rr_nosteal.policy");
		AllCores r = AllCoresVerifier.verify(p, VerifyOptions.of(Property.CWC, 4, 2), "rr_nosteal.policy");
		assertEquals(Kind.REFUTED, r.kind());
		assertTrue(r.reasons().isEmpty());
		assertEquals(2, r.bounded().counterexample().orElseThrow().cores());
	}

	@Test
	void anEmptyCoreUnlikeABootedOneMakesItNotProved() {
		CompiledPolicy p = TestPolicies.load("used_mark");
		AllCores r = AllCoresVerifier.verify(p, VerifyOptions.of(Property.CWC, 4, 2), "used_mark.policy");
		assertEquals(Kind.NOT_PROVED, r.kind(), r.firstLine());
		int cutoff = FragmentChecker.check(p).cutoff(2);
		assertTrue(r.firstLine().startsWith("not proved for every number of cores: on " + cutoff + " cores"),
				r.firstLine());
		assertTrue(r.firstLine().contains("holds no thread but its attribute used is 1, a booted core's 0"),
				r.firstLine());
		// it does hold on every machine explored: what is missing is the proof for larger ones
		assertEquals(Result.Verdict.HOLDS, r.bounded().verdict());
	}

	/**
	 * (I2), for WC with rounds: a settled core that holds a queued thread runs one. A core that runs its
	 * queue only once two threads wait breaks it (without wasting any core): WC is not proved for every
	 * number of cores; CWC, whose argument does not need (I2), is.
	 */
	@Test
	void aSettledCoreThatDoesNotRunItsQueuedThreadMakesWcNotProved() {
		String text = TestPolicies.mutate(TestPolicies.text("used_mark"), "		bool used = false;   // has this core ever run"
				+ " a thread?\n", "");
		text = TestPolicies.mutate(text, "policy used_mark {", "policy lazy_pick {");
		text = TestPolicies.mutate(text, "		if (!empty(self.runq)) {\n			self.used = true;\n",
				"		if (size(self.runq) >= 2) {\n");
		CompiledPolicy p = TestPolicies.parse(text, "lazy_pick.policy");
		AllCores wc = AllCoresVerifier.verify(p, VerifyOptions.of(Property.WC, 4, 2), "lazy_pick.policy");
		assertEquals(Kind.NOT_PROVED, wc.kind(), wc.firstLine());
		assertTrue(wc.firstLine().contains("holds a thread in its queues but runs none, without a pending reschedule"),
				wc.firstLine());
		assertEquals(Result.Verdict.HOLDS, wc.bounded().verdict());
		assertProved(AllCoresVerifier.verify(p, VerifyOptions.of(Property.CWC, 4, 2), "lazy_pick.policy"), p, 2);
	}

	@Test
	void theTheoremIsForFlatMachinesAndCutoffsTheExplorerCanReach() {
		CompiledPolicy rr = TestPolicies.parse(TestPolicies.libraryText("rr"), "rr.policy");
		AllCores llc = AllCoresVerifier.verify(rr, VerifyOptions.of(Property.CWC, 4, 2).withVaryParams(false)
				.withTopology("llc=2"), "rr.policy");
		assertEquals(Kind.NOT_PROVED, llc.kind());
		assertTrue(llc.firstLine().startsWith("not proved for every number of cores: --topology llc=2: the cutoff"
				+ " theorem is for flat machines; bounded check: holds for "), llc.firstLine());

		int threads = VerifyOptions.MAX_CORES;
		int cutoff = FragmentChecker.check(rr).cutoff(threads);
		AllCores large = AllCoresVerifier.verify(rr, VerifyOptions.of(Property.CWC, 1, threads).withVaryParams(false),
				"rr.policy");
		assertEquals(Kind.NOT_PROVED, large.kind());
		assertTrue(large.firstLine().startsWith("not proved for every number of cores: the cutoff is " + cutoff
				+ " cores (" + threads + " threads + "), large.firstLine());
		assertTrue(large.firstLine().contains("bounded check: holds for ≤ 1 core, "), large.firstLine());
	}

	/** {@code line:col} (1-based) of the only occurrence of {@code what} in {@code text}. */
	static String position(String text, String what) {
		int at = text.indexOf(what);
		assertTrue(at >= 0 && text.indexOf(what, at + 1) < 0, what);
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < at; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return line + ":" + (at - lineStart + 1);
	}
}
