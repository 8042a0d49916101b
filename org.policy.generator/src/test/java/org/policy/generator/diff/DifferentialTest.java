package org.policy.generator.diff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.generator.TestPolicies;

/**
 * For every policy: seeded random event sequences (new with random inputs and affinities, tick, yield,
 * block, unblock, terminate, schedule, balance, settle, enter/exit idle, affinity changes; 1 to 8 cores;
 * random topologies and parameters) run through the reference semantics and through the generated C compiled with gcc. Every event's
 * transitions and the hash of the canonical dump after it, and the final dump, must be equal; on a
 * disagreement the test fails with the shortest sequence it finds that still shows it.
 */
class DifferentialTest {
	/** Sequences per policy; -Ddiff.sequences=N changes it. */
	private static final int SEQUENCES = Integer.getInteger("diff.sequences", 10_000);
	private static final long SEED = Long.getLong("diff.seed", 20261125L);

	/** -Ddiff.policies=a,b runs only the policies of those names (a targeted run on a shared machine). */
	private static final String ONLY = System.getProperty("diff.policies", "");

	static Stream<Path> policies() {
		List<String> only = ONLY.isEmpty() ? List.of() : List.of(ONLY.split(","));
		return TestPolicies.all().stream()
				.filter(p -> only.isEmpty() || only.contains(p.getFileName().toString().replace(".policy", "")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void generatedCAgreesWithTheReferenceSemantics(Path file, @TempDir Path dir) throws Exception {
		assumeTrue(CDriver.gccAvailable(), "gcc is not installed: the differential test needs it to compile the C");
		Policy policy = TestPolicies.model(file);
		CompiledPolicy compiled = CompiledPolicy.of(policy);
		CDriver driver = CDriver.build(policy, dir);
		Reference reference = new Reference(compiled);
		SequenceGenerator generator = new SequenceGenerator(compiled, SEED ^ policy.getName().hashCode());
		List<Sequence> sequences = new ArrayList<>(SEQUENCES);
		List<List<String>> expected = new ArrayList<>(SEQUENCES);
		CDriver.Session session = driver.start();
		for (int i = 0; i < SEQUENCES; i++) {
			Sequence s = generator.next(reference);
			session.send(s);
			sequences.add(s);
			expected.add(reference.finish());
		}
		List<String> actual = session.finish();
		int line = 0;
		for (int i = 0; i < sequences.size(); i++) {
			List<String> want = expected.get(i);
			int end = Math.min(actual.size(), line + want.size());
			List<String> got = actual.subList(line, end);
			if (!want.equals(got)) {
				Shrinker shrinker = new Shrinker(new Reference(compiled), driver);
				Sequence small = shrinker.disagree(sequences.get(i)) ? shrinker.shrink(sequences.get(i)) : sequences.get(i);
				List<String> refOut = new Reference(compiled).run(small);
				List<String> cOut = driver.run(List.of(small));
				throw new AssertionError(policy.getName() + ": the generated C disagrees with the reference on sequence "
						+ i + " (seed " + SEED + "); shortest sequence found: " + small + "\nreference:\n  "
						+ String.join("\n  ", refOut) + "\nC:\n  " + String.join("\n  ", cOut));
			}
			line = end;
		}
		assertFalse(actual.size() > line, "the C driver printed more than expected");
		for (int marked : faultLines(file)) {
			assertTrue(expected.stream().anyMatch(out -> out.contains("fault " + marked)), policy.getName()
					+ ": no sequence faulted on line " + marked + ", which says it faults: the sequences miss that path");
		}
	}

	/** The lines a coverage policy marks with "faults here": some sequence must reach each one's fault. */
	private static List<Integer> faultLines(Path file) throws java.io.IOException {
		List<String> lines = java.nio.file.Files.readAllLines(file);
		List<Integer> marked = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).matches(".*\\S.*// faults here.*")) {
				marked.add(i + 1);
			}
		}
		return marked;
	}
}
