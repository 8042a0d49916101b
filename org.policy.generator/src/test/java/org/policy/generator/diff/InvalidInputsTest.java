package org.policy.generator.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.generator.TestPolicies;

/**
 * The C runtime does not refuse a thread's invalid inputs (the reference cannot even represent them:
 * ThreadInputs throws): prt_new() replaces the invalid part by its default, a nice outside -20..19 by
 * 0 and real-time parameters that are not 0 < runtime <= deadline <= period by all 0, and keeps the
 * rest. The C given invalid inputs must then decide as the reference given the repaired ones. An
 * affinity that allows none of the machine's cores is invalid too: every core at creation, and an
 * affinity change to such a set does not happen (sched_setaffinity() refuses an empty mask).
 */
class InvalidInputsTest {
	@Test
	void invalidPartsOfAThreadsInputsFallBackToTheirDefaults(@TempDir Path dir) throws Exception {
		assumeTrue(CDriver.gccAvailable(), "gcc is not installed");
		Path file = TestPolicies.coverage().stream().filter(p -> p.getFileName().toString().equals("cov_inputs.policy"))
				.findFirst().orElseThrow();
		Policy policy = TestPolicies.model(file);
		CDriver driver = CDriver.build(policy, dir);
		String shape = "S 2 0 0 0 6 0\n";
		String invalid = shape + """
				E 10 new 0 25 0 0 0
				E 20 new 1 -3 5000 4000 10000
				E 30 new 0 -21 1000 2000 3000
				E 40 new 1 7 0 2000 3000
				E 50 complete 0 0
				E 60 tick 0
				E 70 tick 1
				X
				""";
		List<Event> repaired = List.of(new Event(10, "new", 0, 0, ThreadInputs.DEFAULT),
				new Event(20, "new", 1, 0, ThreadInputs.ofNice(-3)),
				new Event(30, "new", 0, 0, new ThreadInputs(0, 1000, 2000, 3000)),
				new Event(40, "new", 1, 0, ThreadInputs.ofNice(7)), new Event(50, "complete", 0, 0),
				new Event(60, "tick", 0, 0), new Event(70, "tick", 1, 0));
		Sequence expected = new Sequence(2, 0, 0, 0, 6, Map.of(), repaired);
		assertEquals(new Reference(CompiledPolicy.of(policy)).run(expected), driver.run(invalid));
		// and the valid record gives the same as the repaired one
		assertEquals(driver.run(List.of(expected)), driver.run(invalid));
	}

	@Test
	void anAffinityWithNoCoreOfTheMachineMeansEveryCoreAtCreationAndNoChangeLater(@TempDir Path dir) throws Exception {
		assumeTrue(CDriver.gccAvailable(), "gcc is not installed");
		Path file = TestPolicies.coverage().stream().filter(p -> p.getFileName().toString().equals("cov_affinity.policy"))
				.findFirst().orElseThrow();
		Policy policy = TestPolicies.model(file);
		CDriver driver = CDriver.build(policy, dir);
		String invalid = """
				S 2 0 0 0 6 0
				E 10 new 0 0 0 0 0 0 100 5-7
				E 20 new 1 0 0 0 0 0 100 1
				E 30 affinity 0 1 4
				E 40 complete 0 0
				E 50 affinity 0 1 0
				X
				""";
		List<Event> repaired = List.of(new Event(10, "new", 0, 0, ThreadInputs.DEFAULT),
				new Event(20, "new", 1, 0, ThreadInputs.DEFAULT.withAffinity(Affinity.of(1))),
				Event.affinity(30, 0, 1, Affinity.of(4)), new Event(40, "complete", 0, 0),
				Event.affinity(50, 0, 1, Affinity.of(0)));
		List<String> reference = new Reference(CompiledPolicy.of(policy))
				.run(new Sequence(2, 0, 0, 0, 6, Map.of(), repaired));
		assertEquals("skip", reference.get(2), "the change to core 4 of 2 cores is refused");
		assertEquals(reference, driver.run(invalid));
	}
}
