package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.cli.Cli.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.Cli.Result;
import org.policy.dsl.output.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The JVM running out of heap or stack in the middle of a command: a message saying what ran out, for
 * which input, and how to raise it; exit 3; no stack trace; no half-written output.
 */
class ResourceExhaustionTest {

	@TempDir
	Path dir;

	/** Writes half of its output, then fails the way the JVM would. */
	@Command(name = "exhaust")
	static final class Exhaust implements Callable<Integer> {
		@Parameters(paramLabel = "POLICY")
		Path policy;

		@Option(names = "--workload", paramLabel = "FILE|NAME")
		String workload;

		@Option(names = "--out", paramLabel = "DIR")
		Path out;

		@Option(names = "--stack")
		boolean stack;

		/** Wrapped as Xtext's parser wraps it: ParseException(RuntimeException(StackOverflowError)). */
		@Option(names = "--wrapped")
		boolean wrapped;

		@Override
		public Integer call() throws Exception {
			try (AtomicOutput output = AtomicOutput.directory("--out", out)) {
				Files.writeString(output.staging().resolve("metrics.json"), "{\"half\":");
				Error error = stack ? new StackOverflowError() : new OutOfMemoryError("Java heap space");
				if (wrapped) {
					throw new IllegalStateException(error.toString(), new RuntimeException(error.toString(), error));
				}
				throw error;
			}
		}
	}

	private static List<String> names(Path dir) throws Exception {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void outOfHeapSaysWhatRanOutAndHowToRaiseIt() throws Exception {
		Result r = policy(cl -> cl.addSubcommand(new Exhaust()), "exhaust", "big.policy", "--workload", "huge.json",
				"--out", dir.resolve("out").toString());

		assertEquals(3, r.status());
		assertEquals("", r.out());
		long max = Runtime.getRuntime().maxMemory() >> 20;
		assertEquals("policy: out of memory: the Java heap (at most " + max + " MiB) is full on big.policy, huge.json. "
				+ "Give it more, e.g. POLICY_JAVA_OPTS=-Xmx" + ResourceExhaustion.suggestion(Runtime.getRuntime().maxMemory())
				+ ", or ask for a smaller run (fewer cores, threads, states or a shorter duration)\n", r.err());
		assertEquals(List.of(), names(dir), "no half-written output");
	}

	@Test
	void aStackOverflowNamesTheInputFile() throws Exception {
		Result r = policy(cl -> cl.addSubcommand(new Exhaust()), "exhaust", "deep.policy", "--stack", "--out",
				dir.resolve("out").toString());

		assertEquals(new Result(3, "", "policy: deep.policy: too deeply nested to process: the Java stack overflowed; "
				+ "nest less deeply, or give the stack more room, e.g. POLICY_JAVA_OPTS=-Xss64m\n"), r);
		assertEquals(List.of(), names(dir));
	}

	@Test
	void aStackOverflowWrappedByALibraryIsRecognisedToo() throws Exception {
		Result r = policy(cl -> cl.addSubcommand(new Exhaust()), "exhaust", "deep.policy", "--stack", "--wrapped",
				"--out", dir.resolve("out").toString());

		assertEquals(new Result(3, "", "policy: deep.policy: too deeply nested to process: the Java stack overflowed; "
				+ "nest less deeply, or give the stack more room, e.g. POLICY_JAVA_OPTS=-Xss64m\n"), r);
		assertEquals(List.of(), names(dir));
	}

	@Test
	void theSuggestionIsTwiceTheCurrentHeapInWholeGibibytes() {
		assertEquals("1g", ResourceExhaustion.suggestion(256L << 20));
		assertEquals("8g", ResourceExhaustion.suggestion(4L << 30));
		assertEquals("3g", ResourceExhaustion.suggestion(1200L << 20));
		assertTrue(ResourceExhaustion.describe(new OutOfMemoryError("Metaspace"), List.of())
				.contains("POLICY_JAVA_OPTS=-XX:MaxMetaspaceSize="));
	}
}
