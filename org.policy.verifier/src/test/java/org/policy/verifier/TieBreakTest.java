package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Outcome;
import org.policy.verifier.report.CounterexampleText;

/**
 * least_loaded_thief lets only the least loaded core steal, lowest id on ties: an idle core that is not
 * the lowest-numbered idle core never steals. With ties broken by lowest id in the explorer, core
 * symmetry merged that core with the lowest one and the policy "held" (issue 15). Ties now go every way,
 * so symmetry is exact: the verdicts and the counterexample lengths are those without symmetry.
 */
class TieBreakTest {
	private static final CompiledPolicy POLICY = TestPolicies.load("least_loaded_thief");

	@ParameterizedTest
	@EnumSource(Property.class)
	void aTieBrokenByIdIsNoLongerHiddenByCoreSymmetry(Property property) {
		VerifyOptions options = VerifyOptions.of(property, 4, 6);
		Result with = Verifier.verify(POLICY, options);
		Result without = Verifier.verify(POLICY, options.withCoreSymmetry(false));
		assertEquals(Result.Verdict.VIOLATED, with.verdict());
		assertEquals(Result.Verdict.VIOLATED, without.verdict());
		assertEquals(3, with.counterexample().orElseThrow().cores());
		assertEquals(without.counterexample().orElseThrow().steps().size(),
				with.counterexample().orElseThrow().steps().size());
	}

	/**
	 * The shortest WC counterexample (5 steps) needs core 2 to be the least loaded of two idle cores; the
	 * one reported breaks every tie by lowest id, so that the simulator replays it, and says that a
	 * shorter one exists.
	 */
	@Test
	void aCounterexampleTheSimulatorCanReplayIsPreferredAndTheShorterOneNamed() {
		Counterexample cx = Verifier.verify(POLICY, VerifyOptions.of(Property.WC, 4, 6)).counterexample().orElseThrow();
		assertEquals(List.of(), cx.tieSteps());
		assertEquals(6, cx.steps().size());
		assertEquals(5, cx.otherTiesSteps());
		assertEquals("counterexample: 6 steps, a shortest one that breaks ties between cores by lowest id, as the"
				+ " simulator does, on the smallest machine that has one (breadth-first search, 512 states explored);"
				+ " one of 5 steps needs a tie broken otherwise", CounterexampleText.render(cx).lines().toList().get(1));
	}

	/** A run that needs a tie broken otherwise records the choice, replays it and says which way it went. */
	@Test
	void aRunWithATieNotByLowestIdSaysWhichWayItWent() {
		VerifyOptions options = VerifyOptions.of(Property.CWC, 3, 6);
		var in = POLICY.newInterpreter(options.params());
		Explorer explorer = new Explorer(POLICY, in, 3, new Explorer.Config(6, true, new long[0], 0, true, 1, 1,
				1_000_000, VerifyOptions.QUIET));
		Outcome outcome = explorer.run();
		Counterexample cx = new CounterexampleBuilder(POLICY, in, options, explorer,
				"every thread may run on any core (the policy never reads affinity(t))").build(outcome, outcome.states(),
						explorer.compacts());
		assertEquals(List.of(3), cx.tieSteps());
		assertEquals("balance: core 1 runs its steal; a tie not by lowest id: of cores 1, 2, core 2 came first (by"
				+ " lowest id, core 1 would have)", cx.steps().get(2).description());
		assertEquals("ties: at step 3 a tie between cores goes to a core other than the lowest-numbered (the step says"
				+ " which): a kernel that breaks ties otherwise runs this, but the simulator and the generated kernels"
				+ " break ties by lowest id and may not reproduce it", CounterexampleText.render(cx).lines().toList().get(3));
	}
}
