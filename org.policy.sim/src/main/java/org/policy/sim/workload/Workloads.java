package org.policy.sim.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.policy.sim.io.UnreadableInputException;
import org.policy.workload.WorkloadException;

/** Finds a workload by file path or built-in name. The built-ins are rt-app files shipped as resources. */
public final class Workloads {
	/** The built-in workloads, in the order the help lists them; "mixed" is the default. */
	public static final List<String> BUILTIN = List.of("mixed", "cpu-bound", "io-bound", "hackbench", "periodic",
			"group-imbalance");
	public static final String DEFAULT = "mixed";

	private Workloads() {
	}

	/**
	 * A file if {@code nameOrFile} names an existing file, else a built-in workload.
	 *
	 * @throws WorkloadException        for a file with errors
	 * @throws UnreadableInputException for a name that is neither a readable file nor a built-in
	 */
	public static Workload load(String nameOrFile) throws WorkloadException, UnreadableInputException, IOException {
		if (BUILTIN.contains(nameOrFile) && !Files.isRegularFile(Path.of(nameOrFile))) {
			return builtin(nameOrFile);
		}
		String problem = org.policy.sim.io.InputPath.problem(nameOrFile);
		if (problem != null) {
			throw new UnreadableInputException(nameOrFile + ": " + problem + (problem.equals("no such file")
					? ", and not a built-in workload (built-ins: " + String.join(", ", BUILTIN) + ")" : ""));
		}
		try (Reader in = Files.newBufferedReader(Path.of(nameOrFile), StandardCharsets.UTF_8)) {
			return RtAppFlattener.read(nameOrFile, in);
		} catch (java.nio.charset.MalformedInputException e) {
			throw new WorkloadException(nameOrFile, 1, 1, "not UTF-8 text");
		} catch (java.nio.file.AccessDeniedException e) {
			throw new UnreadableInputException(nameOrFile + ": permission denied");
		}
	}

	public static Workload builtin(String name) throws WorkloadException, IOException {
		String resource = "/org/policy/sim/workloads/" + name + ".json";
		try (InputStream in = Workloads.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("missing built-in workload resource " + resource);
			}
			return RtAppFlattener.read(name, new InputStreamReader(in, StandardCharsets.UTF_8));
		}
	}

	/** The rt-app text of a built-in, for users who want to start from it. */
	public static String builtinText(String name) throws IOException {
		try (InputStream in = Workloads.class.getResourceAsStream("/org/policy/sim/workloads/" + name + ".json")) {
			if (in == null) {
				throw new IOException("no built-in workload " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
