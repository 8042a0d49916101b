package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.policy.cli.Cli.policy;
import static org.policy.cli.TestPolicies.CLEAN;
import static org.policy.cli.TestPolicies.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.Cli.Result;

/**
 * Every command that writes follows one output rule (org.policy.dsl.output.AtomicOutput): a bad output
 * path is a usage error naming the flag and the path, in the same words for every command, with
 * nothing written anywhere.
 */
class OutputRuleTest {

	@TempDir
	Path dir;

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private Result simulate(Path policy, String out) {
		return policy("simulate", policy.toString(), "-d", "5ms", "--no-plots", "--out", out);
	}

	@Test
	void anEmptyOutIsAUsageErrorNotTheCurrentDirectory() throws IOException {
		Path p = write(dir, "p.policy", CLEAN);
		List<String> here = names(Path.of(""));
		assertEquals(new Result(2, "", "policy: --out \"\": the directory name is empty\n"), simulate(p, ""));
		assertEquals(new Result(2, "", "policy: --out \"\": the directory name is empty\n"),
				policy("compare", p.toString(), p.toString(), "-d", "5ms", "--out", ""));
		assertEquals(new Result(2, "", "policy: --out \"\": the directory name is empty\n"),
				policy("generate", p.toString(), "--out", ""));
		assertEquals(new Result(2, "", "policy: --counterexample \"\": the file name is empty\n"),
				policy("verify", p.toString(), "--cores", "1", "--threads", "1", "--counterexample", ""));
		assertEquals(here, names(Path.of("")), "nothing written into the current directory");
	}

	@Test
	void anOutThatIsAFileIsRefusedTheSameWayByEveryCommand() throws IOException {
		Path p = write(dir, "p.policy", CLEAN);
		Path file = Files.writeString(dir.resolve("afile"), "keep");
		String refused = "policy: --out " + file + ": exists and is not a directory\n";
		assertEquals(new Result(2, "", refused), simulate(p, file.toString()));
		assertEquals(new Result(2, "", refused),
				policy("compare", p.toString(), p.toString(), "-d", "5ms", "--out", file.toString()));
		assertEquals(new Result(2, "", refused), policy("generate", p.toString(), "--out", file.toString()));
		assertEquals(new Result(2, "", "policy: --counterexample " + dir + ": is a directory\n"),
				policy("verify", p.toString(), "--cores", "1", "--threads", "1", "--counterexample", dir.toString()));
		assertEquals("keep", Files.readString(file));
		assertEquals(List.of("afile", "p.policy"), names(dir), "no temporary left");
	}

	@Test
	void anUnwritablePlaceIsReportedWithAReasonInWords() {
		Path p = write(dir, "p.policy", CLEAN);
		// /proc refuses to create anything even for root, which permission bits do not stop
		String proc = ": cannot create files in /proc: the file system does not allow creating files there\n";
		assertEquals(new Result(2, "", "policy: --out /proc/x" + proc), simulate(p, "/proc/x"));
		assertEquals(new Result(2, "", "policy: --out /proc/x" + proc), policy("generate", p.toString(), "--out", "/proc/x"));
		assertEquals(new Result(2, "", "policy: --counterexample /proc/x" + proc),
				policy("verify", p.toString(), "--cores", "1", "--threads", "1", "--counterexample", "/proc/x"));
		assertEquals(new Result(2, "", "policy: --out /proc: cannot create files in it: the file system does not allow "
				+ "creating files there\n"), simulate(p, "/proc"));
	}

	@Test
	void aGoodOutIsWrittenWholeWithMissingParentsCreated() throws IOException {
		Path p = write(dir, "p.policy", CLEAN);
		Path out = dir.resolve("a/b/out");
		Result r = simulate(p, out.toString());
		assertEquals(0, r.status(), r.err());
		assertEquals(List.of("cores.csv", "metrics.json", "threads.csv", "utilisation.csv"), names(out));
		assertEquals(List.of("out"), names(dir.resolve("a/b")), "no temporary left beside it");
	}

	@Test
	void aFailedRunLeavesNeitherOutputNorTheParentsItCreated() throws IOException {
		Path p = write(dir, "p.policy", CLEAN);
		// a usage error found after the output was opened (an unknown parameter) discards it
		Result r = policy("simulate", p.toString(), "-d", "5ms", "-p", "nope=1", "--out", dir.resolve("a/out").toString());
		assertEquals(2, r.status());
		assertEquals(List.of("p.policy"), names(dir));
	}
}
