package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy simulate} with rt-app {@code cpus} (docs/workloads.md, "Affinity"): the threads.csv column,
 * metrics.json's counts, and what reaches the user when a list or a policy cannot honour an affinity.
 */
class SimulateAffinityTest {
	@TempDir
	Path tmp;

	private Path workload(String json) throws Exception {
		return Files.writeString(tmp.resolve("w.json"), json.replace('\'', '"'));
	}

	@Test
	void threadsCsvHasTheAffinityAndMetricsCountRestrictedThreads() throws Exception {
		Path w = workload("{'tasks': {'pinned': {'cpus': [2], 'instance': 2, 'loop': 5, 'run': 2000, 'sleep': 500},\n"
				+ " 'free': {'instance': 3, 'loop': 5, 'run': 3000},\n"
				+ " 'mover': {'cpus': [0, 1], 'loop': 2, 'phases': {'a': {'run': 1000}, 'b': {'cpus': [3], 'run': 1000}}}}}");
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "rr_affine").toString(), "-w", w.toString(),
				"--cores", "4", "--no-plots", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		List<String> rows = Files.readAllLines(out.resolve("threads.csv"));
		assertEquals("thread,task,created_ns,exited_ns,cpu_ns,migrations,cpu_bound,nice,group,affinity", rows.get(0));
		assertEquals(List.of("2", "2", "all", "all", "all", "0-1"),
				rows.stream().skip(1).map(row -> row.substring(row.lastIndexOf(',') + 1)).toList());
		JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
		assertEquals(3, m.get("affinity").get("restricted_threads").asInt());
		assertEquals(3, m.get("affinity").get("changes").asInt(), "b, a again, b again");
		assertEquals("", r.err(), "no warnings");
	}

	@Test
	void missingCpusAreAWarningAndTheRunGoesOn() throws Exception {
		Path w = workload("{'tasks': {'t': {'cpus': [1, 6], 'loop': 2, 'run': 1000}}}");
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "rr_affine").toString(), "-w", w.toString(),
				"--cores", "2", "--no-plots", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		String warning = w + ":1:26: warning: $.tasks.t.cpus: CPU 6 does not exist on the 2 simulated cores (0-1):"
				+ " ignored, the threads may run on core 1 (sched_setaffinity() keeps the CPUs that exist)";
		assertEquals(warning + "\n", r.err());
		JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
		assertEquals(warning, m.get("warnings").get(0).asText());
		assertTrue(Files.readString(out.resolve("threads.csv")).endsWith(",1\n"));
	}

	@Test
	void aListWithNoCoreOfTheMachineIsAnErrorAtItsPositionAndNothingIsWritten() throws Exception {
		Path w = workload("{'tasks': {'t': {'run': 1000, 'cpus': [8, 9]}}}");
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "rr_affine").toString(), "-w", w.toString(),
				"--cores", "8", "--out", out.toString());
		assertEquals(1, r.status());
		assertEquals(w + ":1:39: $.tasks.t.cpus: cpus [8, 9] allow none of the 8 simulated cores (0-7):"
				+ " sched_setaffinity() refuses a set none of whose CPUs exists (simulate with --cores 9 or more, or list a"
				+ " core below 8)\n", r.err());
		assertFalse(Files.exists(out));
		Cli.Result compare = Cli.policy("compare", Fixtures.simPolicy(tmp, "rr_affine").toString(),
				Fixtures.simPolicy(tmp, "fifo_affine").toString(), "-w", w.toString(), "--cores", "8", "--out",
				out.toString());
		assertEquals(1, compare.status());
		assertEquals(r.err(), compare.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void badCpusInTheFileAreErrorsWithTheirPosition() throws Exception {
		Path w = workload("{'tasks': {'t': {'run': 1000,\n 'cpus': [0, -2]}}}");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "rr_affine").toString(), "-w", w.toString(),
				"--out", tmp.resolve("out").toString());
		assertEquals(1, r.status());
		assertEquals(w + ":2:14: $.tasks.t.cpus[1]: CPU -2 is negative: CPUs are numbered from 0\n", r.err());
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	@Test
	void aPolicyThatIgnoresAffinityFaultsWithItsLine() throws Exception {
		Path w = workload("{'tasks': {'t': {'cpus': [3], 'run': 1000}}}");
		Path policy = Fixtures.simPolicy(tmp, "rr_unaware");
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", policy.toString(), "-w", w.toString(), "--cores", "4", "--out",
				out.toString());
		assertEquals(1, r.status());
		assertEquals(policy + ": policy rr_unaware faulted at t=0ns during the start of the run: line 8: t0 may not run"
				+ " on core 0: its affinity is 3\n", r.err());
		assertFalse(Files.exists(out));
	}
}
