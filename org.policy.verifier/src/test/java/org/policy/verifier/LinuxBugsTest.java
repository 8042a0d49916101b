package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;

/**
 * The benchmark of policies/bugs (its README): each work-conservation bug of Lozi et al., "The Linux
 * Scheduler: a Decade of Wasted Cores" (EuroSys 2016), as a policy with the bug and one with the paper's fix.
 * At the bounds the README states, the bug has a counterexample (a real run: the verifier replays it before
 * reporting it) and the fix holds, with a thread waiting for a core on every machine size, so that the bounds
 * exercise the balancing.
 */
class LinuxBugsTest {
	private static final Path BUGS = TestPolicies.LIBRARY.resolve("bugs");

	/**
	 * A bug's policy ({@code NAME.policy}; its fix is {@code NAME_fixed.policy}) and the README's bounds: the
	 * topology ({@code --topology}; {@code flat} for a policy that describes its machine itself) and the cores
	 * and threads.
	 */
	record Pair(String bug, String topology, int cores, int threads) {
		String fixed() {
			return bug + "_fixed";
		}
	}

	static final List<Pair> PAIRS = List.of(
			new Pair("group_imbalance", "llc=2,numa=2", 4, 5),
			new Pair("group_construction", VerifyOptions.FLAT, 4, 5),
			new Pair("overload_on_wakeup", "llc=2,numa=2", 4, 5),
			new Pair("missing_domains", "llc=2,numa=2", 4, 5));

	@TestFactory
	Stream<DynamicTest> eachBugHasACounterexampleAndItsFixHolds() {
		Assumptions.assumeTrue(Files.isDirectory(BUGS), BUGS + " does not exist");
		return PAIRS.stream().flatMap(p -> Stream.of(
				DynamicTest.dynamicTest(p.bug(), () -> bugHasACounterexample(p)),
				DynamicTest.dynamicTest(p.fixed(), () -> fixHolds(p))));
	}

	private static void bugHasACounterexample(Pair p) throws Exception {
		Result r = Verifier.verify(load(p.bug()), options(p));
		assertEquals(Result.Verdict.VIOLATED, r.verdict(), p.bug());
		Counterexample cx = r.counterexample().orElseThrow();
		assertFalse(cx.isFault(), () -> p.bug() + " faults: " + cx.fault());
		assertTrue(cx.idleCore() >= 0, p.bug() + " leaves a core idle");
		assertTrue(cx.cores() >= 2 && cx.cores() <= p.cores(), p.bug() + " on " + cx.cores() + " cores");
		assertTrue(cx.tieSteps().isEmpty(), p.bug() + ": every tie by lowest id, as the simulator replays it");
	}

	private static void fixHolds(Pair p) throws Exception {
		Result r = Verifier.verify(load(p.fixed()), options(p));
		assertEquals(Result.Verdict.HOLDS, r.verdict(),
				() -> p.fixed() + ": " + r.counterexample().map(Counterexample::verdict).orElse(""));
		assertEquals(p.cores(), r.provedCores(), p.fixed());
		assertEquals(List.of(), r.unexercised(), p.fixed() + ": a thread waits for a core on every machine size");
	}

	/** Every policy of policies/bugs is a bug of the table or its fix, so none goes unchecked. */
	@Test
	void everyPolicyOfTheFolderIsABugOrItsFix() throws IOException {
		Assumptions.assumeTrue(Files.isDirectory(BUGS), BUGS + " does not exist");
		List<String> names = new ArrayList<>();
		for (Pair p : PAIRS) {
			names.add(p.bug());
			names.add(p.fixed());
		}
		List<String> files;
		try (Stream<Path> list = Files.list(BUGS)) {
			files = list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".policy"))
					.map(f -> f.substring(0, f.length() - ".policy".length())).sorted().toList();
		}
		if (!files.equals(names.stream().sorted().toList())) {
			fail("policies/bugs holds " + files + ", LinuxBugsTest.PAIRS names " + names.stream().sorted().toList());
		}
	}

	private static VerifyOptions options(Pair p) {
		VerifyOptions o = VerifyOptions.of(Property.WC, p.cores(), p.threads());
		return VerifyOptions.FLAT.equals(p.topology()) ? o : o.withTopology(p.topology());
	}

	private static CompiledPolicy load(String name) throws Exception {
		return new PolicyLoader().load(PolicyFile.of(BUGS.resolve(name + ".policy").toString())).requireNoErrors()
				.compile();
	}
}
