package org.policy.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.policy.fuzz.gen.CliGenerator;
import org.policy.fuzz.gen.Generator;
import org.policy.fuzz.gen.LspGenerator;
import org.policy.fuzz.gen.PolicyGenerator;
import org.policy.fuzz.gen.TraceGenerator;
import org.policy.fuzz.gen.WorkloadGenerator;
import org.policy.fuzz.targets.CommandTarget;
import org.policy.fuzz.targets.LspTarget;
import org.policy.fuzz.targets.PolicyTarget;

/** The generator and target of each kind, over the policy library (policies/) and a scratch directory. */
public final class Setup {
	private final List<String> library;
	private final String fifo;
	private final Path scratch;

	/** @param policies the library folder (policies/); its *.policy files are mutated */
	public Setup(Path policies, Path scratch) {
		this.scratch = scratch;
		try (Stream<Path> files = Files.list(policies)) {
			List<Path> sorted = files.filter(p -> p.toString().endsWith(".policy")).sorted().toList();
			List<String> texts = new ArrayList<>();
			for (Path p : sorted) {
				texts.add(Files.readString(p));
			}
			library = List.copyOf(texts);
			fifo = Files.readString(policies.resolve("fifo.policy"));
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the policy library " + policies, e);
		}
	}

	public Campaign campaign(Kind kind, java.time.Duration limit) {
		return new Campaign(target(kind), generator(kind), limit);
	}

	public Target target(Kind kind) {
		return switch (kind) {
			case POLICY -> new PolicyTarget();
			case WORKLOAD, TRACE, CLI -> new CommandTarget(kind, scratch);
			case LSP -> new LspTarget();
		};
	}

	public Generator generator(Kind kind) {
		return switch (kind) {
			case POLICY -> new PolicyGenerator(library);
			case WORKLOAD -> new WorkloadGenerator(fifo);
			case TRACE -> new TraceGenerator(fifo);
			case CLI -> new CliGenerator(fifo);
			case LSP -> new LspGenerator(new PolicyGenerator(library));
		};
	}
}
