package org.policy.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Generated trace inputs through the oracle (see {@link Setup} for the generator and the target). */
class TraceFuzzTest {
	@Test
	@ResourceLock(Campaigns.GLOBAL_STATE)
	void generatedInputs() {
		Campaigns.run(Kind.TRACE, 0, 400, 1);
	}
}
