package org.policy.verifier.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link TieChoices} must make every tie go every way a total order of the cores allows, and no other
 * way: the runs of a step are then those of the step on every renumbering of the machine.
 */
class TieChoicesTest {

	/**
	 * For any sequence of questions (the first of which candidates?), the answers over all runs are
	 * exactly the answers of the n! orders of the cores.
	 */
	@Property(tries = 200)
	void theRunsAnswerAsEveryOrderOfTheCores(@ForAll @IntRange(min = 2, max = 5) int cores,
			@ForAll("questions") List<Long> raw) {
		long all = (1L << cores) - 1;
		List<Long> questions = raw.stream().map(q -> q & all).filter(q -> Long.bitCount(q) >= 2).toList();
		assertEquals(byPermutations(cores, questions), byTieChoices(cores, questions));
	}

	@Provide
	Arbitrary<List<Long>> questions() {
		return Arbitraries.longs().between(0, 31).list().ofMaxSize(6);
	}

	@Test
	void theFirstRunTakesEveryTieByLowestId() {
		TieChoices ties = new TieChoices(4);
		ties.startStep();
		assertEquals(1, ties.first(0b1110));
		assertEquals(0, ties.first(0b0011));
		assertEquals(0, ties.code());
		assertEquals(List.of(), ties.nonDefaultTies());
	}

	@Test
	void aRecordedRunReplaysItsChoicesAndSaysWhichTieWentWhichWay() {
		TieChoices ties = new TieChoices(3);
		ties.startStep();
		ties.first(0b110);
		ties.nextRun(); // core 2 before core 1
		assertEquals(2, ties.first(0b110));
		long code = ties.code();
		ties.replay(code);
		assertEquals(2, ties.first(0b110));
		assertEquals(List.of("of cores 1, 2, core 2 came first (by lowest id, core 1 would have)"), ties.nonDefaultTies());
	}

	private static Set<List<Integer>> byTieChoices(int cores, List<Long> questions) {
		Set<List<Integer>> answers = new HashSet<>();
		TieChoices ties = new TieChoices(cores);
		ties.startStep();
		do {
			List<Integer> run = new ArrayList<>();
			for (long q : questions) {
				run.add(ties.first(q));
			}
			answers.add(run);
			// a recorded run replays to the same answers
			long code = ties.code();
			TieChoices replay = new TieChoices(cores);
			replay.replay(code);
			assertEquals(run, questions.stream().map(replay::first).toList());
		} while (ties.nextRun());
		return answers;
	}

	private static Set<List<Integer>> byPermutations(int cores, List<Long> questions) {
		Set<List<Integer>> answers = new HashSet<>();
		permute(new int[cores], 0, new boolean[cores], perm -> {
			List<Integer> run = new ArrayList<>();
			for (long q : questions) {
				int best = -1;
				for (int c : perm) {
					if ((q & (1L << c)) != 0) {
						best = c;
						break;
					}
				}
				run.add(best);
			}
			answers.add(run);
		});
		return answers;
	}

	private static void permute(int[] perm, int i, boolean[] used, java.util.function.Consumer<int[]> out) {
		if (i == perm.length) {
			out.accept(perm);
			return;
		}
		for (int c = 0; c < perm.length; c++) {
			if (!used[c]) {
				used[c] = true;
				perm[i] = c;
				permute(perm, i + 1, used, out);
				used[c] = false;
			}
		}
	}
}
