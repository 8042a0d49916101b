package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy sweep}: rows, determinism across parallelism and re-runs, resuming, shards, bad SPECs. */
class SweepCommandTest {
	@TempDir
	static Path tmp;
	static Path spec;
	static Path single;

	/** 2 policies × 2 workloads × 2 core counts × 3 seeds = 24 runs of 20 ms. */
	static String specText(String extraPolicy) {
		return "policies:\n  - " + abs("fifo") + "\n  - file: " + abs("cfs_cwc") + "\n    params: { slice: [4ms] }\n"
				+ extraPolicy + "workloads: [cpu-bound, io-bound]\ncores: [1, 2]\nseeds: 3\nseed: 7\nduration: 20ms\n";
	}

	static String abs(String policy) {
		return Fixtures.library(policy).toAbsolutePath().normalize().toString();
	}

	@BeforeAll
	static void sweepOnce() throws IOException {
		spec = Files.writeString(tmp.resolve("s.yaml"), specText(""));
		single = tmp.resolve("single");
		Cli.Result r = Cli.policy("sweep", spec.toString(), "--out", single.toString(), "--jobs", "2");
		assertEquals(0, r.status(), r.err());
		assertEquals("sweep: 24 runs, 24 run now, 0 already done; wrote " + single + "\n", r.out());
	}

	@Test
	void oneRowPerRunInCanonicalOrder() throws IOException {
		List<String> rows = Files.readAllLines(single.resolve("runs.csv"));
		assertEquals(25, rows.size());
		assertTrue(rows.get(0).startsWith("policy,policy_file,workload,cores,topology,param_slice,replicate,seed,duration_ns,"));
		// fifo first (SPEC order), then workloads, cores, replicates innermost
		assertTrue(rows.get(1).startsWith("fifo," + abs("fifo") + ",cpu-bound,1,flat,,0,"), rows.get(1));
		assertTrue(rows.get(3).startsWith("fifo," + abs("fifo") + ",cpu-bound,1,flat,,2,"), rows.get(3));
		assertTrue(rows.get(4).startsWith("fifo," + abs("fifo") + ",cpu-bound,2,flat,,0,"), rows.get(4));
		assertTrue(rows.get(13).startsWith("cfs_cwc," + abs("cfs_cwc") + ",cpu-bound,1,flat,4ms,0,"), rows.get(13));
		// common random numbers: the same workload coordinates get the same seed under every policy
		assertEquals(rows.get(1).split(",")[7], rows.get(13).split(",")[7]);
		assertFalse(rows.get(1).split(",")[7].equals(rows.get(2).split(",")[7]));
		// summary: 8 groups × 25 metrics
		assertEquals(1 + 8 * 25, Files.readAllLines(single.resolve("summary.csv")).size());
		// plots: 2 workloads × 1 topology × 5 metrics, PNG and SVG, all in report.html
		String report = Files.readString(single.resolve("report.html"));
		for (String m : List.of("utilisation_mean", "wasted_core_fraction", "wakeup_latency_p99_ns", "fairness_jain", "migrations")) {
			for (String w : List.of("w1", "w2")) {
				String name = "plot-" + w + "-t1-" + m;
				assertTrue(Files.size(single.resolve(name + ".png")) > 1000 && Files.size(single.resolve(name + ".svg")) > 1000);
				assertTrue(report.contains("<img src=\"" + name + ".svg\""), name);
			}
		}
		// latency CDFs per workload and core count, from the quantiles each run stores; no grid of 2 values: no parameter plot
		for (String cdf : List.of("plot-w1-t1-c1-latency-cdf", "plot-w1-t1-c2-latency-cdf", "plot-w2-t1-c2-latency-cdf")) {
			assertTrue(Files.size(single.resolve(cdf + ".png")) > 1000 && report.contains("<img src=\"" + cdf + ".svg\""), cdf);
		}
		try (Stream<Path> files = Files.list(single)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("-param-")));
		}
	}

	@Test
	void aRowIsWhatSimulateMeasures() throws IOException {
		List<String> rows = Files.readAllLines(single.resolve("runs.csv"));
		String[] row = rows.get(5).split(",");
		Path out = tmp.resolve("one");
		Cli.Result r = Cli.policy("simulate", abs("fifo"), "-w", "cpu-bound", "--cores", row[3], "--duration", "20ms",
				"--seed", row[7], "--no-plots", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		String json = Files.readString(out.resolve("metrics.json"));
		assertTrue(json.contains("\"events\" : " + row[11] + ","), json);
		assertTrue(json.contains("\"context_switches\" : " + row[27] + ","), json);
	}

	@Test
	void sameSpecGivesIdenticalFilesWhateverTheParallelism() throws IOException {
		Path again = tmp.resolve("jobs1");
		assertEquals(0, Cli.policy("sweep", spec.toString(), "--out", again.toString(), "--jobs", "1").status());
		assertSameTables(single, again);
	}

	@Test
	void resumingRunsOnlyTheMissingRuns() throws IOException {
		Path dir = tmp.resolve("resume");
		assertEquals(0, Cli.policy("sweep", spec.toString(), "--out", dir.toString(), "--jobs", "2").status());
		byte[] before = Files.readAllBytes(dir.resolve("runs.csv"));
		List<Path> runs;
		try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
			runs = s.sorted().limit(5).toList();
		}
		for (Path p : runs) {
			Files.delete(p);
		}
		Files.delete(dir.resolve("runs.csv"));
		Cli.Result r = Cli.policy("sweep", spec.toString(), "--out", dir.toString());
		assertEquals(0, r.status(), r.err());
		assertEquals("sweep: 24 runs, 5 run now, 19 already done; wrote " + dir + "\n", r.out());
		assertArrayEquals(before, Files.readAllBytes(dir.resolve("runs.csv")));
		Cli.Result nothing = Cli.policy("sweep", spec.toString(), "--out", dir.toString());
		assertEquals("sweep: 24 runs, 0 run now, 24 already done; wrote " + dir + "\n", nothing.out());
	}

	@Test
	void aSpecMayOnlyAddRuns() throws IOException {
		Path dir = tmp.resolve("grow");
		assertEquals(0, Cli.policy("sweep", spec.toString(), "--out", dir.toString()).status());
		Path bigger = Files.writeString(tmp.resolve("bigger.yaml"), specText("  - " + abs("rr") + "\n"));
		Cli.Result r = Cli.policy("sweep", bigger.toString(), "--out", dir.toString());
		assertEquals(0, r.status(), r.err());
		assertEquals("sweep: 36 runs, 12 run now, 24 already done; wrote " + dir + "\n", r.out());
		Path shorter = Files.writeString(tmp.resolve("shorter.yaml"), specText("").replace("20ms", "10ms"));
		Cli.Result refused = Cli.policy("sweep", shorter.toString(), "--out", dir.toString());
		assertEquals(2, refused.status());
		assertTrue(refused.err().startsWith("policy: --out: " + dir + " holds 36 finished run(s) that this SPEC does not name"
				+ " (first: "), refused.err());
	}

	@Test
	void threeShardsMergedAreTheSingleMachineSweep() throws IOException {
		for (int i = 1; i <= 3; i++) {
			Cli.Result r = Cli.policy("sweep", spec.toString(), "--shard", i + "/3", "--out", tmp.resolve("shard" + i).toString());
			assertEquals(0, r.status(), r.err());
			assertEquals("sweep: 8 runs (shard " + i + "/3 of 24), 8 run now, 0 already done; wrote " + tmp.resolve("shard" + i)
					+ "\n", r.out());
		}
		Path merged = tmp.resolve("merged");
		Cli.Result r = Cli.policy("sweep", "--merge", tmp.resolve("shard1").toString(), tmp.resolve("shard2").toString(),
				tmp.resolve("shard3").toString(), "--out", merged.toString());
		assertEquals(0, r.status(), r.err());
		assertSameTables(single, merged);
		Cli.Result missing = Cli.policy("sweep", "--merge", tmp.resolve("shard1").toString(), tmp.resolve("shard3").toString(),
				"--out", tmp.resolve("m2").toString());
		assertEquals(2, missing.status());
		assertEquals("policy: --merge: shard 2/3 is missing", firstLine(missing.err()));
	}

	@Test
	void shardsOfDifferentSpecsAreRefused() throws IOException {
		Path other = Files.writeString(tmp.resolve("other.yaml"), specText("").replace("seed: 7", "seed: 8"));
		assertEquals(0, Cli.policy("sweep", spec.toString(), "--shard", "1/2", "--out", tmp.resolve("a1").toString()).status());
		assertEquals(0, Cli.policy("sweep", other.toString(), "--shard", "2/2", "--out", tmp.resolve("b2").toString()).status());
		Cli.Result r = Cli.policy("sweep", "--merge", tmp.resolve("a1").toString(), tmp.resolve("b2").toString(), "--out",
				tmp.resolve("ab").toString());
		assertEquals(2, r.status());
		assertTrue(firstLine(r.err()).startsWith("policy: --merge: " + tmp.resolve("b2") + " is a shard of another SPEC than "
				+ tmp.resolve("a1") + " (their SPEC hashes differ: "), r.err());
		assertFalse(Files.exists(tmp.resolve("ab")));
	}

	@Test
	void badSpecsAreRefusedAtTheirPosition() throws IOException {
		assertBad("policies: [" + abs("fifo") + "]\nworkload: [mixed]\n",
				"2:1: unknown key 'workload' (known here: policies, workloads, cores, topologies, seeds, seed, duration, hz,"
						+ " cs_cost, abort_at_deadline)");
		assertBad("policies:\n  - nowhere.policy\n",
				"2:5: policy file 'nowhere.policy': no such file (paths are relative to the SPEC's folder)");
		assertBad("policies: [" + abs("fifo") + "]\nworkloads: [mixed, no-such.json]\n",
				"2:20: workload file 'no-such.json': no such file (paths are relative to the SPEC's folder)");
		assertBad("policies:\n  - file: " + abs("cfs_cwc") + "\n    params: { slice: [4ms, 500ms] }\n",
				"3:28: slice=500ms is outside its range [1ms, 100ms] (policy cfs_cwc)");
		assertBad("policies:\n  - file: " + abs("fifo") + "\n    params: { slice: [4ms] }\n",
				"3:15: policy fifo has no parameter 'slice' (it has none)");
		assertBad("policies: [" + abs("fifo") + "]\ncores: [2, 3]\ntopologies: [smt=2]\n",
				"3:14: topology 'smt=2' on 3 cores: smt=2 does not divide the 3 cores into equal groups");
		assertBad("policies:\n  - " + abs("fifo") + "\n  - " + abs("fifo") + "\n",
				"3:5: policy '" + abs("fifo") + "' with {} repeats the runs of the entry at line 2 (same file, same parameter values)");
		assertBad("policies: [" + abs("fifo") + "]\ncores: [0]\n", "2:9: a core count must be between 1 and 4096, not 0");
		assertBad("policies: [" + abs("fifo") + "\n", "2:1: while parsing a flow sequence: expected ',' or ']', but got <stream end>");
		assertBad("policies: [" + abs("fifo") + "]\npolicies: []\n", "2:1: key 'policies' is written twice (first at line 1)");
	}

	@Test
	void badJsonSpecIsRefusedAtItsPosition() throws IOException {
		Path s = Files.writeString(tmp.resolve("bad.json"), "{\n  \"policies\": [\"" + abs("fifo") + "\"],\n  \"seeds\": \"x\"\n}\n");
		Cli.Result r = Cli.policy("sweep", s.toString(), "--out", tmp.resolve("badjson").toString());
		assertEquals(1, r.status());
		assertEquals(s + ":3:12: expected seeds (a count, or a list of seeds) (an integer), not a string\n", r.err());
		assertFalse(Files.exists(tmp.resolve("badjson")));
	}

	@Test
	void flagsAreChecked() {
		Cli.Result r = Cli.policy("sweep", spec.toString(), "--shard", "4/3", "--out", tmp.resolve("x").toString());
		assertEquals(2, r.status());
		assertEquals("policy: --shard: must be I/N with 1 <= I <= N, e.g. 2/3, not '4/3'", firstLine(r.err()));
		Cli.Result missing = Cli.policy("sweep", tmp.resolve("none.yaml").toString(), "--out", tmp.resolve("x").toString());
		assertEquals(2, missing.status());
		assertEquals("policy: SPEC: " + tmp.resolve("none.yaml") + ": no such file", firstLine(missing.err()));
	}

	@Test
	void aFailingRunStopsTheSweepAndKeepsTheFinishedRuns() throws IOException {
		Path faulty = Files.writeString(tmp.resolve("faulty.policy"), """
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
		Path s = Files.writeString(tmp.resolve("faulty.yaml"), "policies: [" + abs("fifo") + ", " + faulty
				+ "]\nworkloads: [cpu-bound]\ncores: [1]\nseeds: 2\nduration: 20ms\n");
		Path out = tmp.resolve("faulty-out");
		Cli.Result r = Cli.policy("sweep", s.toString(), "--out", out.toString(), "--jobs", "1");
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().startsWith("run faulty {} on cpu-bound, 1 cores, flat, seed "), r.err());
		assertTrue(r.err().contains("faulted at t=4000000ns during the tick on core 0"), r.err());
		assertTrue(r.err().endsWith("sweep: stopped; the finished runs are kept in " + out
				+ ": run the same command again to resume\n"), r.err());
		assertFalse(Files.exists(out.resolve("runs.csv")));
		try (Stream<Path> files = Files.list(out.resolve("runs"))) {
			assertEquals(2, files.count(), "fifo's two runs are kept");
		}
	}

	private static void assertBad(String text, String expected) throws IOException {
		Path s = Files.writeString(tmp.resolve("bad.yaml"), text);
		Path out = tmp.resolve("bad-out");
		Cli.Result r = Cli.policy("sweep", s.toString(), "--out", out.toString());
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().startsWith(s + ":" + expected), r.err());
		assertFalse(Files.exists(out), "nothing written for a bad SPEC");
	}

	private static String firstLine(String s) {
		return s.lines().findFirst().orElse("");
	}

	private static void assertSameTables(Path a, Path b) throws IOException {
		for (String f : List.of("runs.csv", "summary.csv", "sweep.json", "report.html", "plot-w1-t1-migrations.png",
				"plot-w2-t1-wakeup_latency_p99_ns.svg")) {
			assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
		}
	}
}
