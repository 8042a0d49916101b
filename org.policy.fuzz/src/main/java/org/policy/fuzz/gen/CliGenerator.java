package org.policy.fuzz.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;

/**
 * Flag sets for the commands (check, verify, simulate, compare, generate, help, and none): each command's
 * real options with plausible, wrong-typed, out-of-range, empty and huge values, options given twice,
 * unknown options, missing and extra operands, and file operands that are missing, directories, empty,
 * not policies or have errors. Workloads are kept small so that a correct run is quick: what must be
 * fast is the refusal of a bad flag, not a long simulation.
 */
public final class CliGenerator implements Generator {
	private static final java.util.Set<String> WRITES = java.util.Set.of("--out", "--counterexample");
	private final String goodPolicy;

	public CliGenerator(String goodPolicy) {
		this.goodPolicy = goodPolicy;
	}

	@Override
	public FuzzInput next(SplittableRandom r) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("good.policy", goodPolicy);
		files.put("bad.policy", "policy bad { on tick(t) { t.x = 1; } }\n");
		files.put("empty.policy", "");
		files.put("w.json", "{\"tasks\": {\"a\": {\"instance\": 2, \"loop\": 3, \"run\": 1000, \"sleep\": 500}}}");
		files.put("notdir", "a file where a directory is expected");
		files.put("sub/keep.txt", "makes {dir}/sub a directory");
		String command = Pick.one(r, "check", "check", "verify", "simulate", "simulate", "compare", "generate", "help",
				"", "--version", "--help", "bogus");
		List<String> args = new ArrayList<>();
		if (!command.isEmpty()) {
			args.add(command);
		}
		List<String[]> options = switch (command) {
			case "check" -> List.<String[]>of(new String[] { "--werror" }, new String[] { "--werror" });
			case "verify" -> List.<String[]>of(new String[] { "--cores", "1", "2", "3" }, new String[] { "--threads", "1", "2", "3" },
					new String[] { "--property", "wc", "cwc" }, new String[] { "--time-step", "1ms", "1ms,2ms" },
					new String[] { "--horizon", "10ms" }, new String[] { "--max-states", "1000", "5000" },
					new String[] { "--no-symmetry" }, new String[] { "--counterexample", "{dir}/cex.json" },
					new String[] { "-p", "slice=4ms" }, new String[] { "--affinity", "auto", "all", "pinned", "some" },
					new String[] { "--restricted-threads", "0", "1", "2", "9" },
					new String[] { "--workers", "0", "1", "3", "-1", "999" });
			case "simulate", "compare" -> List.<String[]>of(new String[] { "--workload", "{dir}/w.json", "cpu-bound", "io-bound" },
					new String[] { "--cores", "1", "2", "4" }, new String[] { "--duration", "10ms", "20ms" },
					new String[] { "--hz", "100", "250", "1000" }, new String[] { "--seed", "1", "42" },
					new String[] { "--cs-cost", "0ns", "1us" }, new String[] { "--topology", "flat", "2x2" },
					new String[] { "--idle-exit-latency", "0ns", "50us", "-1us" },
					new String[] { "-p", "slice=4ms" }, new String[] { "--max-threads", "0", "64" },
					new String[] { "--no-plots" }, new String[] { "--export-trace" }, new String[] { "--abort-at-deadline" },
					new String[] { "--out", "{dir}/out", "{dir}/notdir", "{dir}/sub", "{dir}/new/deeper" });
			case "generate" -> List.<String[]>of(new String[] { "--out", "{dir}/gen", "{dir}/notdir", "{dir}/sub" },
					new String[] { "--target", "kmod", "bpf", "user" });
			default -> List.<String[]>of(new String[] { "--help" }, new String[] { "--help" });
		};
		// Operands first or last: picocli accepts both.
		List<String> operands = operands(r, command);
		boolean operandsFirst = Pick.chance(r, 0.5);
		if (operandsFirst) {
			args.addAll(operands);
		}
		boolean simulating = command.equals("simulate") || command.equals("compare");
		if (simulating) {
			// Keep correct runs short unless a mutation below says otherwise.
			args.addAll(List.of("--duration", "10ms", "--cores", "2", "--no-plots", "--out", "{dir}/out"));
			if (Pick.chance(r, 0.8)) {
				args.addAll(List.of("--workload", "{dir}/w.json"));
			}
		}
		if (command.equals("verify")) {
			args.addAll(List.of("--cores", "2", "--threads", "2", "--max-states", "5000"));
		}
		if (command.equals("generate")) {
			args.addAll(List.of("--out", "{dir}/gen"));
		}
		int n = r.nextInt(4);
		for (int i = 0; i < n; i++) {
			String[] option = Pick.one(r, options);
			args.add(option[0]);
			if (option.length > 1) {
				String value = Pick.chance(r, 0.6) ? option[1 + r.nextInt(option.length - 1)] : badValue(r);
				// Output paths stay inside the input's folder: a relative one would write into the working directory.
				if (WRITES.contains(option[0]) && !value.startsWith("{dir}")) {
					value = "{dir}/" + value;
				}
				args.add(value);
			}
		}
		if (Pick.chance(r, 0.2)) {
			args.add(Pick.one(r, "--bogus", "-x", "--", "--cores=", "--out={dir}/o2", "--help", "--version", "@{dir}/w.json"));
		}
		if (!operandsFirst) {
			args.addAll(operands);
		}
		if (Pick.chance(r, 0.1) && !args.isEmpty()) {
			args.remove(r.nextInt(args.size())); // a flag loses its value, or an operand goes
		}
		return new FuzzInput(Kind.CLI, String.join(" ", args), files, args, false);
	}

	private static List<String> operands(SplittableRandom r, String command) {
		List<String> names = List.of("{dir}/good.policy", "{dir}/good.policy", "{dir}/bad.policy", "{dir}/empty.policy",
				"{dir}/missing.policy", "{dir}/sub", "{dir}/w.json", "");
		int count = command.equals("compare") || command.equals("check") ? r.nextInt(4) : Pick.chance(r, 0.9) ? 1 : r.nextInt(3);
		List<String> operands = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			operands.add(Pick.one(r, names));
		}
		return operands;
	}

	private static String badValue(SplittableRandom r) {
		return switch (r.nextInt(6)) {
			case 0 -> Pick.nastyNumber(r);
			case 1 -> Pick.one(r, "4xs", "ms", "-4ms", "1e3ms", "99999999999999999999s", "0ns", "4 ms");
			case 2 -> Pick.one(r, "", " ", "--cores", "名", "\u0000");
			case 3 -> Pick.one(r, "2x", "x2", "0x0", "1x1x1x1x1", "flat,flat");
			case 4 -> Pick.one(r, "slice", "=4ms", "nope=1", "slice=", "slice=banana");
			default -> "{dir}/" + Pick.one(r, "missing", "sub", "notdir", "w.json", "good.policy");
		};
	}
}
