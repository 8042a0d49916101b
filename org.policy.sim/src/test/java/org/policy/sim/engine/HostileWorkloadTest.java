package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.workload.Workload;

/**
 * Workloads that used to hang, run out of memory or exit 0 with a meaningless result: each must stop
 * with a message naming the task and the resource. The timeouts are a generous safety net around runs
 * that finish in well under a second; the bounds themselves are counts of events, not times.
 */
class HostileWorkloadTest {
	static final long MS = 1_000_000;
	static final Duration NET = Duration.ofSeconds(60);

	static SimulationException fails(String policy, Workload w, SimOptions o) {
		return assertTimeoutPreemptively(NET, () -> assertThrows(SimulationException.class,
				() -> new Simulator(TestPolicies.get(policy), Map.of(), w, o).run()));
	}

	static SimOptions opts(int cores) {
		return SimOptions.of(Topology.flat(cores), 1000 * MS, 1);
	}

	@Test
	void aLoopOfOnlyYieldsStopsByTheProgressRule() {
		SimulationException e = fails("cfs_cwc", rtapp("{'tasks': {'y': {'yield': 0}}}"), opts(2));
		// reported at the task's declaration: where the user has to change something
		assertTrue(e.getMessage().startsWith("test.json:1:17: $.tasks.y: no progress: 1000000 events at t=0ns without"
				+ " simulated time passing"), e.getMessage());
		assertTrue(e.getMessage().contains("task y keeps stepping without consuming time"), e.getMessage());
		assertTrue(e.getMessage().contains("under policy cfs_cwc"), e.getMessage());
	}

	@Test
	void zeroLengthRunsAndSleepsWithAYieldStopToo() {
		SimulationException e = fails("global_fifo", rtapp("{'tasks': {'z': {'run': 0, 'sleep': 0, 'yield': 0}}}"),
				opts(1));
		assertTrue(e.getMessage().contains("no progress") && e.getMessage().contains("task z"), e.getMessage());
		// with no yield at all the step itself loops: the per-step guard names the task
		SimulationException inner = fails("global_fifo", rtapp("{'tasks': {'z': {'run': 0, 'sleep': 0}}}"), opts(1));
		assertTrue(inner.getMessage().contains("task z executed 1000000 operations at t=0ns without consuming time"),
				inner.getMessage());
	}

	@Test
	void aYieldLoopAfterTimeHasPassedIsCaughtAtThatInstant() {
		SimulationException e = fails("cfs_cwc", rtapp("{'tasks': {'y': {'delay': 5000, 'yield': 0}, 'ok': {'loop': 1,"
				+ " 'run': 1000}}}"), opts(2));
		assertTrue(e.getMessage().contains("at t=5000000ns") && e.getMessage().contains("task y"), e.getMessage());
	}

	@Test
	void aBarrierDeadlockIsAnErrorNamingTheTaskAndTheBarrier() {
		Workload w = rtapp("{'tasks': {'a': {'loop': 2, 'barrier': 'b', 'run': 100}, 'c': {'loop': 1, 'barrier': 'b',"
				+ " 'run': 10}}}");
		SimulationException e = fails("global_fifo", w, opts(2));
		assertTrue(e.getMessage().startsWith("test.json:1:17: $.tasks.a: deadlock at t=100000ns: every remaining thread is"
				+ " blocked"), e.getMessage());
		assertTrue(e.getMessage().contains("1 thread of task a waits at barrier 'b' (1 of 2 arrived)"), e.getMessage());
	}

	@Test
	void aWaitNobodySignalsIsAnError() {
		SimulationException e = fails("global_fifo", rtapp("{'tasks': {'w': {'instance': 3, 'loop': 1, 'wait': {'ref':"
				+ " 'c'}, 'run': 100}}}"), opts(2));
		assertTrue(e.getMessage().contains("deadlock at t=0ns"), e.getMessage());
		assertTrue(e.getMessage().contains("3 threads of task w waits on condition 'c' (no signal)"), e.getMessage());
	}

	@Test
	void aLockCycleIsAnError() {
		Workload w = rtapp("{'tasks': {'a': {'loop': 1, 'lock': 'm1', 'run': 1000, 'lock1': 'm2', 'unlock': 'm2',"
				+ " 'unlock1': 'm1'}, 'b': {'loop': 1, 'lock': 'm2', 'run': 1000, 'lock1': 'm1', 'unlock': 'm1',"
				+ " 'unlock1': 'm2'}}}");
		SimulationException e = fails("global_fifo", w, opts(2));
		assertTrue(e.getMessage().contains("task a waits for mutex 'm2'") && e.getMessage().contains("task b waits for"
				+ " mutex 'm1'"), e.getMessage());
	}

	@Test
	void aSuspendNobodyResumesIsAnError() {
		SimulationException e = fails("global_fifo", rtapp("{'tasks': {'s': {'loop': 1, 'suspend': '', 'run': 10}}}"),
				opts(1));
		assertTrue(e.getMessage().contains("task s is suspended on 's' (no resume)"), e.getMessage());
	}

	@Test
	void waitersLeftWhileOthersStillRunAreNotADeadlock() {
		// the hog runs until the horizon: the waiter could still be signalled, so the run completes
		Workload w = rtapp("{'tasks': {'w': {'loop': 1, 'wait': {'ref': 'c'}}, 'hog': {'loop': -1, 'run': 1000}}}");
		new Simulator(TestPolicies.get("global_fifo"), Map.of(), w, SimOptions.of(Topology.flat(1), 10 * MS, 1)).run();
	}

	@Test
	void arrivalsThatWouldCreateMoreThreadsThanTheLimitAreRefusedBeforeAllocating() {
		Workload w = rtapp("{'tasks': {'j': {'instance': 0, 'loop': 1, 'run': 10, 'policy-sim': {'arrivals':"
				+ " {'process': 'poisson', 'rate': 1e9}}}}}");
		SimulationException e = fails("global_fifo", w, opts(8));
		assertTrue(e.getMessage().startsWith("test.json:1:82: $.tasks.j.policy-sim.arrivals: about 1.00e+09 threads of"
				+ " task 'j' would arrive in a 1s run (one every 1ns on average)"), e.getMessage());
		assertTrue(e.getMessage().contains("at most 4194304 threads"), e.getMessage());
		assertTrue(e.describe("test.json", "p.policy").startsWith("test.json:1:82:"), "no second file name in front");
	}

	@Test
	void theEventBudgetStopsARunThatNeedsMore() {
		// no one source is over the budget (9000 ticks, about 8000 program events), together they are
		Workload w = rtapp("{'tasks': {'hog': {'instance': 4, 'loop': -1, 'run': 1000}}}");
		SimulationException e = fails("global_fifo", w, opts(2).withHz(4500).withMaxEvents(10_000));
		assertTrue(e.getMessage().startsWith("the run reached its event budget of 10000 events at t="), e.getMessage());
		assertTrue(e.getMessage().contains("raise --max-events"), e.getMessage());
	}

	@Test
	void aRunWhoseTicksAloneExceedTheBudgetIsRefusedUpFront() {
		Workload w = rtapp("{'tasks': {'hog': {'loop': -1, 'run': 1000}}}");
		SimOptions o = SimOptions.of(Topology.flat(4), 1000 * MS, 1).withHz(100_000).withMaxEvents(100_000);
		SimulationException e = fails("global_fifo", w, o);
		assertTrue(e.getMessage().startsWith("4.00e+05 ticks at 100000 Hz in a 1s run on 4 cores exceed the event"
				+ " budget of 100000 events: lower --hz"), e.getMessage());
	}

	@Test
	void timersOfOneMicrosecondOnManyThreadsAreRefusedUpFront() {
		Workload w = rtapp("{'tasks': {'p': {'instance': 100000, 'loop': -1, 'run': 0, 'timer': {'ref': 'unique',"
				+ " 'period': 1}}}}");
		SimulationException e = fails("global_fifo", w, opts(8));
		assertTrue(e.getMessage().contains("4.00e+11 program events (runs, sleeps, timers) of task 'p' in a 1s run"),
				e.getMessage());
	}

	/** The longest durations rt-app's µs allow used to wrap around to a negative time: an exit at -9.2e18 ns. */
	@Test
	void durationsAsLongAsALongAllowsSaturateInsteadOfWrapping() {
		Workload w = rtapp("{'tasks': {'t': {'loop': 3, 'run': 1000, 'sleep': 9223372036854775},"
				+ " 'u': {'loop': 1, 'run': 5000, 'policy-sim': {'deadline': 9223372036854775},"
				+ " 'timer': {'ref': 'x', 'period': 4611686018427387}}}}");
		var r = assertTimeoutPreemptively(NET, () -> new Simulator(TestPolicies.get("global_fifo"), Map.of(), w,
				SimOptions.of(Topology.flat(2), 1000 * MS, 1)).run());
		assertEquals(-1, r.threads().get(0).exitedNs(), "t sleeps past the horizon: it has not exited");
		assertEquals(1 * MS, r.threads().get(0).cpuNs());
		assertEquals(-1, r.threads().get(1).exitedNs(), "u waits for its timer past the horizon");
		assertEquals(5 * MS, r.threads().get(1).cpuNs());
	}

	/**
	 * A thread still running at the horizon used to be credited nothing of its last burst: a hog with one
	 * 10 s run showed 0 ns of CPU after 1 s, and two hogs on one core, one starved, looked perfectly fair.
	 */
	@Test
	void threadsStillRunningAtTheHorizonAreCreditedTheirLastBurst() {
		Workload w = rtapp("{'tasks': {'hog': {'instance': 2, 'loop': 1, 'run': 10000000}}}");
		var r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w, SimOptions.of(Topology.flat(1), 1000 * MS, 1))
				.run();
		assertEquals(1000 * MS, r.threads().get(0).cpuNs());
		assertEquals(0, r.threads().get(1).cpuNs());
		assertEquals(0.5, org.policy.sim.metrics.Summary.of(r).jainFairness(), 1e-9, "one of two starved");
	}

	@Test
	void aPolicyBalancingBelowTheFloorIsRefused() throws Exception {
		String text = new String(HostileWorkloadTest.class.getResourceAsStream("/policies/cfs_cwc.policy").readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8).replace("on balance every 4ms", "on balance every 1ns");
		var policy = new org.policy.dsl.load.PolicyLoader().loadText("tiny.policy", text).requireNoErrors().compile();
		SimulationException e = assertThrows(SimulationException.class, () -> new Simulator(policy, Map.of(),
				rtapp("{'tasks': {'a': {'loop': 1, 'run': 10}}}"), opts(2)));
		assertTrue(e.getMessage().contains("balances every 1ns, below the simulator's shortest period of 1us"),
				e.getMessage());
	}
}
