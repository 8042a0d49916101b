package org.policy.generator.diff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.policy.dsl.policy.Policy;
import org.policy.generator.Generator;

/**
 * A generated policy compiled with gcc into kernel-runtime's userspace driver
 * (user/prt_driver.c), run as one process per batch of sequences.
 */
final class CDriver {
	private final Path binary;

	private CDriver(Path binary) {
		this.binary = binary;
	}

	/** Whether gcc is on the PATH. */
	static boolean gccAvailable() {
		try {
			Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor() == 0;
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Generates the policy's C into {@code dir} with the userspace runtime and compiles it with
	 * warnings as errors and the undefined-behaviour sanitizer (signed overflow, shifts, bounds).
	 */
	static CDriver build(Policy policy, Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir.resolve("include"));
		Files.writeString(dir.resolve(policy.getName() + ".c"), Generator.policySource(policy));
		List<String> sources = new ArrayList<>();
		for (String f : Generator.USER_RUNTIME) {
			Path target = dir.resolve(f.endsWith(".h") ? "include/" + f.substring(f.indexOf('/') + 1)
					: f.substring(f.indexOf('/') + 1));
			Files.writeString(target, Generator.runtimeFile(f));
			if (f.equals("src/prt_machine.c") || f.equals("user/prt_driver.c")) {
				sources.add(target.toString());
			}
		}
		Path binary = dir.resolve("driver");
		List<String> command = new ArrayList<>(List.of("gcc", "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra",
				"-Wno-unused-parameter", "-Werror", "-fsanitize=undefined", "-fno-sanitize-recover=all",
				"-I" + dir.resolve("include"), "-o", binary.toString(), dir.resolve(policy.getName() + ".c").toString()));
		command.addAll(sources);
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new AssertionError("gcc failed on the generated C of " + policy.getName() + ":\n" + out);
		}
		return new CDriver(binary);
	}

	/**
	 * One driver process fed sequence by sequence while the caller computes the next ones (the C
	 * runs beside the Java reference); its output is read as it comes.
	 */
	final class Session {
		private final Process process;
		private final java.io.Writer in;
		private final Thread reader;
		private final StringBuilder out = new StringBuilder();

		Session() throws IOException {
			process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			in = new java.io.BufferedWriter(new java.io.OutputStreamWriter(process.getOutputStream(),
					StandardCharsets.US_ASCII), 1 << 16);
			reader = new Thread(() -> {
				try {
					out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
				} catch (IOException e) {
					// the exit status tells
				}
			});
			reader.start();
		}

		void send(Sequence s) throws IOException {
			StringBuilder text = new StringBuilder();
			s.appendInput(text);
			in.write(text.toString());
		}

		List<String> finish() throws IOException, InterruptedException {
			try {
				in.close();
			} catch (IOException e) {
				// the driver died: its exit status says why
			}
			reader.join();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("the C driver exited with status " + process.exitValue()
						+ " (a sanitizer report, if any, is above)");
			}
			return out.length() == 0 ? List.of() : List.of(out.toString().split("\n"));
		}
	}

	Session start() throws IOException {
		return new Session();
	}

	/** Runs sequences in one process; returns the driver's output lines. */
	List<String> run(List<Sequence> sequences) throws IOException, InterruptedException {
		StringBuilder input = new StringBuilder();
		sequences.forEach(s -> s.appendInput(input));
		return run(input.toString());
	}

	/** Runs the driver on input text as it reads it (prt_driver.c); returns its output lines. */
	List<String> run(String input) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		Thread writer = new Thread(() -> {
			try (OutputStream in = p.getOutputStream()) {
				in.write(input.getBytes(StandardCharsets.US_ASCII));
			} catch (IOException e) {
				// the driver died: its exit status says why
			}
		});
		writer.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		writer.join();
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new AssertionError("the C driver exited with status " + p.exitValue()
					+ " (a sanitizer report, if any, is above)");
		}
		return out.isEmpty() ? List.of() : List.of(out.split("\n"));
	}
}
