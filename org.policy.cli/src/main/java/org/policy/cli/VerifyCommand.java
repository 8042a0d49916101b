package org.policy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.TopologySpec;
import org.policy.verifier.AffinityMode;
import org.policy.verifier.Counterexample;
import org.policy.verifier.Property;
import org.policy.verifier.Result;
import org.policy.verifier.Verifier;
import org.policy.verifier.VerifyOptions;
import org.policy.verifier.cutoff.AllCoresVerifier;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.report.CounterexampleText;
import org.policy.verifier.report.RtAppWorkload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policy verify POLICY}: is the policy work-conserving? It declares no help option of its own, so
 * that it inherits the {@code policy} command's ({@code scope = INHERIT}). Exit status ({@link ExitStatus}):
 * OK holds, PROBLEM counterexample (or a handler fault, or a policy with errors), USAGE a bad flag or an
 * unreadable file, INCONCLUSIVE the state limit reached.
 */
@Command(name = "verify",
		description = {
				"Check that a policy is work-conserving on every machine of 1 to N cores with at most T live threads, "
						+ "by exhaustive exploration of the reference semantics.",
				"Prints 'holds for ≤ N cores, ≤ T threads, ...: S states in X s' (the dots name the thread inputs "
						+ "and affinities explored), or a shortest counterexample (see docs/verification.md)." })
public final class VerifyCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "POLICY", description = "The policy file (*.policy).")
	Path policyFile;

	@Option(names = "--cores", paramLabel = "N", defaultValue = "" + VerifyOptions.DEFAULT_CORES,
			description = "Largest machine to check; every size from 1 to N is checked (default: ${DEFAULT-VALUE}). With "
					+ "--all-cores, only the bound of the fallback check of a policy the theorem does not cover.")
	int cores;

	@Option(names = "--threads", paramLabel = "T", defaultValue = "" + VerifyOptions.DEFAULT_THREADS,
			description = "Most threads alive at once (default: ${DEFAULT-VALUE}).")
	int threads;

	@Option(names = "--property", paramLabel = "wc|cwc", defaultValue = "wc",
			description = "wc: work conservation after each balancing round; cwc: concurrent work conservation "
					+ "(default: ${DEFAULT-VALUE}).")
	String property;

	@Option(names = "--counterexample", paramLabel = "FILE",
			description = "Also write a counterexample as an rt-app JSON workload that 'policy simulate' replays.")
	Path counterexampleFile;

	@Option(names = "--time-step", paramLabel = "DURATION", split = ",",
			description = "Let time advance between events by this much (repeatable, e.g. 4ms). Default: time frozen.")
	List<String> timeSteps = new ArrayList<>();

	@Option(names = "--horizon", paramLabel = "DURATION",
			description = "With --time-step: how far time may advance in all (default: 4 times the largest step).")
	String horizon;

	@Option(names = "--time-window", paramLabel = "DURATION",
			description = "Gaps between time points beyond this are not told apart (default: 1ns with frozen time, "
					+ "i.e. order only; the horizon when time advances). See docs/verification.md.")
	String timeWindow;

	@Option(names = "--virtual-window", paramLabel = "DURATION",
			description = "The same for time families other than now's, such as vruntime (default: 1ns, order only).")
	String virtualWindow;

	@Option(names = { "-p", PolicyParams.OPTION }, paramLabel = "NAME=VALUE",
			description = "Set a policy parameter (repeatable); durations take a unit (slice=4ms).")
	List<String> params = new ArrayList<>();

	@Option(names = "--topology", paramLabel = "SPEC", defaultValue = "flat",
			description = "The machines' topology, in the simulator's syntax: flat, or group sizes per level such as "
					+ "smt=2,llc=4 (default: ${DEFAULT-VALUE}). Only the sizes from 1 to --cores that it divides are "
					+ "explored, without core symmetry.")
	String topology;

	@Option(names = "--default-params",
			description = "Explore the parameters at their defaults (and -P values) only, not every value of their "
					+ "declared ranges (faster; the verdict's first line says which values were explored).")
	boolean defaultParams;

	@Option(names = "--all-cores",
			description = { "Prove the property for every number of cores (with at most T live threads) by the cutoff "
					+ "theorem of docs/verification.md: for a policy in its fragment, the check on 1 to K cores (K = T + "
					+ "the core values a step may hold + 1) is a proof for all sizes. Outside the fragment, each construct "
					+ "is named (FILE:line:col), exit 4, and the ordinary check up to --cores still reports a "
					+ "counterexample (exit 1)." })
	boolean allCores;

	@Option(names = "--no-symmetry",
			description = "Do not identify states that differ by a renumbering of cores (slower; exact for every policy).")
	boolean noSymmetry;

	@Option(names = "--affinity", paramLabel = "auto|all|pinned", defaultValue = "auto",
			description = "Which affinities created threads may have: all, every thread may run on every core; pinned, a "
					+ "thread may also be pinned to one core; auto, pinned if the policy reads affinity(t), else all "
					+ "(default: ${DEFAULT-VALUE}). The verdict's first line says which.")
	String affinity;

	@Option(names = "--restricted-threads", paramLabel = "K",
			description = "With pinned threads: at most K live threads are pinned at once (default: "
					+ VerifyOptions.DEFAULT_RESTRICTED_THREADS + ").")
	Integer restrictedThreads;

	@Option(names = "--max-states", paramLabel = "S", defaultValue = "" + VerifyOptions.DEFAULT_MAX_STATES,
			description = "Give up (exit 4, inconclusive) after this many states per machine size (default: ${DEFAULT-VALUE}).")
	long maxStates;

	@Option(names = "--workers", paramLabel = "N", defaultValue = "0",
			description = { "Explore with N threads (default: one per available processor). The verdict, state count "
					+ "and counterexample do not depend on N." })
	int workers;

	@Override
	public Integer call() throws InvalidPolicyException {
		CommandLine cmd = spec.commandLine();
		PrintWriter err = cmd.getErr();
		Property prop = property();
		Flags.between(cmd, "--cores", cores, 1, VerifyOptions.MAX_CORES);
		Flags.between(cmd, "--threads", threads, 1, VerifyOptions.MAX_THREADS);
		Flags.between(cmd, "--max-states", maxStates, 1, Long.MAX_VALUE);
		Flags.between(cmd, "--workers", workers, 0, VerifyOptions.MAX_WORKERS);
		AffinityMode mode = affinityMode();
		int restricted = restrictedThreads(mode);
		if (timeSteps.size() > VerifyOptions.MAX_TIME_STEPS) {
			throw Flags.error(cmd, "--time-step", "at most " + VerifyOptions.MAX_TIME_STEPS + " steps, not "
					+ timeSteps.size());
		}
		List<Long> steps = new ArrayList<>();
		for (String step : timeSteps) {
			steps.add(positive(cmd, "--time-step", step));
		}
		long reach = horizon == null ? 4 * steps.stream().mapToLong(Long::longValue).max().orElse(0)
				: Flags.duration(cmd, "--horizon", horizon);
		long window = timeWindow == null ? 0 : Flags.duration(cmd, "--time-window", timeWindow);
		long virtual = virtualWindow == null ? 0 : Flags.duration(cmd, "--virtual-window", virtualWindow);
		checkTopology(cmd);
		CompiledPolicy policy = InputFiles.policy(cmd, policyFile).compile();
		VerifyOptions options = new VerifyOptions(cores, threads, prop, PolicyParams.parse(cmd, policy, params), steps,
				reach, window, virtual, !noSymmetry, maxStates, ConsoleProgress.forTerminal(err), mode, restricted,
				!defaultParams, topology, workers);
		// opened before the search, so that an unusable --counterexample fails now rather than after it; an
		// OutputException reaches the policy command's handler, which reports it as a usage error
		try (AtomicOutput output = counterexampleFile == null ? null
				: AtomicOutput.file("--counterexample", counterexampleFile)) {
			if (allCores) {
				AllCoresVerifier.AllCores all = AllCoresVerifier.verify(policy, options, policyFile.toString());
				ConsoleProgress.finish(options.progress());
				return reportAllCores(all, options, output, policy);
			}
			Result result = Verifier.verify(policy, options);
			ConsoleProgress.finish(options.progress());
			return report(result, options, output, policy);
		}
	}

	/** The verdict of --all-cores: proved (0), a counterexample (1), or not proved and why (4). */
	private int reportAllCores(AllCoresVerifier.AllCores all, VerifyOptions options, AtomicOutput output,
			CompiledPolicy policy) {
		PrintWriter out = spec.commandLine().getOut();
		switch (all.kind()) {
			case PROVED -> {
				out.println(all.firstLine());
				out.println(reductionsLine(all.bounded(), options, policy));
				out.flush();
				return ExitStatus.OK;
			}
			case REFUTED -> {
				int status = report(all.bounded(), options, output, policy);
				if (!all.reasons().isEmpty()) {
					out.println("--all-cores: the cutoff theorem does not apply (the counterexample above is a run of "
							+ "the policy):");
					all.reasons().forEach(out::println);
				}
				out.flush();
				return status;
			}
			default -> {
				out.println(all.firstLine());
				all.reasons().forEach(out::println);
				out.flush();
				return ExitStatus.INCONCLUSIVE;
			}
		}
	}

	private int report(Result result, VerifyOptions options, AtomicOutput output, CompiledPolicy policy) {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		switch (result.verdict()) {
			case HOLDS -> {
				out.println(result.summary());
				out.println(reductionsLine(result, options, policy));
				out.flush();
				// no machine size exercised the balancing: nothing is proved, which is not "holds"
				return result.vacuous() ? ExitStatus.INCONCLUSIVE : ExitStatus.OK;
			}
			case INCONCLUSIVE -> {
				out.println(String.format(Locale.ROOT,
						"inconclusive: --max-states %d reached on %d cores (%d states in all, no counterexample up to %d "
								+ "cores); %s",
						maxStates, result.provedCores() + 1, result.states(), cores,
						result.provedCores() == 0 ? "nothing is proved; " + result.affinity()
								: "it holds for " + result.bounds(result.provedCores())));
				out.flush();
				return ExitStatus.INCONCLUSIVE;
			}
			default -> {
				Counterexample cx = result.counterexample().orElseThrow();
				out.print(CounterexampleText.render(cx));
				out.flush();
				if (cx.isFault()) {
					// the fault itself, positioned like simulate's and check's messages, for editors and CI logs
					err.println(PolicyFaultMessage.format(policyFile, cx));
					err.flush();
				}
				if (output != null) {
					RtAppWorkload.write(cx, output);
					out.println("counterexample written to " + counterexampleFile);
				}
				out.flush();
				return ExitStatus.PROBLEM;
			}
		}
	}

	private Property property() {
		for (Property p : Property.values()) {
			if (p.id().equals(property.toLowerCase(Locale.ROOT))) {
				return p;
			}
		}
		throw Flags.error(spec.commandLine(), "--property", "expected wc or cwc, not '" + property + "'");
	}

	private AffinityMode affinityMode() {
		AffinityMode mode = AffinityMode.of(affinity);
		if (mode == null) {
			throw Flags.error(spec.commandLine(), "--affinity", "expected auto, all or pinned, not '" + affinity + "'");
		}
		return mode;
	}

	/** The bound on pinned threads: at least one, at most the threads; refused where nothing is pinned. */
	private int restrictedThreads(AffinityMode mode) {
		CommandLine cmd = spec.commandLine();
		if (restrictedThreads == null) {
			return Math.min(VerifyOptions.DEFAULT_RESTRICTED_THREADS, threads);
		}
		if (mode == AffinityMode.ALL) {
			throw Flags.error(cmd, "--restricted-threads", "--affinity all pins no thread; give --affinity pinned or auto");
		}
		if (restrictedThreads < 1 || restrictedThreads > threads) {
			throw Flags.error(cmd, "--restricted-threads", "must be between 1 and --threads (" + threads + "), not "
					+ restrictedThreads);
		}
		return restrictedThreads;
	}

	/** A topology that fits no machine size of the bound is a usage error, with the topology's own reason. */
	private void checkTopology(CommandLine cmd) {
		String last = null;
		for (int n = cores; n >= 1; n--) {
			try {
				TopologySpec.parse(topology, n);
				return;
			} catch (IllegalArgumentException e) {
				last = last == null ? e.getMessage() : last;
			}
		}
		throw Flags.error(cmd, "--topology", last + "; it fits no machine of 1 to " + cores + " cores");
	}

	private static long positive(CommandLine cmd, String flag, String text) {
		long ns = Flags.duration(cmd, flag, text);
		if (ns <= 0) {
			throw Flags.error(cmd, flag, "must be positive, not " + text);
		}
		return ns;
	}

	/** The second line of a verdict that holds: the property, the speed and the reductions applied. */
	private static String reductionsLine(Result result, VerifyOptions options, CompiledPolicy policy) {
		return String.format(Locale.ROOT, "(%s; %d states/s; %s)", result.property().title(), result.statesPerSecond(),
				assumptions(options, policy));
	}

	/** The reductions applied (the model itself is on the first line). */
	static String assumptions(VerifyOptions o, CompiledPolicy policy) {
		// the explorer needs a flat machine and a policy that cannot tell cores apart (Explorer.tellsCoresApart)
		boolean symmetry = o.coreSymmetry() && VerifyOptions.FLAT.equals(o.topology()) && !Explorer.tellsCoresApart(policy);
		return "ties between cores may go any way" + (symmetry ? ", core symmetry" : ", no symmetry reduction");
	}
}
