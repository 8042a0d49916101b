package org.policy.fuzz.targets;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.policy.cli.PolicyCommand;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;
import org.policy.fuzz.Observation;
import org.policy.fuzz.Target;

/**
 * Runs {@code policy ARGS...} in-process, as {@code main} would ({@link PolicyCommand#execute}), in a fresh
 * directory holding the input's files ({@code {dir}} in the arguments is that directory). Used for the CLI
 * kind and, with {@code simulate} arguments, for workloads and traces. After the run it looks at what the
 * command left in the directory: a failed command must leave nothing, a successful one no staging directory.
 */
public final class CommandTarget implements Target {
	private final Kind kind;
	private final Path scratch;

	/** @param scratch where the per-input directories are made (and removed) */
	public CommandTarget(Kind kind, Path scratch) {
		this.kind = kind;
		this.scratch = scratch;
	}

	@Override
	public Kind kind() {
		return kind;
	}

	@Override
	public Observation run(FuzzInput input) throws IOException {
		Path dir = Files.createTempDirectory(scratch, "in-");
		try {
			Map<String, String> sources = new LinkedHashMap<>();
			for (Map.Entry<String, String> file : input.files().entrySet()) {
				Path path = dir.resolve(file.getKey());
				Files.createDirectories(path.getParent());
				Files.write(path, file.getValue().getBytes(input.binary() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
				sources.put(path.toString(), file.getValue());
			}
			Set<Path> before = listing(dir);
			String[] args = input.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			int status = PolicyCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
			String command = args.length == 0 ? "" : args[0];
			return new Observation(status, out.toString(), err.toString(),
					diagnostics(command, status, out.toString(), err.toString(), sources), sources, null, false,
					leftovers(command, status, dir, before), List.of());
		} finally {
			delete(dir);
		}
	}

	/** The lines that must be positioned: see {@link org.policy.fuzz.Oracle}. */
	private List<String> diagnostics(String command, int status, String out, String err, Map<String, String> sources) {
		List<String> lines = new ArrayList<>();
		if (command.equals("check") && status == 1) {
			out.lines().filter(l -> !l.isBlank()).forEach(lines::add);
		}
		if (status != 0) {
			err.lines().filter(l -> sources.keySet().stream().anyMatch(l::startsWith)).forEach(lines::add);
		}
		return lines;
	}

	/**
	 * Staging directories ({@code .NAME.partial-*}) are never right; other new entries are wrong after a
	 * usage or internal error, and after an input error except what {@code verify} writes on purpose (a
	 * counterexample of a property that does not hold).
	 */
	private static List<String> leftovers(String command, int status, Path dir, Set<Path> before) throws IOException {
		List<String> found = new ArrayList<>();
		for (Path path : listing(dir)) {
			if (before.contains(path)) {
				continue;
			}
			String name = path.getFileName().toString();
			boolean staging = name.contains(".partial-");
			boolean failed = status >= 2 || (status == 1 && !command.equals("verify"));
			if (staging || failed) {
				found.add((staging ? "staging directory " : "output after status " + status + ": ") + dir.relativize(path));
			}
		}
		return found;
	}

	private static Set<Path> listing(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return new HashSet<>(files.toList());
		}
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			all.sorted(Comparator.reverseOrder()).forEach(p -> {
				try {
					Files.deleteIfExists(p);
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
	}
}
