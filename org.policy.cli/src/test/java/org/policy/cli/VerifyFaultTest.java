package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.cli.Cli.policy;
import static org.policy.cli.TestPolicies.CLEAN;
import static org.policy.cli.TestPolicies.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.Cli.Result;

/**
 * A policy that checks clean but faults when it runs (moves none): verify reports the fault like
 * simulate does, positioned, exit 1 (a problem found), not as an internal error.
 */
class VerifyFaultTest {

	/** Line 13: schedule takes the head of the queue even when it is empty. */
	private static final String MOVES_NONE_AT_ONCE = CLEAN.replace(
			"if (!empty(self.ready)) {\n\t\t\tfirst(self.ready) => self.current;\n\t\t}",
			"first(self.ready) => self.current;");

	/** Line 15: schedule takes from a queue nothing ever enters, once the other one has a thread. */
	private static final String MOVES_NONE_LATER = CLEAN.replace("queue ready ordered by fifo;",
			"queue ready ordered by fifo;\n\t\tqueue spare ordered by fifo;")
			.replace("first(self.ready) => self.current;", "first(self.spare) => self.current;");

	@TempDir
	Path dir;

	@Test
	void aFaultOfTheInitialStateIsAPositionedPolicyFault() {
		Path p = write(dir, "atonce.policy", MOVES_NONE_AT_ONCE);
		assertEquals(new Result(0, "", ""), policy("check", p.toString()), "the checks do not catch it");

		Result r = policy("verify", p.toString(), "--cores", "2", "--threads", "2");

		assertEquals(1, r.status(), r.err());
		assertEquals(p + ":13: error: policy atonce faults in the idle cores' first schedule: 'thread' of none\n",
				r.err());
		assertTrue(r.out().contains("counterexample: no step: the idle cores' first schedule on the empty machine faults\n"),
				r.out());
		assertTrue(r.out().endsWith("fault: line 13: 'thread' of none\n"), r.out());
	}

	@Test
	void aFaultLaterInTheRunIsPositionedTooAndItsCounterexampleWritten() throws Exception {
		Path p = write(dir, "later.policy", MOVES_NONE_LATER);
		Path cx = dir.resolve("cx/later.json");

		Result r = policy("verify", p.toString(), "--cores", "1", "--threads", "1", "--counterexample", cx.toString());

		assertEquals(1, r.status(), r.err());
		assertEquals(p + ":15: error: policy later faults at step 1 of the run above: 'thread' of none\n", r.err());
		assertTrue(Files.readString(cx).contains("\"fault\""), "the counterexample file is written");
	}

	@Test
	void simulateReportsTheSameFaultAtTheSameLine() {
		Path p = write(dir, "later.policy", MOVES_NONE_LATER);
		Result r = policy("simulate", p.toString(), "-d", "5ms", "--out", dir.resolve("out").toString());
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().startsWith(p + ": policy later faulted at t="), r.err());
		assertTrue(r.err().endsWith("line 15: 'thread' of none\n"), r.err());
		assertTrue(Files.notExists(dir.resolve("out")));
	}
}
