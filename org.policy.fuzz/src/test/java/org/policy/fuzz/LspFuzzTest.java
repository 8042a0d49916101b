package org.policy.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Generated lsp inputs through the oracle (see {@link Setup} for the generator and the target). */
class LspFuzzTest {
	@Test
	@ResourceLock(Campaigns.GLOBAL_STATE)
	void generatedInputs() {
		Campaigns.run(Kind.LSP, 0, 100, 1);
	}
}
