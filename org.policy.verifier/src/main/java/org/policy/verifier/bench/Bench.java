package org.policy.verifier.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.Property;
import org.policy.verifier.Result;
import org.policy.verifier.Verifier;
import org.policy.verifier.VerifyOptions;

/**
 * Measures the verifier: states explored, wall-clock time and states per second for a fixed set of
 * runs, printed as a table. Not a test: timing depends on the machine and its load.
 *
 * <pre>
 * java -cp ... org.policy.verifier.bench.Bench [POLICY:PROPERTY:CORES:THREADS[:WORKERS] ...]
 * </pre>
 *
 * WORKERS is how many threads explore (default: one per available processor). Without arguments it runs
 * the figures quoted in docs/verification.md on policies/cfs_cwc.policy, each on one worker and on one
 * per processor.
 */
public final class Bench {
	private Bench() {
	}

	record Run(Path policy, Property property, int cores, int threads, int workers) {
		static Run parse(String spec) {
			String[] p = spec.split(":");
			if (p.length != 4 && p.length != 5) {
				throw new IllegalArgumentException("expected POLICY:wc|cwc:CORES:THREADS[:WORKERS], not " + spec);
			}
			return new Run(Path.of(p[0]), Property.valueOf(p[1].toUpperCase(Locale.ROOT)), Integer.parseInt(p[2]),
					Integer.parseInt(p[3]), p.length == 5 ? Integer.parseInt(p[4]) : PROCESSORS);
		}
	}

	private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

	public static void main(String[] args) throws Exception {
		List<Run> runs = new ArrayList<>();
		if (args.length == 0) {
			Path cfs = Path.of("policies", "cfs_cwc.policy");
			for (int workers : new int[] { 1, PROCESSORS }) {
				runs.add(new Run(cfs, Property.CWC, 4, 6, workers));
				runs.add(new Run(cfs, Property.CWC, 5, 7, workers));
				runs.add(new Run(cfs, Property.WC, 4, 6, workers));
			}
		} else {
			for (String a : args) {
				runs.add(Run.parse(a));
			}
		}
		System.out.println(String.format(Locale.ROOT, "%-28s %-4s %5s %7s %7s %10s %8s %10s  %s", "policy", "prop",
				"cores", "threads", "workers", "states", "seconds", "states/s", "verdict"));
		for (Run run : runs) {
			CompiledPolicy policy = new PolicyLoader().load(PolicyFile.of(run.policy().toString())).requireNoErrors()
					.compile();
			// at the defaults, as the Performance table of docs/verification.md measures (a parameter's range
			// multiplies the explorations, not the cost of one)
			Result r = Verifier.verify(policy, VerifyOptions.of(run.property(), run.cores(), run.threads())
					.withVaryParams(false).withWorkers(run.workers()));
			System.out.println(String.format(Locale.ROOT, "%-28s %-4s %5d %7d %7d %10d %8.1f %10d  %s",
					run.policy().getFileName(), run.property().id(), run.cores(), run.threads(), run.workers(), r.states(),
					r.seconds(), r.statesPerSecond(), r.verdict()));
		}
	}
}
