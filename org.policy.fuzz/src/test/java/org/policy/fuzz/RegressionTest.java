package org.policy.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every defect the fuzzers found, as a minimal reproducer under src/test/resources/regressions/NAME/:
 * the input files and {@code case.properties} ({@code kind}, {@code args} with {@code {dir}} for the
 * folder, {@code description}, {@code defect}: the {@link KnownDefects} id while it is not fixed). A
 * reproducer may only show findings of defects on the known list (as the campaigns count them); once its
 * own entry is deleted from the list, it must show none of it.
 */
class RegressionTest {
	static final Path ROOT = Path.of("src/test/resources/regressions");

	@TestFactory
	@ResourceLock(Campaigns.GLOBAL_STATE)
	Stream<DynamicTest> reproducers() throws IOException {
		List<Path> cases;
		try (Stream<Path> dirs = Files.list(ROOT)) {
			cases = dirs.filter(Files::isDirectory).sorted().toList();
		}
		assertTrue(KnownDefects.ALL.stream().allMatch(d -> Files.isDirectory(ROOT.resolve(d.id()))),
				"every known defect has a reproducer folder named after its id");
		Setup setup = Campaigns.setup();
		return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(setup, dir)));
	}

	private static void check(Setup setup, Path dir) throws IOException {
		Properties about = new Properties();
		try (InputStream in = Files.newInputStream(dir.resolve("case.properties"))) {
			about.load(in);
		}
		// run=no: a reproducer that would harm the JVM running the tests (heap exhaustion); run it by hand.
		org.junit.jupiter.api.Assumptions.assumeFalse("no".equals(about.getProperty("run")),
				() -> dir + " is run by hand: policy " + about.getProperty("args"));
		Kind kind = Kind.valueOf(about.getProperty("kind").toUpperCase(java.util.Locale.ROOT));
		Map<String, String> files = new LinkedHashMap<>();
		boolean binary = kind == Kind.LSP;
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
				String name = dir.relativize(p).toString();
				if (!name.equals("case.properties")) {
					files.put(name, new String(Files.readAllBytes(p),
							binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
				}
			}
		}
		String args = about.getProperty("args", "").strip();
		List<String> argList = args.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(args.split("\\s+")));
		FuzzInput input = new FuzzInput(kind, about.getProperty("description", ""), files, argList, binary);
		Observation o;
		try (Fuzzer fuzzer = new Fuzzer(Campaigns.LIMIT)) {
			o = fuzzer.run(setup.target(kind), input);
		}
		String command = kind == Kind.CLI && !argList.isEmpty() ? argList.get(0) : null;
		List<Finding> findings = Oracle.check(kind, command, o);
		// A finding of a known defect is known here as in the campaigns: the two language-server races on
		// the list can show in each other's session (CI once saw 'already registered' in the replay of
		// lsp-parse-result-null). A defect whose entry is gone (fixed) is unknown again and fails.
		List<Finding> unexpected = findings.stream().filter(f -> KnownDefects.match(f).isEmpty()).toList();
		assertEquals(List.of(), unexpected, () -> dir + ": " + about.getProperty("description"));
	}
}
