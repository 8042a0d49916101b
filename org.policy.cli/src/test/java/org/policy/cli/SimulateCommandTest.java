package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
	@TempDir
	Path tmp;

	static List<String> files(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void defaultMixWritesMetricsCsvPlotsAndReport() throws Exception {
		Path policy = Fixtures.simPolicy(tmp, "cfs_cwc");
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", policy.toString(), "--duration", "300ms", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		assertEquals(List.of("cores.csv", "gantt.png", "gantt.svg", "heatmap.png", "heatmap.svg", "metrics.json",
				"report.html", "threads.csv", "utilisation.csv", "utilisation.png", "utilisation.svg"), files(out));
		JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
		assertEquals("cfs_cwc", m.get("policy").asText());
		assertEquals(8, m.get("cores").asInt());
		assertEquals(300_000_000L, m.get("duration_ns").asLong());
		assertEquals(8, m.get("utilisation").get("per_core").size());
		assertTrue(m.get("wakeup_latency_ns").get("count").asLong() > 0);
		assertTrue(r.out().contains("cfs_cwc on mixed, 8 cores"), r.out());
		assertTrue(Files.readString(out.resolve("cores.csv")).startsWith("core,busy_ns,utilisation,"));
	}

	@Test
	void sameSeedGivesByteIdenticalFilesIncludingSvgAndPng() throws Exception {
		Path policy = Fixtures.simPolicy(tmp, "cfs_cwc");
		String[] common = { policy.toString(), "-w", "io-bound", "--cores", "4", "--duration", "200ms", "--export-trace" };
		for (String dir : new String[] { "a", "b" }) {
			String[] args = Stream.of(Stream.of("simulate"), Stream.of(common),
					Stream.of("--seed", "5", "--out", tmp.resolve(dir).toString())).flatMap(a -> a).toArray(String[]::new);
			assertEquals(0, Cli.policy(args).status());
		}
		List<String> names = files(tmp.resolve("a"));
		assertEquals(names, files(tmp.resolve("b")));
		assertTrue(names.contains("schedule.json") && names.contains("gantt.svg"));
		for (String f : names) {
			assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
		}
		String[] other = Stream.of(Stream.of("simulate"), Stream.of(common),
				Stream.of("--seed", "6", "--out", tmp.resolve("c").toString())).flatMap(a -> a).toArray(String[]::new);
		assertEquals(0, Cli.policy(other).status());
		assertFalse(Files.readString(tmp.resolve("a/metrics.json")).equals(Files.readString(tmp.resolve("c/metrics.json"))));
	}

	@Test
	void parametersAreCheckedAgainstThePolicy() throws Exception {
		Path policy = Fixtures.simPolicy(tmp, "cfs_cwc");
		Path out = tmp.resolve("out");
		Cli.Result unknown = Cli.policy("simulate", policy.toString(), "--param", "slise=4ms", "--out", out.toString());
		assertEquals(2, unknown.status());
		assertTrue(unknown.err().contains("--param: policy cfs_cwc has no parameter 'slise' (it has: slice)"), unknown.err());
		Cli.Result range = Cli.policy("simulate", policy.toString(), "--param", "slice=1s", "--out", out.toString());
		assertEquals(2, range.status());
		// in the policy's units, as the user wrote it (it used to print nanoseconds)
		assertTrue(range.err().contains("--param: slice=1s is outside its range [1ms, 100ms] (policy cfs_cwc)"), range.err());
		Cli.Result ok = Cli.policy("simulate", policy.toString(), "--param", "slice=8ms", "--duration", "50ms",
				"--no-plots", "--out", out.toString());
		assertEquals(0, ok.status(), ok.err());
		assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"slice\" : 8000000"));
		assertFalse(Files.exists(out.resolve("report.html")));
	}

	@Test
	void badFlagsAreUsageErrorsNamingTheFlag() throws Exception {
		Path policy = Fixtures.simPolicy(tmp, "cfs_cwc");
		String out = tmp.resolve("out").toString();
		Cli.Result d = Cli.policy("simulate", policy.toString(), "--duration", "10", "--out", out);
		assertEquals(2, d.status());
		assertTrue(d.err().contains("--duration: '10' needs a unit"), d.err());
		Cli.Result t = Cli.policy("simulate", policy.toString(), "--topology", "smt=3,llc=4", "--out", out);
		assertEquals(2, t.status());
		assertTrue(t.err().contains("--topology"), t.err());
		Cli.Result c = Cli.policy("simulate", policy.toString(), "--cores", "0", "--out", out);
		assertEquals(2, c.status());
		assertTrue(c.err().contains("--cores"), c.err());
		assertFalse(Files.exists(tmp.resolve("out")), "no output after a usage error");
	}

	@Test
	void missingFilesAreUsageErrors() throws Exception {
		String out = tmp.resolve("out").toString();
		Cli.Result p = Cli.policy("simulate", tmp.resolve("nope.policy").toString(), "--out", out);
		assertEquals(2, p.status());
		assertTrue(p.err().contains("nope.policy: no such file"), p.err());
		String policy = Fixtures.simPolicy(tmp, "global_fifo").toString();
		Cli.Result w = Cli.policy("simulate", policy, "-w", "nope.json", "--out", out);
		assertEquals(2, w.status());
		assertTrue(w.err().contains("nope.json: no such file, and not a built-in workload"), w.err());
		Cli.Result t = Cli.policy("simulate", policy, "--trace", "nope.txt", "--out", out);
		assertEquals(2, t.status());
		assertTrue(t.err().contains("nope.txt: no such file"), t.err());
		Cli.Result f = Cli.policy("simulate", policy, "--trace", "nope.txt", "--trace-format", "systemtap", "--out", out);
		assertEquals(2, f.status());
		assertTrue(f.err().contains("--trace-format: must be"), f.err());
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	@Test
	void inputErrorsNameFileLineAndColumnAndLeaveNoOutput() throws Exception {
		Path bad = tmp.resolve("bad.policy");
		Files.writeString(bad, "policy bad {\n  on new(t) { t => nowhere; }\n}\n");
		Path out = tmp.resolve("out");
		Cli.Result p = Cli.policy("simulate", bad.toString(), "--out", out.toString());
		assertEquals(1, p.status());
		assertTrue(p.err().contains(bad + ":2:"), p.err());
		Path workload = tmp.resolve("w.json");
		Files.writeString(workload, "{\"tasks\": {\"t\": {\"run\": 10,\n  \"sleep\": true}}}");
		Cli.Result w = Cli.policy("simulate", Fixtures.simPolicy(tmp, "cfs_cwc").toString(), "-w", workload.toString(),
				"--out", out.toString());
		assertEquals(1, w.status());
		assertTrue(w.err().contains(workload + ":2:12: $.tasks.t.sleep: expected an integer"), w.err());
		assertFalse(Files.exists(out));
		try (Stream<Path> left = Files.list(tmp)) {
			assertTrue(left.noneMatch(f -> f.getFileName().toString().contains("partial")), "no staging directory left");
		}
	}

	/** A workload that cannot run is the workload's fault: the message names it, not the policy. */
	@Test
	void aWorkloadThatCannotRunIsNamedInTheMessage() throws Exception {
		Path workload = tmp.resolve("unlock.json");
		Files.writeString(workload, "{\"tasks\": {\"a\": {\"loop\": 1, \"run\": 1000, \"unlock\": \"m\"}}}");
		Path out = tmp.resolve("out");
		Path policy = Fixtures.simPolicy(tmp, "cfs_cwc");
		Cli.Result r = Cli.policy("simulate", policy.toString(), "-w", workload.toString(), "--out", out.toString());
		assertEquals(1, r.status());
		assertTrue(r.err().startsWith(workload + ":1:17: $.tasks.a: at t=1000000ns a thread of task a (t0) unlocks mutex"
				+ " 'm', which it"
				+ " does not hold"), r.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void aPolicyFaultStopsTheRunWithItsLine() throws Exception {
		Path faulty = tmp.resolve("faulty.policy");
		Files.writeString(faulty, """
				policy faulty {
					thread { thread peer = none; int x = 0; }
					core { queue ready ordered by fifo; }
					on new(t) { t => self.ready; }
					on tick(t) { t.x = t.peer.x; }
					on yield(t) { t => self.ready; }
					on block(t) { t => blocked; }
					on unblock(t) { t => cpu(t).ready; }
					on terminate(t) { t => terminated; }
					on schedule { if (!empty(self.ready)) { first(self.ready) => self.current; } }
				}
				""");
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", faulty.toString(), "-w", "cpu-bound", "--out", out.toString());
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().contains("faulted at t=4000000ns during the tick on core 0") && r.err().contains("line 5"), r.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void anExistingOutputDirectoryKeepsOtherFilesAndGetsNewOnes() throws Exception {
		Path out = Files.createDirectories(tmp.resolve("out"));
		Files.writeString(out.resolve("notes.txt"), "mine");
		Files.writeString(out.resolve("metrics.json"), "old");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "global_fifo").toString(), "-w", "cpu-bound",
				"--duration", "20ms", "--no-plots", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		assertEquals("mine", Files.readString(out.resolve("notes.txt")));
		assertTrue(Files.readString(out.resolve("metrics.json")).contains("global_fifo"));
	}

	@Test
	void traceReplayFromTheCommandLine() throws Exception {
		Path trace = Fixtures.simTrace("fork-sleep.perf.txt", tmp.resolve("t.txt"));
		Path out = tmp.resolve("out");
		Cli.Result r = Cli.policy("simulate", Fixtures.simPolicy(tmp, "global_fifo").toString(), "--trace", trace.toString(),
				"--cores", "2", "--no-plots", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
		assertEquals(19_500_000L, m.get("makespan_ns").asLong());
		assertEquals(3, m.get("threads").asInt());
		Cli.Result both = Cli.policy("simulate", Fixtures.simPolicy(tmp, "global_fifo").toString(), "--trace", trace.toString(),
				"-w", "mixed", "--out", out.toString());
		assertEquals(2, both.status());
	}

	/** --abort-at-deadline drops the rest of a late job: 6 ms jobs with a 5 ms deadline every 10 ms run 5 ms each. */
	@Test
	void abortAtDeadlineFromTheCommandLine() throws Exception {
		Path w = tmp.resolve("w.json");
		Files.writeString(w, "{\"tasks\": {\"p\": {\"loop\": -1, \"run\": 6000, \"timer\": {\"ref\": \"unique\","
				+ " \"period\": 10000}, \"policy-sim\": {\"deadline\": 5000}}}}");
		for (boolean abort : new boolean[] { false, true }) {
			Path out = tmp.resolve("out" + abort);
			List<String> args = new java.util.ArrayList<>(List.of("simulate", Fixtures.simPolicy(tmp, "global_fifo").toString(),
					"-w", w.toString(), "--cores", "1", "--duration", "100ms", "--no-plots", "--out", out.toString()));
			if (abort) {
				args.add("--abort-at-deadline");
			}
			Cli.Result r = Cli.policy(args.toArray(String[]::new));
			assertEquals(0, r.status(), r.err());
			JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
			assertEquals(10, m.get("deadlines").get("misses").asInt());
			assertTrue(Files.readString(out.resolve("threads.csv")).contains(",p,0,-1," + (abort ? 50 : 60) + "000000,"),
					Files.readString(out.resolve("threads.csv")));
		}
	}
}
