package org.policy.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.policy.fuzz.gen.Generator;

/**
 * Runs N inputs of one kind, deterministically: input i of seed S is generated from its own random
 * source (S, i), so any single input can be regenerated from the two numbers. Counts what the oracle
 * found and writes the first findings of each category as reproducer files.
 */
public final class Campaign {
	/** What a campaign found. */
	public static final class Result {
		public final Kind kind;
		public long inputs;
		public long nanos;
		public long crashes;
		public long hangs;
		public long unpositioned;
		public long other;
		/** Findings by category, with the first example of each and its input index. */
		public final Map<String, Example> categories = new TreeMap<>();

		Result(Kind kind) {
			this.kind = kind;
		}

		public double perSecond() {
			return nanos == 0 ? 0 : inputs / (nanos / 1e9);
		}

		/** Categories not on the known-defects list: these fail the build. */
		public List<String> unknown() {
			return categories.entrySet().stream().filter(e -> e.getValue().known == null).map(Map.Entry::getKey).toList();
		}
	}

	/** The first input of a category, and how many inputs fell into it. */
	public static final class Example {
		public final long index;
		public final Finding finding;
		public final FuzzInput input;
		public final String known;
		public long count;

		Example(long index, Finding finding, FuzzInput input, String known) {
			this.index = index;
			this.finding = finding;
			this.input = input;
			this.known = known;
		}
	}

	private final Target target;
	private final Generator generator;
	private final Duration limit;

	public Campaign(Target target, Generator generator, Duration limit) {
		this.target = target;
		this.generator = generator;
		this.limit = limit;
	}

	/** The random source of input {@code index} of {@code seed}. */
	public static SplittableRandom random(long seed, long index) {
		return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
	}

	public FuzzInput input(long seed, long index) {
		return generator.next(random(seed, index));
	}

	public Result run(long inputs, long seed) {
		return run(0, inputs, seed);
	}

	/** Runs inputs {@code from} .. {@code from + inputs - 1} of {@code seed}. */
	public Result run(long from, long inputs, long seed) {
		Result result = new Result(target.kind());
		long start = System.nanoTime();
		try (Fuzzer fuzzer = new Fuzzer(limit); Fuzzer first = new Fuzzer(limit.multipliedBy(10).plusSeconds(30))) {
			for (long i = from; i < from + inputs; i++) {
				FuzzInput input = input(seed, i);
				// The first input also pays for loading and initialising the code under test: not a hang.
				Observation o = (i == from ? first : fuzzer).run(target, input);
				String command = input.args().isEmpty() ? null
						: input.kind() == Kind.CLI ? input.args().get(0).replaceAll("[^a-z-]", "") : null;
				List<Finding> findings = Oracle.check(target.kind(), command, o);
				count(result, i, input, findings);
				result.inputs++;
			}
		}
		result.nanos = System.nanoTime() - start;
		return result;
	}

	private static void count(Result result, long index, FuzzInput input, List<Finding> findings) {
		if (findings.isEmpty()) {
			return;
		}
		boolean crash = false;
		boolean hang = false;
		boolean unpositioned = false;
		for (Finding f : findings) {
			String what = f.category().split("/")[1].split(":")[0];
			crash |= what.equals("exception") || what.equals("exit3") || what.equals("stack-trace");
			hang |= what.equals("hang");
			unpositioned |= what.equals("unpositioned");
			Example example = result.categories.computeIfAbsent(f.category(),
					c -> new Example(index, f, input, KnownDefects.match(f).map(KnownDefects.Defect::id).orElse(null)));
			example.count++;
		}
		if (hang) {
			result.hangs++;
		} else if (crash) {
			result.crashes++;
		} else if (unpositioned) {
			result.unpositioned++;
		} else {
			result.other++;
		}
	}

	/** Writes each category's first input into {@code dir} (one folder per category) with a README line. */
	public static List<Path> writeReproducers(Result result, Path dir, long seed, int max) throws IOException {
		List<Path> written = new ArrayList<>();
		int n = 0;
		for (Map.Entry<String, Example> e : result.categories.entrySet()) {
			if (n++ >= max) {
				break;
			}
			Example ex = e.getValue();
			Path folder = dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9_.-]", "_"));
			Files.createDirectories(folder);
			for (Map.Entry<String, String> file : ex.input.files().entrySet()) {
				Path path = folder.resolve(file.getKey());
				Files.createDirectories(path.getParent());
				Files.write(path, file.getValue().getBytes(ex.input.binary() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
			}
			Map<String, String> about = new LinkedHashMap<>();
			about.put("category", e.getKey());
			about.put("finding", ex.finding.detail());
			about.put("inputs in this category", "" + ex.count);
			about.put("regenerate", "policy fuzz --kind " + result.kind.label() + " --seed " + seed + " --from " + ex.index
					+ " --inputs 1");
			about.put("generator", ex.input.description());
			if (!ex.input.args().isEmpty()) {
				about.put("command", "policy " + String.join(" ", ex.input.args()) + "   ({dir} = this folder)");
			}
			about.put("known defect", ex.known == null ? "no: NEW" : ex.known);
			StringBuilder text = new StringBuilder();
			about.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
			Files.writeString(folder.resolve("FINDING.txt"), text.toString());
			written.add(folder);
		}
		return written;
	}
}
