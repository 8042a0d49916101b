package org.policy.fuzz;

import org.junit.jupiter.api.Test;

/**
 * Generated and mutated policy text through the loader and compiler. Two halves, so that they run on
 * both cores; together with the other kinds' tests more than 20,000 inputs per build.
 */
class PolicyFuzzTest {
	static final long INPUTS = 9_400;

	@Test
	void firstHalf() {
		Campaigns.run(Kind.POLICY, 0, INPUTS, 1);
	}

	@Test
	void secondHalf() {
		Campaigns.run(Kind.POLICY, INPUTS, INPUTS, 1);
	}
}
