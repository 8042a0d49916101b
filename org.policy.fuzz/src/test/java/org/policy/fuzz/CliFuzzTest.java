package org.policy.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Generated cli inputs through the oracle (see {@link Setup} for the generator and the target). */
class CliFuzzTest {
	@Test
	@ResourceLock(Campaigns.GLOBAL_STATE)
	void generatedInputs() {
		Campaigns.run(Kind.CLI, 0, 400, 1);
	}
}
