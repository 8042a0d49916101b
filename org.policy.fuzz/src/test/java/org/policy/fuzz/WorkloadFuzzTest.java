package org.policy.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Generated workload inputs through the oracle (see {@link Setup} for the generator and the target). */
class WorkloadFuzzTest {
	@Test
	@ResourceLock(Campaigns.GLOBAL_STATE)
	void generatedInputs() {
		Campaigns.run(Kind.WORKLOAD, 0, 400, 1);
	}
}
