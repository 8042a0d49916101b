package org.policy.fuzz.gen;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;

/**
 * rt-app JSON workloads (docs/workloads.md): tasks with phases of run/sleep/timer/fork/barrier/lock/...
 * events and the {@code policy-sim} extensions, with wrong types, missing and unknown keys, nasty numbers,
 * and then token-level mutations of the JSON. Each is simulated briefly: {@code policy simulate fifo.policy
 * --workload FILE --cores 2 --duration 20ms --no-plots --out DIR}.
 */
public final class WorkloadGenerator implements Generator {
	public static final String FILE = "w.json";
	private static final List<String> DICTIONARY = List.of("{", "}", "[", "]", ",", ":", "\"run\"", "\"sleep\"",
			"\"timer\"", "\"tasks\"", "\"global\"", "\"loop\"", "\"instance\"", "\"phases\"", "\"fork\"", "\"barrier\"",
			"\"lock\"", "\"unlock\"", "\"wait\"", "\"signal\"", "\"policy-sim\"", "\"duration\"", "null", "true",
			"-1", "0", "1e308", "\"\"", "/*", "//", "\"period\"", "\"ref\"", "\"mutex\"", "\"suspend\"", "\"resume\"");
	private final TokenMutator mutator = new TokenMutator(DICTIONARY);
	private final String policy;

	/** @param policy the text of a policy without errors to simulate the workloads under */
	public WorkloadGenerator(String policy) {
		this.policy = policy;
	}

	@Override
	public FuzzInput next(SplittableRandom r) {
		StringBuilder how = new StringBuilder("rt-app");
		String json = workload(r);
		if (Pick.chance(r, 0.5)) {
			how.append(" mutated:");
			json = mutator.mutate(json, r, 1 + r.nextInt(3), how);
		}
		return new FuzzInput(Kind.WORKLOAD, how.toString(), Map.of(FILE, json, "p.policy", policy),
				List.of("simulate", "{dir}/p.policy", "--workload", "{dir}/" + FILE, "--cores", "2", "--duration",
						"20ms", "--no-plots", "--out", "{dir}/out"),
				false);
	}

	private static String workload(SplittableRandom r) {
		StringBuilder out = new StringBuilder("{\n");
		if (Pick.chance(r, 0.7)) {
			out.append("\"global\": {\"duration\": ").append(value(r, "" + r.nextInt(3)))
					.append(Pick.chance(r, 0.3) ? ", \"default_policy\": \"SCHED_FIFO\"" : "")
					.append(Pick.chance(r, 0.3) ? ", \"policy-sim\": {\"seed\": " + value(r, "42") + "}" : "").append("},\n");
		}
		out.append("\"tasks\": {");
		int tasks = r.nextInt(4);
		for (int i = 0; i < tasks; i++) {
			out.append(i > 0 ? ",\n" : "\n").append("\"t").append(i).append("\": {");
			out.append("\"instance\": ").append(value(r, "" + r.nextInt(4)));
			out.append(", \"loop\": ").append(value(r, Pick.one(r, "-1", "1", "3")));
			if (Pick.chance(r, 0.5)) {
				out.append(", \"phases\": {");
				int phases = 1 + r.nextInt(3);
				for (int p = 0; p < phases; p++) {
					out.append(p > 0 ? ", " : "").append("\"p").append(p).append("\": {\"loop\": ")
							.append(value(r, "" + (1 + r.nextInt(3)))).append(events(r, tasks)).append('}');
				}
				out.append('}');
			} else {
				out.append(events(r, tasks));
			}
			if (Pick.chance(r, 0.2)) {
				out.append(", \"policy-sim\": {\"distribution\": {\"run\": {\"type\": \"")
						.append(Pick.one(r, "exponential", "uniform", "normal", "bogus")).append("\", \"spread\": ")
						.append(value(r, "0.5")).append("}}")
						.append(Pick.chance(r, 0.3) ? ", \"arrivals\": {\"process\": \"poisson\", \"rate\": " + value(r, "100.0")
								+ ", \"count\": " + value(r, "10") + "}" : "")
						.append(Pick.chance(r, 0.3) ? ", \"deadline\": " + value(r, "1000") : "").append('}');
			}
			if (Pick.chance(r, 0.2)) {
				out.append(", \"cpus\": [0, 1], \"priority\": -5, \"dl-deadline\": ").append(value(r, "1000"));
			}
			out.append('}');
		}
		out.append("\n}\n}\n");
		return out.toString();
	}

	private static String events(SplittableRandom r, int tasks) {
		StringBuilder out = new StringBuilder();
		int n = 1 + r.nextInt(4);
		for (int i = 0; i < n; i++) {
			String key = Pick.one(r, "run", "sleep", "runtime", "timer", "yield", "fork", "barrier", "lock", "unlock",
					"wait", "signal", "broad", "suspend", "resume", "sync", "mem", "run" + i, "sleep" + i);
			out.append(", \"").append(key).append("\": ").append(switch (key) {
				case "timer" -> "{\"ref\": \"" + Pick.one(r, "unique", "tick") + "\", \"period\": " + value(r, "" + r.nextInt(5000))
						+ ", \"mode\": \"" + Pick.one(r, "relative", "absolute", "x") + "\"}";
				case "fork" -> "\"t" + r.nextInt(Math.max(1, tasks + 1)) + "\"";
				case "barrier", "lock", "unlock", "signal", "broad", "suspend", "resume" -> "\"" + Pick.one(r, "m", "b", "") + "\"";
				case "wait", "sync" -> "{\"ref\": \"c\"" + (Pick.chance(r, 0.5) ? ", \"mutex\": \"m\"" : "") + "}";
				case "yield" -> Pick.one(r, "0", "true");
				default -> value(r, "" + r.nextInt(2000));
			});
		}
		return out.toString();
	}

	/** Usually the plausible value, sometimes a wrong type or a nasty number. */
	private static String value(SplittableRandom r, String plausible) {
		if (Pick.chance(r, 0.85)) {
			return plausible;
		}
		return switch (r.nextInt(6)) {
			case 0 -> "\"" + plausible + "\"";
			case 1 -> Pick.one(r, "null", "true", "[]", "{}");
			case 2 -> "1e400";
			default -> Pick.nastyNumber(r).isEmpty() ? "0" : Pick.nastyNumber(r).replace("NaN", "-0");
		};
	}
}
