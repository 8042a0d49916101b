package org.policy.verifier.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.policy.dsl.Durations;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.Counterexample;
import org.policy.verifier.PolicySource;
import org.policy.verifier.Property;
import org.policy.verifier.Result;
import org.policy.verifier.Verifier;
import org.policy.verifier.VerifyOptions;
import org.policy.verifier.report.CounterexampleText;
import org.policy.verifier.report.RtAppWorkload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policy verify POLICY}: is the policy work-conserving? Register it as a subcommand of the
 * {@code policy} command ({@code subcommands = { ..., VerifyCommand.class }}); it declares no help option of
 * its own, so that it inherits the parent's ({@code scope = INHERIT}). It prints on
 * the command line's out/err writers and returns the exit status:
 * {@value #HOLDS} holds, {@value #VIOLATED} counterexample (or a handler fault), {@value #USAGE} usage
 * error or unusable policy file, {@value #INCONCLUSIVE} state limit reached.
 */
@Command(name = "verify",
		description = {
				"Check that a policy is work-conserving on every machine of 1 to N cores with at most T live threads, "
						+ "by exhaustive exploration of the reference semantics.",
				"Prints 'holds for ≤ N cores, ≤ T threads: S states in X s', or a shortest counterexample "
						+ "(see docs/verification.md)." },
		exitCodeListHeading = "%nExit status:%n",
		exitCodeList = { "0:the property holds within the bounds", "1:counterexample found (or a handler faults)",
				"2:usage error or unusable policy file", "3:inconclusive: --max-states reached (also: an internal error of the tool)" })
public final class VerifyCommand implements Callable<Integer> {
	public static final int HOLDS = 0;
	public static final int VIOLATED = 1;
	public static final int USAGE = 2;
	public static final int INCONCLUSIVE = 3;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "POLICY", description = "The policy file (*.policy).")
	Path policyFile;

	@Option(names = "--cores", paramLabel = "N", defaultValue = "" + VerifyOptions.DEFAULT_CORES,
			description = "Largest machine to check; every size from 1 to N is checked (default: ${DEFAULT-VALUE}).")
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

	@Option(names = { "-P", "--param" }, paramLabel = "NAME=VALUE",
			description = "Set a policy parameter (durations with a unit: slice=2ms).")
	Map<String, String> params = new LinkedHashMap<>();

	@Option(names = "--no-symmetry",
			description = "Do not identify states that differ by a renumbering of cores (slower; exact for every policy).")
	boolean noSymmetry;

	@Option(names = "--max-states", paramLabel = "S", defaultValue = "" + VerifyOptions.DEFAULT_MAX_STATES,
			description = "Give up (exit 3) after this many states per machine size (default: ${DEFAULT-VALUE}).")
	long maxStates;

	@Override
	public Integer call() {
		CommandLine cmd = spec.commandLine();
		PrintWriter err = cmd.getErr();
		Property prop = property();
		List<Long> steps = durations("--time-step", timeSteps);
		long reach = horizon == null ? 4 * steps.stream().mapToLong(Long::longValue).max().orElse(0)
				: duration("--horizon", horizon);
		CompiledPolicy policy;
		try {
			policy = PolicySource.load(policyFile);
		} catch (PolicySource.LoadException e) {
			err.println(e.getMessage());
			err.flush();
			return USAGE;
		}
		VerifyOptions options;
		try {
			long window = timeWindow == null ? 0 : duration("--time-window", timeWindow);
			long virtual = virtualWindow == null ? 0 : duration("--virtual-window", virtualWindow);
			options = new VerifyOptions(cores, threads, prop, paramValues(policy), steps, reach, window, virtual,
					!noSymmetry, maxStates, ConsoleProgress.forTerminal(err));
			policy.newInterpreter(options.params());
		} catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(cmd, e.getMessage());
		}
		// opened before the search, so that an unusable --counterexample fails now rather than after it; an
		// OutputException reaches the policy command's handler, which reports it as a usage error
		try (AtomicOutput output = counterexampleFile == null ? null
				: AtomicOutput.file("--counterexample", counterexampleFile)) {
			Result result = Verifier.verify(policy, options);
			ConsoleProgress.finish(options.progress());
			return report(result, options, output);
		}
	}

	private int report(Result result, VerifyOptions options, AtomicOutput output) {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		switch (result.verdict()) {
			case HOLDS -> {
				out.println(result.summary());
				out.println(String.format(Locale.ROOT, "(%s; %d states/s; %s)", result.property().title(),
						result.statesPerSecond(), assumptions(options)));
				out.flush();
				return HOLDS;
			}
			case INCONCLUSIVE -> {
				out.println(String.format(Locale.ROOT,
						"inconclusive: --max-states %d reached on %d cores (%d states in all, no counterexample up to %d "
								+ "cores); %s",
						maxStates, result.provedCores() + 1, result.states(), cores,
						result.provedCores() == 0 ? "nothing is proved"
								: "it holds for ≤ " + result.provedCores() + " cores, ≤ " + threads + " threads"));
				out.flush();
				return INCONCLUSIVE;
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
				return VIOLATED;
			}
		}
	}

	private Property property() {
		for (Property p : Property.values()) {
			if (p.id().equals(property.toLowerCase(Locale.ROOT))) {
				return p;
			}
		}
		throw new CommandLine.ParameterException(spec.commandLine(),
				"--property: expected wc or cwc, not '" + property + "'");
	}

	private List<Long> durations(String flag, List<String> texts) {
		List<Long> values = new ArrayList<>();
		for (String t : texts) {
			values.add(duration(flag, t));
		}
		return values;
	}

	private long duration(String flag, String text) {
		try {
			return Durations.parse(text);
		} catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(spec.commandLine(), flag + ": " + e.getMessage());
		}
	}

	private Map<String, Long> paramValues(CompiledPolicy policy) {
		Map<String, Long> values = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : params.entrySet()) {
			CompiledPolicy.ParamSpec spec = policy.params().get(e.getKey());
			if (spec == null) {
				throw new IllegalArgumentException("--param: policy " + policy.name() + " has no parameter '" + e.getKey()
						+ "'" + (policy.params().isEmpty() ? "" : " (it has: " + String.join(", ", policy.params().keySet()) + ")"));
			}
			String v = e.getValue().trim();
			long value;
			try {
				value = switch (spec.type()) {
					case "time" -> Durations.parse(v);
					case "bool" -> switch (v) {
						case "true" -> 1L;
						case "false" -> 0L;
						default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
					};
					default -> Long.parseLong(v);
				};
			} catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--param " + e.getKey() + ": '" + v + "' is not an integer");
			} catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--param " + e.getKey() + ": " + ex.getMessage());
			}
			values.put(e.getKey(), value);
		}
		return values;
	}

	static String assumptions(VerifyOptions o) {
		String time = o.timeAdvances()
				? "time advances by " + String.join(" or ", o.timeSteps().stream().map(Durations::format).toList())
						+ " up to " + Durations.format(o.horizon())
				: "time frozen";
		return "flat topology, " + time + (o.coreSymmetry() ? ", core symmetry" : ", no symmetry reduction");
	}
}
