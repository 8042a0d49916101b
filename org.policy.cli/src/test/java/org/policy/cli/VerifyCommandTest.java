package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.verifier.VerifyOptions;

/** {@code policy verify}: output and exit status for each outcome and each kind of bad input. */
class VerifyCommandTest {
	static Cli.Result run(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "verify";
		System.arraycopy(args, 0, all, 1, args.length);
		return Cli.policy(all);
	}

	static Path policy(Path dir, String name) {
		return Fixtures.verifierPolicy(dir, name);
	}

	@Test
	void holdsPrintsTheSummaryAndExitsZero(@TempDir Path dir) throws Exception {
		Cli.Result r = run(policy(dir, "rr_steal").toString(), "--cores", "3", "--threads", "4", "--property", "cwc");
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().matches("(?s)holds for ≤ 3 cores, ≤ 4 threads, every thread may run on any core \\(the policy"
				+ " never reads affinity\\(t\\)\\); flat topology; parameters slice = 1ms, 5500us, 10ms, 505ms, 1s \\(bounds,"
				+ " default and halfway points of \\[1ms, 1s\\]\\); time frozen at 0: \\d+ states in \\d+\\.\\d s\n"
				+ "\\(concurrent work conservation; \\d+ states/s; ties between cores may go any way, core symmetry\\)\n"), r.out());
		assertTrue(r.out().contains("concurrent work conservation"), r.out());
		assertEquals("", r.err(), "no progress output without a terminal");
	}

	/** A counterexample found with --topology records it, and the simulator replays the run on that machine. */
	@Test
	void aCounterexampleOnATopologyReplaysOnIt(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("cx.json");
		String p = policy(dir, "llc_steal").toString();
		Cli.Result r = run(p, "--cores", "4", "--threads", "6", "--topology", "llc=2", "--counterexample", file.toString());
		assertEquals(1, r.status(), r.out());
		assertTrue(Files.readString(file).contains("\"topology\": \"llc=2\""), Files.readString(file));
		Cli.Result sim = Cli.policy("simulate", p, "--workload", file.toString(), "--out", dir.resolve("out").toString(),
				"--no-plots");
		assertEquals(0, sim.status(), sim.err());
		assertTrue(sim.err().contains("replaying the verifier's exact run (") && sim.err().contains(" steps on 4 cores of"
				+ " topology llc=2, one step drawn per 1000 us"), sim.err());
		Matcher wasted = Pattern.compile("wasted-core (\\d+\\.\\d+) ms").matcher(sim.out());
		assertTrue(wasted.find(), sim.out());
		assertTrue(Double.parseDouble(wasted.group(1)) > 0, sim.out());
	}

	/** A policy that reads the core input id tells cores apart: its exploration has no core symmetry, and says so. */
	@Test
	void aPolicyThatTellsCoresApartIsReportedWithoutSymmetry() {
		Cli.Result r = run(Path.of("..", "policies", "bugs", "group_construction_fixed.policy").toString(), "--cores", "3",
				"--threads", "4");
		assertEquals(0, r.status(), r.out() + r.err());
		assertTrue(r.out().endsWith("; ties between cores may go any way, no symmetry reduction)\n"), r.out());
	}

	/** --all-cores: proved (0), a counterexample with the construct outside the fragment (1), not proved (4). */
	@Test
	void allCoresProvesRefutesOrSaysWhyNot(@TempDir Path dir) throws Exception {
		Cli.Result proved = run(policy(dir, "rr_steal").toString(), "--all-cores", "--threads", "2", "--property", "cwc",
				"--default-params");
		assertEquals(0, proved.status(), proved.out() + proved.err());
		assertTrue(proved.out().matches("(?s)holds for every number of cores \\(cutoff (\\d+) = 2 threads \\+ \\d+ core"
				+ " values a step may hold \\+ 1; explored on 1 to \\1 cores\\), ≤ 2 threads, .*\n\\(concurrent work"
				+ " conservation; .*\\)\n"), proved.out());

		Path nine = policy(dir, "steal_not_on_9");
		Cli.Result refuted = run(nine.toString(), "--all-cores", "--property", "cwc", "--default-params");
		assertEquals(1, refuted.status(), refuted.out() + refuted.err());
		assertTrue(refuted.out().startsWith("steal_not_on_9: concurrent work conservation (CWC) does not hold on 9"
				+ " cores"), refuted.out());
		assertTrue(refuted.out().contains("\n--all-cores: the cutoff theorem does not apply"), refuted.out());
		assertTrue(refuted.out().matches("(?s).*\n" + java.util.regex.Pattern.quote(nine.toString())
				+ ":\\d+:\\d+: size\\(cores\\): the size of a set of cores reads the machine size\n"), refuted.out());

		Cli.Result notProved = run(policy(dir, "used_mark").toString(), "--all-cores", "--threads", "2", "--property",
				"cwc");
		assertEquals(4, notProved.status(), notProved.out() + notProved.err());
		assertTrue(notProved.out().startsWith("not proved for every number of cores: on "), notProved.out());
		Cli.assertNoStackTrace(notProved.out() + notProved.err());
	}

	/** No machine size of two cores or more had a thread waiting: that proves nothing, so it is not "holds". */
	@Test
	void aVerdictThatChecksNothingIsNotCheckedAndExitsFour(@TempDir Path dir) throws Exception {
		Cli.Result r = run(policy(dir, "global_fifo").toString(), "--cores", "3", "--threads", "1");
		assertEquals(4, r.status(), r.out());
		assertTrue(r.out().startsWith("not checked: with ≤ 1 threads no thread ever waits for a core on 2, 3 cores, so"
				+ " nothing of the balancing is checked there (raise --threads); explored: ≤ 3 cores, ≤ 1 threads, "),
				r.out());
	}

	/** A non-default value of a parameter's range fails: the counterexample names it; --default-params skips it. */
	@Test
	void everyParameterValueOfItsRangeIsExploredUnlessDefaultParams(@TempDir Path dir) throws Exception {
		String p = policy(dir, "steal_thresh").toString();
		Cli.Result r = run(p, "--cores", "2", "--threads", "4");
		assertEquals(1, r.status(), r.out());
		assertTrue(r.out().startsWith("steal_thresh: work conservation (WC) does not hold on 2 cores (at most 4 live"
				+ " threads); every thread may run on any core (the policy never reads affinity(t)); with steal_thresh = 3\n"),
				r.out());
		Cli.Result defaults = run(p, "--cores", "2", "--threads", "4", "--default-params");
		assertEquals(0, defaults.status(), defaults.out());
		assertTrue(defaults.out().contains("; parameters at their defaults; "), defaults.out());
	}

	@Test
	void counterexampleExitsOneAndWritesTheWorkload(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("cx.json");
		Cli.Result r = run(policy(dir, "locality").toString(), "--cores", "2", "--threads", "3", "--counterexample",
				file.toString());
		assertEquals(1, r.status());
		assertTrue(r.out().startsWith("locality: work conservation (WC) does not hold on 2 cores"), r.out());
		assertTrue(r.out().contains("violation: core 1 is idle while core 0 has 2 runnable threads, and the policy never"
				+ " balances periodically"), r.out());
		assertTrue(r.out().contains("counterexample written to " + file), r.out());
		assertTrue(Files.readString(file).contains("\"policy-verifier\""));
		Cli.Result again = run(policy(dir, "locality").toString(), "--cores", "2", "--threads", "3");
		assertEquals(r.out().replace("counterexample written to " + file + "\n", ""), again.out(), "deterministic");
	}

	@Test
	void theNumberOfWorkersChangesNeitherTheVerdictNorTheCounterexample(@TempDir Path dir) throws Exception {
		String p = policy(dir, "locality").toString();
		Cli.Result one = run(p, "--cores", "3", "--threads", "4", "--workers", "1");
		assertEquals(1, one.status(), one.out());
		assertEquals(one.out(), run(p, "--cores", "3", "--threads", "4", "--workers", "3").out());
		Cli.Result bad = run(p, "--workers", "-1");
		assertEquals(2, bad.status());
		assertTrue(bad.err().contains("--workers: must be between 0 and " + VerifyOptions.MAX_WORKERS + ", not -1"),
				bad.err());
	}

	@Test
	void usageErrorsExitTwoNamingTheFlag(@TempDir Path dir) throws Exception {
		String p = policy(dir, "rr_steal").toString();
		Cli.Result bad = run(p, "--property", "xyz");
		assertEquals(2, bad.status());
		assertTrue(bad.err().contains("--property: expected wc or cwc, not 'xyz'"), bad.err());
		Cli.Result param = run(p, "-p", "slices=2ms");
		assertEquals(2, param.status());
		assertTrue(param.err().contains("has no parameter 'slices'"), param.err());
		Cli.Result range = run(p, "-p", "slice=0ms");
		assertEquals(2, range.status());
		assertTrue(range.err().contains("outside its range"), range.err());
		Cli.Result cores = run(p, "--cores", "0");
		assertEquals(2, cores.status());
		assertTrue(cores.err().contains("--cores"), cores.err());
		Cli.Result step = run(p, "--time-step", "fast");
		assertEquals(2, step.status());
		assertTrue(step.err().contains("--time-step: 'fast' is not a duration"), step.err());
		// the output rule (AtomicOutput): missing parents are created, and removed again when nothing is written
		Cli.Result out = run(p, "--cores", "1", "--threads", "1", "--counterexample", dir.resolve("no/such/dir/cx.json").toString());
		assertEquals(0, out.status(), out.err());
		assertFalse(Files.exists(dir.resolve("no")), "it holds: no counterexample, no directory left");
		assertEquals(2, run().status(), "POLICY is required");
	}

	@Test
	void aMissingPolicyIsAUsageErrorAndOneWithErrorsAProblemWithFileLineColumn(@TempDir Path dir) throws Exception {
		Cli.Result missing = run(dir.resolve("none.policy").toString());
		assertEquals(2, missing.status());
		assertTrue(missing.err().contains("none.policy: no such file"), missing.err());
		Path broken = dir.resolve("broken.policy");
		Files.writeString(broken, "policy broken {\n  thread { int x = ; }\n}\n");
		Cli.Result syntax = run(broken.toString());
		assertEquals(ExitStatus.PROBLEM, syntax.status());
		assertTrue(syntax.err().contains(broken + ":2:20: error: no viable alternative at input ';'"), syntax.err());
		Path unknown = dir.resolve("unknown.policy");
		Files.writeString(unknown, Fixtures.verifierPolicyText("locality").replace("t => cpu(t).runq;", "t => nowhere(t).runq;"));
		Cli.Result link = run(unknown.toString());
		assertEquals(ExitStatus.PROBLEM, link.status());
		assertTrue(link.err().contains(unknown + ":"), link.err());
		assertFalse(link.err().contains("Exception"), link.err());
		assertFalse(Files.exists(dir.resolve("cx.json")));
	}

	/**
	 * A policy that reads affinity(t) is explored with pinned threads by default: its counterexample says
	 * which thread was pinned where, and which waiting thread could have run on the idle core; --affinity
	 * all turns that off, and the first line says so either way.
	 */
	@Test
	void pinnedThreadsAreExploredForAPolicyThatReadsAffinity(@TempDir Path dir) throws Exception {
		String p = policy(dir, "rr_affinity_blind").toString();
		Path file = dir.resolve("cx.json");
		Cli.Result r = run(p, "--cores", "3", "--threads", "5", "--counterexample", file.toString());
		assertEquals(1, r.status(), r.err());
		assertTrue(r.out().startsWith("rr_affinity_blind: work conservation (WC) does not hold on 3 cores (at most 5 live"
				+ " threads); threads may run on any core or be pinned to one, at most 1 pinned at a time (the policy"
				+ " reads affinity(t))\n"), r.out());
		assertTrue(r.out().matches("(?s).*: core \\d creates t\\d; t\\d may run only on core \\d\n.*"), r.out());
		assertTrue(r.out().matches("(?s).*\nviolation: after the balancing round, core \\d is idle while t\\d waits in core"
				+ " \\d's runq \\(2 runnable threads there\\) and may run on core \\d\n.*"), r.out());
		assertTrue(Files.readString(file).contains("\"cpus\": [\n        0\n      ]"), Files.readString(file));
		Cli.Result all = run(p, "--cores", "3", "--threads", "5", "--affinity", "all");
		assertEquals(0, all.status(), all.out());
		assertTrue(all.out().startsWith("holds for ≤ 3 cores, ≤ 5 threads, every thread may run on any core (pinned"
				+ " threads not explored, though the policy reads affinity(t)); "), all.out());
		Cli.Result two = run(p, "--cores", "2", "--threads", "3", "--restricted-threads", "2");
		assertEquals(0, two.status(), two.out());
		assertTrue(two.out().startsWith("holds for ≤ 2 cores, ≤ 3 threads, threads may run on any core or be pinned to"
				+ " one, at most 2 pinned at a time (the policy reads affinity(t)); "), two.out());
	}

	/** A new thread queued on the creating core whatever its affinity: the fault names thread, core and line. */
	@Test
	void anAffinityFaultIsPositioned(@TempDir Path dir) throws Exception {
		Path p = policy(dir, "self_placement");
		Cli.Result r = run(p.toString(), "--cores", "2", "--threads", "2");
		assertEquals(1, r.status(), r.err());
		assertEquals(p + ":7: error: policy self_placement faults at step 1 of the run above: t0 may not run on core 0:"
				+ " its affinity is 1\n", r.err());
		assertTrue(r.out().contains("step 1: new: core 0 creates t0; t0 may run only on core 1\n"), r.out());
		assertTrue(r.out().endsWith("fault: line 7: t0 may not run on core 0: its affinity is 1\n"), r.out());
	}

	@Test
	void badAffinityFlagsAreUsageErrorsNamingTheFlag(@TempDir Path dir) throws Exception {
		String p = policy(dir, "rr_affinity").toString();
		Cli.Result mode = run(p, "--affinity", "some");
		assertEquals(2, mode.status());
		assertTrue(mode.err().startsWith("policy: --affinity: expected auto, all or pinned, not 'some'\n"), mode.err());
		Cli.Result zero = run(p, "--threads", "4", "--restricted-threads", "0");
		assertEquals(2, zero.status());
		assertTrue(zero.err().startsWith("policy: --restricted-threads: must be between 1 and --threads (4), not 0\n"),
				zero.err());
		Cli.Result many = run(p, "--threads", "4", "--restricted-threads", "5");
		assertEquals(2, many.status());
		assertTrue(many.err().contains("must be between 1 and --threads (4), not 5"), many.err());
		Cli.Result none = run(p, "--affinity", "all", "--restricted-threads", "1");
		assertEquals(2, none.status());
		assertTrue(none.err().startsWith("policy: --restricted-threads: --affinity all pins no thread; give --affinity"
				+ " pinned or auto\n"), none.err());
		assertFalse(none.err().contains("Exception"), none.err());
	}

	@Test
	void helpShowsTheOneExitTable(@TempDir Path dir) throws Exception {
		Cli.Result help = run("--help");
		assertEquals(0, help.status(), help.err());
		assertTrue(help.out().contains("--counterexample=FILE"), help.out());
		assertTrue(help.out().contains("--affinity=auto|all|pinned"), help.out());
		assertTrue(help.out().contains("--restricted-threads=K"), help.out());
		assertTrue(help.out().contains("4   inconclusive: verify reached --max-states without an answer"), help.out());
	}

	@Test
	void stateLimitIsInconclusiveExitFour(@TempDir Path dir) throws Exception {
		Cli.Result r = run(policy(dir, "rr_steal").toString(), "--cores", "3", "--threads", "4", "--max-states", "20");
		assertEquals(ExitStatus.INCONCLUSIVE, r.status(), r.out());
		assertTrue(r.out().startsWith("inconclusive: --max-states 20 reached"), r.out());
	}
}
