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
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's five-minute tour, run as a newcomer would: every {@code sh} block of the section, line by
 * line, from a directory that has the repository's {@code bin} and {@code policies} (so what the tour
 * writes under {@code out/} lands there, not in the repository). What the README shows is checked, so
 * it cannot drift again:
 * <ul>
 * <li>the exit status: the one a line's comment gives ({@code # ...; exit 1}), else 0;</li>
 * <li>the figures a comment names ({@code 68,805 states}, {@code 4 steps}) appear in the line's output;</li>
 * <li>an output block right after a command block is the block's output, byte for byte.</li>
 * </ul>
 * Lines that need root or a kernel tree ({@code sudo}, {@code /lib/modules}, {@code /usr/src},
 * {@code /sys}) are not run here: the QEMU tests build and load the modules.
 */
class ReadmeTourIT {
	private static final Path ROOT = RepositoryLinks.ROOT;
	private static final Pattern COMMENT = Pattern.compile("\\s{2,}#\\s(.*)$");
	private static final Pattern EXIT = Pattern.compile("\\bexit (\\d+)\\b");
	private static final Pattern FIGURE = Pattern.compile("\\b(\\d[\\d,]*) (states|steps)\\b");
	private static final Pattern NEEDS_A_KERNEL = Pattern.compile("\\bsudo |/lib/modules|/usr/src/|/sys/");

	@TempDir
	static Path work;

	/** One command of a block: its README line, the command and the comment after it (or ""). */
	record Command(int line, String text, String comment) {
		int expectedExit() {
			Matcher m = EXIT.matcher(comment);
			return m.find() ? Integer.parseInt(m.group(1)) : 0;
		}
	}

	/** A {@code sh} block and the output block after it (null when the README shows none). */
	record Block(int line, List<Command> commands, String output) {
	}

	@BeforeAll
	static void linkTheRepository() throws IOException {
		RepositoryLinks.link(work, "bin", "policies", "examples");
	}

	@AfterAll
	static void unlinkTheRepository() throws IOException {
		RepositoryLinks.unlink(work, "bin", "policies", "examples");
	}

	@TestFactory
	Stream<DynamicTest> everyTourBlockDoesWhatTheReadmeShows() throws IOException {
		List<Block> blocks = tour(Files.readString(ROOT.resolve("README.md")));
		// a parser that found nothing would pass vacuously
		assertTrue(blocks.size() >= 5, "the tour's sh blocks: " + blocks.size());
		assertTrue(blocks.stream().anyMatch(b -> b.output() != null), "the tour shows some output");
		return blocks.stream().map(b -> DynamicTest.dynamicTest("README.md:" + b.line(), () -> run(b)));
	}

	private static void run(Block block) throws Exception {
		StringBuilder output = new StringBuilder();
		for (Command c : block.commands()) {
			if (NEEDS_A_KERNEL.matcher(c.text()).find()) {
				continue;
			}
			Process p = new ProcessBuilder("sh", "-c", c.text()).directory(work.toFile())
					.redirectError(work.resolve("stderr.txt").toFile()).start();
			String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertTrue(p.waitFor(10, TimeUnit.MINUTES), "README.md:" + c.line() + " finishes");
			String stderr = Files.readString(work.resolve("stderr.txt"));
			String where = "README.md:" + c.line() + ": " + c.text() + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
			assertEquals(c.expectedExit(), p.exitValue(), "exit status of " + where);
			Matcher figure = FIGURE.matcher(c.comment());
			while (figure.find()) {
				String shown = figure.group(1).replace(",", "") + " " + figure.group(2);
				assertTrue(stdout.contains(shown), "'" + shown + "' in the output of " + where);
			}
			output.append(stdout);
		}
		if (block.output() != null) {
			assertEquals(block.output(), output.toString(), "the output the README shows after line " + block.line());
		}
	}

	/** The sh blocks of the section "A five-minute tour", each with the output block after it, if any. */
	static List<Block> tour(String readme) {
		return blocks(readme, "## A five-minute tour");
	}

	/**
	 * The sh blocks of the section that starts at the line {@code heading} (up to the next {@code ## } heading),
	 * or of the whole text when {@code heading} is null, each with the output block after it, if any.
	 */
	static List<Block> blocks(String readme, String heading) {
		String[] lines = readme.split("\n", -1);
		int start = -1;
		if (heading != null) {
			start = 0;
			while (start < lines.length && !lines[start].equals(heading)) {
				start++;
			}
			assertTrue(start < lines.length, "the text has the section '" + heading + "'");
		}
		List<Block> blocks = new ArrayList<>();
		for (int i = start + 1; i < lines.length && (heading == null || !lines[i].startsWith("## ")); i++) {
			if (!lines[i].equals("```sh")) {
				continue;
			}
			int blockLine = i + 1;
			List<Command> commands = new ArrayList<>();
			StringBuilder text = new StringBuilder();
			int commandLine = 0;
			for (i++; !lines[i].equals("```"); i++) {
				if (text.length() == 0) {
					commandLine = i + 1;
				}
				String line = lines[i];
				if (line.endsWith("\\")) {
					text.append(line, 0, line.length() - 1).append(' ');
					continue;
				}
				text.append(line);
				Matcher comment = COMMENT.matcher(text);
				boolean commented = comment.find();
				String command = commented ? text.substring(0, comment.start()) : text.toString();
				commands.add(new Command(commandLine, command.strip(), commented ? comment.group(1) : ""));
				text.setLength(0);
			}
			int next = i + 1;
			while (next < lines.length && lines[next].isBlank()) {
				next++;
			}
			String output = null;
			if (next < lines.length && lines[next].equals("```")) {
				StringBuilder out = new StringBuilder();
				for (i = next + 1; !lines[i].equals("```"); i++) {
					out.append(lines[i]).append('\n');
				}
				output = out.toString();
			}
			blocks.add(new Block(blockLine, commands, output));
		}
		return blocks;
	}
}
