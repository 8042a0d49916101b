package org.policy.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.dsl.output.AtomicOutput;
import org.policy.dsl.output.OutputException;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;

/**
 * Generates Linux kernel C for a policy: {@code <policy>.c} written against kernel-runtime's
 * {@code prt.h}, the runtime itself, both kernel hosts, the sched_ext bridge's sources, and a Kbuild
 * file and Makefile for an out-of-tree module {@code pol_<policy>.ko}: monitor mode on an unpatched
 * kernel by default, the real scheduler through sched_ext with {@code make PRT_HOST=scx}. The same
 * {@code <policy>.c} compiles in the userspace host of kernel-runtime for tests and benchmarks.
 *
 * <p>Output is a pure function of the policy: same policy, byte-identical files.
 */
public final class Generator {
	/**
	 * kernel-runtime files shipped next to the policy's C, as packaged in this jar: what a module build
	 * needs for either host, and the bridge's sources (built by the Makefile's {@code bridge} target).
	 */
	static final List<String> KERNEL_RUNTIME = List.of("include/prt.h", "include/prt_host.h",
			"include/prt_threads.h", "include/prt_kernel.h", "src/prt_machine.c", "src/prt_kernel.c",
			"kmod/prt_monitor.c", "scx/prt_scx.c", "scx/bridge.bpf.c", "scx/bridge.c");
	/** kernel-runtime files of the userspace host (tests, benchmarks). */
	public static final List<String> USER_RUNTIME = List.of("include/prt.h", "include/prt_host.h",
			"include/prt_bitmap.h", "user/prt_user.h", "src/prt_machine.c", "user/prt_driver.c",
			"user/prt_bench.c");

	private Generator() {
	}

	/** The policy's C source, {@code <policy>.c}. */
	public static String policySource(Policy policy) {
		return new PolicyWriter(policy).write();
	}

	/** Every file of the module's build folder, by file name, in a fixed order. */
	public static Map<String, String> files(Policy policy) {
		String name = policy.getName();
		if (KERNEL_RUNTIME.stream().anyMatch(f -> f.endsWith("/" + name + ".c")) || name.startsWith("pol_")) {
			throw new GeneratorException("a policy named '" + name + "' would clash with kernel-runtime's files;"
					+ " rename the policy");
		}
		Map<String, String> files = new LinkedHashMap<>();
		files.put(name + ".c", policySource(policy));
		files.put("Kbuild", BuildFiles.kbuild(name));
		files.put("Makefile", BuildFiles.makefile(name));
		for (String f : KERNEL_RUNTIME) {
			files.put(f.substring(f.lastIndexOf('/') + 1), runtimeFile(f));
		}
		return files;
	}

	/**
	 * Writes {@link #files} into {@code out} (created if needed; files of the same name replaced, others
	 * kept), all or nothing; returns the paths written.
	 *
	 * @throws OutputException when {@code out} cannot be written, the message naming it as "output"
	 */
	public static List<Path> generate(Policy policy, Path out) {
		return generate(policy, "output", out);
	}

	public static List<Path> generate(CompiledPolicy policy, Path out) {
		return generate(policy.policy(), out);
	}

	/** Like {@link #generate(Policy, Path)}, with failures naming {@code flag} (e.g. {@code --out}). */
	public static List<Path> generate(Policy policy, String flag, Path out) {
		Map<String, String> files = files(policy);
		try (AtomicOutput output = AtomicOutput.directory(flag, out)) {
			output.write(staging -> {
				for (Map.Entry<String, String> f : files.entrySet()) {
					Files.writeString(staging.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
				}
			});
		}
		return files.keySet().stream().map(out::resolve).toList();
	}

	/** A kernel-runtime file packaged with the generator, e.g. {@code include/prt.h}. */
	public static String runtimeFile(String path) {
		try (InputStream in = Generator.class.getResourceAsStream("runtime/" + path)) {
			if (in == null) {
				throw new IllegalStateException("kernel-runtime file " + path + " is missing from the generator's jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
