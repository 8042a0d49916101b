package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mutant of cfs_cwc that breaks work conservation is caught, by WC and by CWC. */
class MutationTest {
	static final String FILTER = "filter c: runnable(c) >= 2;";
	static final String STOP = "stop: runnable(self) >= 1 && cload(self) >= cload(c) - t.load;";

	static Stream<Arguments> mutants() {
		return Stream.of(Property.values()).flatMap(p -> Stream.of(
				Arguments.of(p, "steal filter needs 3 runnable threads", FILTER, "filter c: runnable(c) >= 3;"),
				Arguments.of(p, "stop: true", STOP, "stop: true;"),
				Arguments.of(p, "stop: runnable(self) >= 0", STOP, "stop: runnable(self) >= 0;")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("mutants")
	void mutantIsCaught(Property property, String name, String from, String to) {
		String text = TestPolicies.mutate(TestPolicies.text("cfs_cwc"), from, to);
		Result r = Verifier.verify(TestPolicies.parse(text, "cfs_cwc_mutant.policy"), VerifyOptions.of(property, 4, 5));
		assertEquals(Result.Verdict.VIOLATED, r.verdict(), name);
		Counterexample cx = r.counterexample().orElseThrow();
		assertEquals(2, cx.cores(), "two cores suffice for each of these mutants");
		assertTrue(cx.steps().get(cx.steps().size() - 1).event().equals("balance"), "the violation is at a steal");
	}
}
