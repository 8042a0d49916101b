package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.policy.dsl.Durations;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoader;

/**
 * The expected verdict of every policy of the library (../policies), in one table. A policy file not in
 * the table fails the test (add its verdict here); a policy of the table whose file does not exist yet is
 * skipped.
 */
class LibraryVerdictsTest {
	enum Expect {
		/** Holds, for WC and for CWC, on every machine within the bounds. */
		HOLDS,
		/** Both properties have a counterexample within the bounds. */
		VIOLATED
	}

	/**
	 * A policy's expected verdict and the bounds it is checked at. Time is frozen unless {@code step} is
	 * set; a policy whose counterexample needs time to pass (PELT load decay in cfs) gets a step and a
	 * horizon. The bounds are those that run in seconds here, every delivery order of pending reschedules
	 * included (docs/semantics.md, "Concurrency"); the CLI checks larger ones (policies/README.md).
	 */
	record Row(Expect expect, int cores, int threads, String step, String horizon) {
		static Row frozen(Expect expect, int cores, int threads) {
			return new Row(expect, cores, threads, null, null);
		}
	}

	static final Map<String, Row> TABLE = Map.ofEntries(
			Map.entry("fifo", Row.frozen(Expect.HOLDS, 6, 7)),
			Map.entry("rr", Row.frozen(Expect.HOLDS, 6, 7)),
			Map.entry("cfs_cwc", Row.frozen(Expect.HOLDS, 4, 5)),
			Map.entry("eevdf", Row.frozen(Expect.HOLDS, 3, 4)),
			Map.entry("group_fair", Row.frozen(Expect.HOLDS, 3, 4)),
			Map.entry("ule_cwc", Row.frozen(Expect.HOLDS, 6, 7)),
			Map.entry("global_edf", Row.frozen(Expect.HOLDS, 3, 4)),
			Map.entry("sjf", Row.frozen(Expect.HOLDS, 2, 3)),
			Map.entry("locality", Row.frozen(Expect.VIOLATED, 6, 4)),
			// placed once at creation, never migrated: 3 threads on 2 cores, one blocks, its core idles
			Map.entry("partitioned_edf", Row.frozen(Expect.VIOLATED, 6, 4)),
			Map.entry("ule", Row.frozen(Expect.VIOLATED, 6, 4)),
			// two threads whose load decayed to 0 while asleep (11 PELT half-lives) escape the load filter
			Map.entry("cfs", new Row(Expect.VIOLATED, 2, 3, "400ms", "1200ms")));

	@TestFactory
	Stream<DynamicTest> everyLibraryPolicyHasItsExpectedVerdict() {
		return TABLE.keySet().stream().sorted().flatMap(name -> Stream.of(Property.values())
				.map(p -> DynamicTest.dynamicTest(name + " " + p.id(), () -> check(name, p))));
	}

	private static void check(String name, Property property) throws Exception {
		Path file = TestPolicies.LIBRARY.resolve(name + ".policy");
		Assumptions.assumeTrue(Files.exists(file), file + " does not exist yet");
		Row row = TABLE.get(name);
		// at the defaults: the table's bounds are those of policies/README.md, which states its verdicts for the
		// default parameter values (every value of a range multiplies the explorations; ParamVerdictTest covers it)
		VerifyOptions options = VerifyOptions.of(property, row.cores(), row.threads()).withVaryParams(false);
		if (row.step() != null) {
			options = options.withTime(List.of(Durations.parse(row.step())), Durations.parse(row.horizon()));
		}
		Result r = Verifier.verify(new PolicyLoader().load(PolicyFile.of(file.toString())).requireNoErrors().compile(),
				options);
		if (row.expect() == Expect.HOLDS) {
			assertEquals(Result.Verdict.HOLDS, r.verdict(),
					() -> name + ": " + r.counterexample().map(Counterexample::verdict).orElse(""));
			assertEquals(row.cores(), r.provedCores());
			assertEquals(List.of(), r.unexercised(), name + ": every size of the bound that policies/README.md states "
					+ "has a thread that waits for a core");
		} else {
			assertEquals(Result.Verdict.VIOLATED, r.verdict(), name);
			assertTrue(r.counterexample().orElseThrow().cores() >= 2);
		}
	}

	@Test
	void everyPolicyFileOfTheLibraryIsInTheTable() throws IOException {
		Assumptions.assumeTrue(Files.isDirectory(TestPolicies.LIBRARY));
		List<String> missing;
		try (Stream<Path> files = Files.list(TestPolicies.LIBRARY)) {
			missing = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".policy"))
					.map(f -> f.substring(0, f.length() - ".policy".length())).filter(n -> !TABLE.containsKey(n))
					.sorted().toList();
		}
		if (!missing.isEmpty()) {
			fail("library policies without an expected verdict in LibraryVerdictsTest.TABLE: " + missing);
		}
		assertTrue(TABLE.containsKey("cfs_cwc"));
	}
}
