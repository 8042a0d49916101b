package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * policies/bugs/README.md, the benchmark of Lozi et al.'s bugs, run as a reader would: every command of its
 * {@code sh} blocks, from a directory that has the repository's {@code bin} and {@code policies}, with the exit
 * status its comment gives (else 0) and the figures its comment names in its output ({@code 118,258 states},
 * {@code 10 steps}, {@code holds: ...}, {@code wasted-core 5.000 ms}). So each counterexample is found, written,
 * replayed by the simulator with the wasted-core time the page states, and each fix holds with the states it
 * states. The page's table must give the same figures as the commands' comments.
 */
class BugsReadmeIT {
	private static final Path ROOT = RepositoryLinks.ROOT;
	private static final Path README = ROOT.resolve("policies/bugs/README.md");
	private static final Pattern FIGURE = Pattern.compile("\\b(\\d[\\d,]*) (states|steps)\\b");
	private static final Pattern WASTED = Pattern.compile("\\bwasted-core (\\d+\\.\\d{3} ms)");
	/** A row of the table: name, paper, machine, bug's verdict, replayed wasted-core, fix's verdict. */
	private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| [^|]+ \\| [^|]+ \\| counterexample, (\\d+) steps on"
			+ " \\d+ cores \\(([\\d,]+) states\\) \\| (\\d+) ms of \\d+ ms \\| holds \\(([\\d,]+) states\\) \\|$");

	@TempDir
	static Path work;

	@BeforeAll
	static void linkTheRepository() throws IOException {
		RepositoryLinks.link(work, "bin", "policies");
	}

	@AfterAll
	static void unlinkTheRepository() throws IOException {
		RepositoryLinks.unlink(work, "bin", "policies");
	}

	@TestFactory
	Stream<DynamicTest> everyCommandDoesWhatThePageShows() throws IOException {
		List<ReadmeTourIT.Block> blocks = ReadmeTourIT.blocks(Files.readString(README), null);
		// a parser that found nothing would pass vacuously
		assertTrue(blocks.size() >= 2, "the page's sh blocks: " + blocks.size());
		return blocks.stream().map(b -> DynamicTest.dynamicTest("policies/bugs/README.md:" + b.line(), () -> run(b)));
	}

	private static void run(ReadmeTourIT.Block block) throws Exception {
		for (ReadmeTourIT.Command c : block.commands()) {
			Process p = new ProcessBuilder("sh", "-c", c.text()).directory(work.toFile())
					.redirectError(work.resolve("stderr.txt").toFile()).start();
			String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertTrue(p.waitFor(10, TimeUnit.MINUTES), "README.md:" + c.line() + " finishes");
			String stderr = Files.readString(work.resolve("stderr.txt"));
			String where = "policies/bugs/README.md:" + c.line() + ": " + c.text() + "\nstdout:\n" + stdout + "stderr:\n"
					+ stderr;
			assertEquals(c.expectedExit(), p.exitValue(), "exit status of " + where);
			Matcher figure = FIGURE.matcher(c.comment());
			while (figure.find()) {
				String shown = figure.group(1).replace(",", "") + " " + figure.group(2);
				assertTrue(stdout.contains(shown), "'" + shown + "' in the output of " + where);
			}
			Matcher wasted = WASTED.matcher(c.comment());
			while (wasted.find()) {
				assertTrue(stdout.contains("wasted-core " + wasted.group(1)), "'" + wasted.group() + "' in " + where);
			}
			if (c.comment().startsWith("holds")) {
				assertTrue(stdout.startsWith("holds for "), "holds: " + where);
			}
		}
	}

	/** Each row of the table gives the figures of the commands of its policies. */
	@Test
	void theTableGivesTheFiguresOfTheCommands() throws IOException {
		String page = Files.readString(README);
		List<ReadmeTourIT.Command> commands = new ArrayList<>();
		ReadmeTourIT.blocks(page, null).forEach(b -> commands.addAll(b.commands()));
		int rows = 0;
		for (String line : page.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (!row.matches()) {
				continue;
			}
			rows++;
			String name = row.group(1);
			assertEquals(row.group(2) + " steps, " + row.group(3) + " states; exit 1",
					comment(commands, "verify policies/bugs/" + name + ".policy "), name);
			assertEquals("wasted-core " + row.group(4) + ".000 ms",
					comment(commands, "simulate policies/bugs/" + name + ".policy "), name);
			assertEquals("holds: " + row.group(5) + " states", comment(commands, "verify policies/bugs/" + name
					+ "_fixed.policy --cores 4 --threads 5 "), name);
		}
		assertEquals(4, rows, "the table has a row per bug");
	}

	/** The comment of the one command that contains {@code part} and is not a CWC run. */
	private static String comment(List<ReadmeTourIT.Command> commands, String part) {
		List<String> found = commands.stream()
				.filter(c -> (c.text() + " ").contains(part) && !c.text().contains("--property"))
				.map(ReadmeTourIT.Command::comment).toList();
		assertEquals(1, found.size(), "one command with '" + part + "': " + found);
		return found.get(0);
	}
}
