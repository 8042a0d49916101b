package org.policy.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/** Runs a fixed-seed campaign and fails on any finding that is not on {@link KnownDefects}. */
final class Campaigns {
	/** Hang detection only: far above any input's normal time, so that a slow CI machine does not flake. */
	static final Duration LIMIT = Duration.ofSeconds(30);
	/** Shared by the campaigns that touch log4j's configuration or System.out (CLI and language server). */
	static final String GLOBAL_STATE = "log4j-and-System.out";

	private Campaigns() {
	}

	static Setup setup() {
		try {
			Path home = Path.of(System.getProperty("policy.home", ".."));
			Path scratch = Files.createTempDirectory("policy-fuzz-test-");
			scratch.toFile().deleteOnExit();
			return new Setup(home.resolve("policies"), scratch);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Campaign.Result run(Kind kind, long from, long inputs, long seed) {
		Campaign.Result result = setup().campaign(kind, LIMIT).run(from, inputs, seed);
		System.out.printf("fuzz %s: %d inputs (from %d, seed %d) in %.1f s, %.1f/s; findings: %s%n", kind.label(),
				result.inputs, from, seed, result.nanos / 1e9, result.perSecond(),
				result.categories.entrySet().stream()
						.map(e -> e.getKey() + " x" + e.getValue().count + " [" + (e.getValue().known == null ? "NEW" : e.getValue().known) + "]")
						.collect(Collectors.joining(", ")));
		if (!result.unknown().isEmpty()) {
			StringBuilder message = new StringBuilder("new classes of failure (fix them, or list them in KnownDefects):\n");
			for (String category : result.unknown()) {
				Campaign.Example ex = result.categories.get(category);
				message.append("  ").append(category).append(" x").append(ex.count).append(": ").append(ex.finding.detail())
						.append("\n    first input: policy fuzz --kind ").append(kind.label()).append(" --seed ").append(seed)
						.append(" --from ").append(ex.index).append(" --inputs 1   (").append(ex.input.description()).append(")\n");
			}
			fail(message.toString());
		}
		return result;
	}
}
