package org.policy.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Kbuild and Makefile read by GNU make: {@code PRT_HOST} chooses the kernel host, and
 * the module really builds (W=1, no warning) with either host when kernel headers are installed.
 */
class ModuleBuildTest {
	private static final String MONITOR = "description=Scheduling policy in monitor mode";
	private static final String SCX = "description=Scheduling policy for sched_ext";

	/** A command's exit status and its output (stdout and stderr together). */
	private record Run(int status, String output) {
	}

	private static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(300, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish in 300 s:\n" + out);
		}
		return new Run(p.exitValue(), out);
	}

	private static boolean makeAvailable() {
		try {
			return run(Path.of("."), List.of("make", "--version")).status() == 0;
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Kernel headers to build against: {@code $KDIR}, else the running kernel's, else the newest
	 * {@code /usr/src/linux-headers-*} prepared for module builds (it has a Module.symvers).
	 */
	private static Optional<Path> kernelHeaders() throws IOException, InterruptedException {
		String kdir = System.getenv("KDIR");
		if (kdir != null && !kdir.isEmpty()) {
			return Optional.of(Path.of(kdir));
		}
		Run release = run(Path.of("."), List.of("uname", "-r"));
		Path running = Path.of("/lib/modules", release.output().strip(), "build");
		if (Files.isRegularFile(running.resolve("Module.symvers"))) {
			return Optional.of(running);
		}
		Path src = Path.of("/usr/src");
		if (!Files.isDirectory(src)) {
			return Optional.empty();
		}
		try (Stream<Path> dirs = Files.list(src)) {
			return dirs.filter(d -> d.getFileName().toString().startsWith("linux-headers-"))
					.filter(d -> Files.isRegularFile(d.resolve("Module.symvers"))).max(Path::compareTo);
		}
	}

	private static Path generate(Path dir) {
		Path policy = TestPolicies.library().stream().filter(p -> p.getFileName().toString().equals("fifo.policy"))
				.findFirst().orElseThrow(() -> new AssertionError("policies/fifo.policy not found"));
		Path out = dir.resolve("fifo");
		Generator.generate(TestPolicies.model(policy), out);
		return out;
	}

	/** What make makes of pol_fifo-y in the generated Kbuild, with these variables. */
	private static Run objects(Path out, String... variables) throws IOException, InterruptedException {
		Files.writeString(out.resolve("probe.mk"), "src := .\nprint:\n\t@echo $(pol_fifo-y)\n");
		List<String> command = new ArrayList<>(List.of("make", "-s", "-f", "Kbuild", "-f", "probe.mk"));
		command.addAll(List.of(variables));
		command.add("print");
		return run(out, command);
	}

	@Test
	void prtHostChoosesTheHostAndMonitorIsTheDefault(@TempDir Path dir) throws IOException, InterruptedException {
		assumeTrue(makeAvailable(), "make is not installed: the generated Kbuild cannot be read");
		Path out = generate(dir);
		assertEquals(new Run(0, "fifo.o prt_machine.o prt_kernel.o prt_monitor.o\n"), objects(out));
		assertEquals(new Run(0, "fifo.o prt_machine.o prt_kernel.o prt_monitor.o\n"), objects(out, "PRT_HOST=monitor"));
		assertEquals(new Run(0, "fifo.o prt_machine.o prt_kernel.o prt_scx.o\n"), objects(out, "PRT_HOST=scx"));
		Run bad = objects(out, "PRT_HOST=sched_ext");
		assertNotEquals(0, bad.status());
		assertTrue(bad.output().contains("PRT_HOST=sched_ext is not a kernel host: use monitor (the default) or scx"),
				bad.output());
	}

	@Test
	void theMakefileBuildsTheBridgeForTheKernelItIsGiven(@TempDir Path dir) throws IOException, InterruptedException {
		assumeTrue(makeAvailable(), "make is not installed: the generated Makefile cannot be read");
		Path out = generate(dir);
		Run plan = run(out, List.of("make", "-n", "bridge", "VMLINUX_BTF=/k/vmlinux", "CLANG=clang-19"));
		assertEquals(0, plan.status(), plan.output());
		List<String> steps = plan.output().lines().toList();
		assertEquals(4, steps.size(), plan.output());
		assertEquals("bpftool btf dump file /k/vmlinux format c >vmlinux.h", steps.get(0));
		assertTrue(steps.get(1).matches("clang-19 .*-target bpf .*-c bridge\\.bpf\\.c -o bridge\\.bpf\\.o"), steps.get(1));
		assertEquals("bpftool gen skeleton bridge.bpf.o name bridge_bpf >bridge.bpf.skel.h", steps.get(2));
		assertTrue(steps.get(3).matches("cc .*-o bridge bridge\\.c -lbpf -lelf -lz"), steps.get(3));
	}

	@Test
	void theModuleBuildsWithEitherHost(@TempDir Path dir) throws IOException, InterruptedException {
		assumeTrue(makeAvailable(), "make is not installed: no module build");
		Optional<Path> kdir = kernelHeaders();
		assumeTrue(kdir.isPresent(), "no kernel headers (set KDIR, or install linux-headers-$(uname -r)): no module build");
		Path out = generate(dir);
		Path module = out.resolve("pol_fifo.ko");

		Run monitor = run(out, List.of("make", "KDIR=" + kdir.get(), "W=1"));
		assertEquals(0, monitor.status(), monitor.output());
		assertFalse(monitor.output().contains("warning:"), monitor.output());
		String info = modinfo(module);
		assertTrue(info.contains(MONITOR) && !info.contains(SCX), info);

		// the same folder, switched: kbuild relinks the module with the other host
		Run scx = run(out, List.of("make", "KDIR=" + kdir.get(), "W=1", "PRT_HOST=scx"));
		assertEquals(0, scx.status(), scx.output());
		assertFalse(scx.output().contains("warning:"), scx.output());
		info = modinfo(module);
		assertTrue(info.contains(SCX) && !info.contains(MONITOR), info);
	}

	/** The module's .modinfo strings (key=value, NUL-separated), read from the object file. */
	private static String modinfo(Path module) throws IOException {
		assertTrue(Files.isRegularFile(module), module + " was not built");
		return new String(Files.readAllBytes(module), StandardCharsets.ISO_8859_1).replace('\0', '\n');
	}
}
