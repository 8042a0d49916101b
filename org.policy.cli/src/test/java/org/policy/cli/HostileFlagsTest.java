package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags and input paths that were accepted, or refused without naming the flag: usage errors now. */
class HostileFlagsTest {
	@TempDir
	Path tmp;

	Cli.Result simulate(String... args) {
		String[] all = new String[args.length + 4];
		all[0] = "simulate";
		all[1] = Fixtures.simPolicy(tmp, "cfs_cwc").toString();
		System.arraycopy(args, 0, all, 2, args.length);
		all[args.length + 2] = "--out";
		all[args.length + 3] = tmp.resolve("out").toString();
		return Cli.policy(all);
	}

	static void usage(Cli.Result r, String message) {
		assertEquals(2, r.status(), r.err());
		assertTrue(r.err().contains(message), r.err());
		assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
	}

	@Test
	void topologiesThatDoNotDivideTheCoresAreRefused() {
		usage(simulate("--topology", "smt=3"), "--topology: smt=3 does not divide the 8 cores into equal groups");
		usage(simulate("--cores", "12", "--topology", "smt=2,llc=8"), "--topology: llc=8 does not divide the 12 cores");
		usage(simulate("--topology", "smt=2,numa=3"), "--topology: numa=3 does not divide the 8 cores");
		usage(simulate("--topology", "smt=4,llc=2"), "--topology: llc=2 is not a multiple of smt=4");
		usage(simulate("--topology", "numa=4"), "--topology: numa=4 is not a multiple of llc (left out: all 8 cores)");
		usage(simulate("--topology", "smt=2,smt=2"), "--topology: level smt is given twice");
		usage(simulate("--topology", "smt=2,"), "--topology: '' is not LEVEL=SIZE");
		usage(simulate("--topology", "core=2"), "--topology: unknown level 'core' (smt, llc, numa)");
		usage(simulate("--topology", "smt=0"), "--topology: group size of smt must be between 1 and the 8 cores, not 0");
	}

	@Test
	void aDirectoryOrMissingFileNamesTheFlagAndThePath() throws Exception {
		Path dir = Files.createDirectory(tmp.resolve("dir"));
		usage(simulate("--trace", dir.toString()), "--trace " + dir + ": is a directory");
		usage(simulate("--workload", dir.toString()), "--workload " + dir + ": is a directory");
		usage(simulate("--trace", tmp.resolve("nope.txt").toString()), "--trace " + tmp.resolve("nope.txt") + ": no such file");
		usage(Cli.policy("simulate", dir.toString(), "--out", tmp.resolve("o").toString()),
				dir + ": is a directory");
	}

	@Test
	void parameterRangesArePrintedInThePolicysUnits() {
		usage(simulate("-p", "slice=500ms"), "--param: slice=500ms is outside its range [1ms, 100ms] (policy cfs_cwc)");
		// one duration syntax: a value without a unit is refused, as by every duration flag
		usage(simulate("-p", "slice=500000000"), "--param: slice: '500000000' needs a unit: ns, us, ms or s");
	}

	@Test
	void aParameterMakingTheBalancePeriodTooShortIsRefusedNamingIt() throws Exception {
		// The range allows 1ns (the checker only asks for a range above 0); the simulator's floor refuses it.
		Path policy = Fixtures.simPolicy(tmp, "cfs_cwc");
		String text = Files.readString(policy, StandardCharsets.UTF_8).replace("on balance every 4ms", "on balance every bal_period")
				.replace("param time slice", "param time bal_period = 4ms in [1ns, 1s];\n\tparam time slice");
		Files.writeString(policy, text);
		Cli.Result r = Cli.policy("simulate", policy.toString(), "-p", "bal_period=1ns", "--out", tmp.resolve("o").toString());
		usage(r, "--param: bal_period=1ns: policy cfs_cwc would balance every 1ns, below the simulator's shortest period of 1us");
		Cli.Result ok = Cli.policy("simulate", policy.toString(), "-p", "bal_period=2ms", "--duration", "20ms", "--no-plots",
				"--out", tmp.resolve("o").toString());
		assertEquals(0, ok.status(), ok.err());
	}

	@Test
	void limitFlagsAreChecked() {
		usage(simulate("--max-threads", "2000000000"), "--max-threads: must be between 1 and 4194304");
		usage(simulate("--max-events", "-1"), "--max-events: must be positive");
		usage(simulate("--cores", "0"), "--cores: must be between 1 and 4096, not 0");
		usage(simulate("--cores", "100000"), "--cores: must be between 1 and 4096, not 100000");
		usage(simulate("--duration", "0s"), "--duration: must be positive, not 0s");
		usage(simulate("--duration", "0"), "--duration: '0' needs a unit");
		usage(simulate("--duration", "2h"), "--duration: '2h' is not a duration: 'h' is not a unit (ns, us, ms or s");
		usage(simulate("--duration", "1e999s"), "--duration: '1e999s' is not a duration: 'e999s' is not a unit");
		usage(simulate("--idle-exit-latency", "-5us"), "--idle-exit-latency: '-5us' is not a duration");
		usage(simulate("--idle-exit-latency", "5"), "--idle-exit-latency: '5' needs a unit");
	}

	@Test
	void aRunOverTheEventBudgetFailsWithoutWritingAResult() {
		Cli.Result r = simulate("-w", "cpu-bound", "--max-events", "1000", "--duration", "1s");
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().contains("2.00e+03 ticks at 250 Hz in a 1s run on 8 cores exceed the event budget of 1000"
				+ " events"), r.err());
		assertFalse(Files.exists(tmp.resolve("out").resolve("metrics.json")));
	}

	@Test
	void aDeadlockedWorkloadExitsOneNamingTheTask() throws Exception {
		Path w = Files.writeString(tmp.resolve("w.json"), "{\"tasks\": {\"a\": {\"loop\": 1, \"wait\": {\"ref\": \"c\"},"
				+ " \"run\": 100}}}");
		Cli.Result r = simulate("-w", w.toString());
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().contains(w + ":1:17: $.tasks.a: deadlock at t=0ns: every remaining thread is blocked and nothing can wake it"
				+ " (no thread runs, sleeps or is ready, no arrival is pending): 1 thread of task a waits on condition 'c'"
				+ " (no signal)"), r.err());
	}
}
