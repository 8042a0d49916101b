package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.Summary;
import org.policy.sim.workload.Workload;

/** Small runs whose schedule is worked out by hand. Times in ns; rt-app durations in µs. */
class SimulatorTest {
	static final long MS = 1_000_000;

	static SimResult run(String policy, int cores, Workload w, SimOptions o) {
		return new Simulator(TestPolicies.get(policy), Map.of(), w, o).run();
	}

	static SimOptions opts(int cores) {
		return SimOptions.of(Topology.flat(cores), 1000 * MS, 1);
	}

	@Test
	void twoCpuBoundThreadsOnOneCoreUnderFifoRunBackToBack() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 2, 'loop': 1, 'run': 10000}}}");
		SimResult r = run("global_fifo", 1, w, opts(1));
		assertEquals(20 * MS, r.makespanNs());
		assertEquals(20 * MS, r.endNs());
		assertEquals(20 * MS, r.busyNs()[0]);
		assertEquals(2, r.contextSwitches()[0]);
		assertEquals(0, r.preemptions()[0]);
		assertEquals(10 * MS, r.threads().get(0).exitedNs());
		assertEquals(20 * MS, r.threads().get(1).exitedNs());
		assertEquals(10 * MS, r.threads().get(1).cpuNs());
		assertEquals(0, r.wastedCoreNs());
	}

	@Test
	void contextSwitchCostDelaysProgressButCountsAsBusy() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 2, 'loop': 1, 'run': 10000}}}");
		SimResult r = run("global_fifo", 1, w, opts(1).withContextSwitch(100_000));
		assertEquals(20 * MS + 200_000, r.makespanNs());
		assertEquals(r.makespanNs(), r.busyNs()[0]);
		assertEquals(10 * MS, r.threads().get(0).cpuNs());
	}

	@Test
	void sleepBlocksAndTheWakeupIsMeasured() {
		Workload w = rtapp("{'tasks': {'a': {'loop': 1, 'run': 1000, 'sleep': 2000, 'run1': 1000}}}");
		SimResult r = run("global_fifo", 1, w, opts(1));
		assertEquals(4 * MS, r.makespanNs());
		assertEquals(2 * MS, r.busyNs()[0]);
		assertArrayEquals(new long[] { 0 }, r.wakeupLatencies());
	}

	/**
	 * A core that ran nothing starts its thread an idle exit latency later: the thread's progress, the core's
	 * busy time and the wakeup latency start then. A switch between threads of a busy core pays nothing.
	 */
	@Test
	void aCoreThatRanNothingStartsItsThreadAnIdleExitLatencyLater() {
		long exit = 300_000;
		Workload sleeper = rtapp("{'tasks': {'a': {'loop': 1, 'run': 1000, 'sleep': 2000, 'run1': 1000}}}");
		SimResult r = run("global_fifo", 1, sleeper, opts(1).withIdleExitLatency(exit));
		// starts at 0.3ms, runs to 1.3ms, sleeps to 3.3ms, the idle core is awake at 3.6ms, runs to 4.6ms
		assertEquals(4 * MS + 2 * exit, r.makespanNs());
		assertEquals(2 * MS, r.busyNs()[0]);
		assertArrayEquals(new long[] { exit }, r.wakeupLatencies());
		Workload backToBack = rtapp("{'tasks': {'a': {'instance': 2, 'loop': 1, 'run': 10000}}}");
		SimResult busy = run("global_fifo", 1, backToBack, opts(1).withIdleExitLatency(exit));
		assertEquals(20 * MS + exit, busy.makespanNs(), "only the first start is from idle");
		assertEquals(20 * MS, busy.busyNs()[0]);
	}

	@Test
	void aWokenThreadWaitsForTheBusyCore() {
		// b sleeps 1ms, wakes while a runs its 5ms burst on the only core: latency 4ms under FIFO
		Workload w = rtapp("{'tasks': {'a': {'loop': 1, 'run': 5000}, 'b': {'loop': 1, 'delay': 0, 'sleep': 1000, 'run': 1000}}}");
		SimResult r = run("global_fifo", 1, w, opts(1));
		// t0 (a) runs 0-5ms; t1 (b) dispatched at 5ms executes its sleep (zero time), sleeps to 6ms, runs to 7ms
		assertEquals(7 * MS, r.makespanNs());
		assertArrayEquals(new long[] { 0 }, r.wakeupLatencies());
	}

	@Test
	void roundRobinTickPreemptsAndAccountsRemainingRunTime() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 2, 'loop': 1, 'run': 3000}}}");
		SimResult r = run("rr_one", 1, w, opts(1).withHz(1000));
		// 1ms slices: t0 t1 t0 t1 t0 t1; the tick at 5ms finds t0 already exited (its step came first)
		assertEquals(6 * MS, r.makespanNs());
		assertEquals(5 * MS, r.threads().get(0).exitedNs());
		assertEquals(4, r.preemptions()[0]);
		assertEquals(6, r.contextSwitches()[0]);
		assertEquals(3 * MS, r.threads().get(0).cpuNs());
		assertEquals(3 * MS, r.threads().get(1).cpuNs());
		assertEquals(6, r.schedule().size());
	}

	@Test
	void aPolicyThatStrandsWorkOnOneCoreWastesTheOtherCore() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 2, 'loop': 1, 'run': 10000}}}");
		SimResult r = run("local_only", 2, w, opts(2));
		// both threads stay on core 0 (4ms quantum at HZ 250): t0 0-4, t1 4-8, t0 8-12, t1 12-16, t0 16-18, t1 18-20
		assertEquals(20 * MS, r.makespanNs());
		assertEquals(18 * MS, r.wastedCoreNs(), "core 1 idles while core 0 holds two runnable threads");
		assertEquals(1, r.wcEpisodes());
		assertEquals(0, r.busyNs()[1]);
		SimResult fifo = run("global_fifo", 2, w, opts(2));
		assertEquals(10 * MS, fifo.makespanNs());
		assertEquals(0, fifo.wastedCoreNs());
	}

	@Test
	void periodicTimerFollowsRtAppSemanticsAndCountsDeadlineMisses() {
		Workload w = rtapp("{'tasks': {'p': {'loop': 5, 'run': 1000, 'timer': {'ref': 'unique', 'period': 10000},"
				+ " 'policy-sim': {'deadline': 2000}}}}");
		SimResult r = run("global_fifo", 1, w, opts(1));
		assertEquals(50 * MS, r.makespanNs(), "five periods, the last one waited out");
		assertEquals(5 * MS, r.busyNs()[0]);
		assertEquals(5, r.deadlineJobs());
		assertEquals(0, r.deadlineMisses());
		// a competing 15ms CPU hog on the single non-preemptive core makes the first job late
		Workload late = rtapp("{'tasks': {'hog': {'loop': 1, 'run': 15000}, 'p': {'loop': 5, 'run': 1000,"
				+ " 'timer': {'ref': 'unique', 'period': 10000}, 'policy-sim': {'deadline': 2000}}}}");
		SimResult r2 = run("global_fifo", 1, late, opts(1));
		assertTrue(r2.deadlineMisses() >= 1, "missed: " + r2.deadlineMisses());
	}

	@Test
	void forkCreatesAChildOnTheParentsCore() {
		Workload w = rtapp("{'tasks': {'parent': {'loop': 1, 'run': 1000, 'fork': 'child', 'run1': 1000},"
				+ " 'child': {'instance': 0, 'loop': 1, 'run': 3000}}}");
		SimResult r = run("global_fifo", 2, w, opts(2));
		assertEquals(2, r.threads().size());
		assertEquals("child", r.threads().get(1).task());
		assertEquals(MS, r.threads().get(1).createdNs());
		assertEquals(4 * MS, r.makespanNs());
	}

	@Test
	void barrierReleasesEveryoneWhenTheLastArrives() {
		Workload w = rtapp("{'tasks': {'fast': {'loop': 1, 'run': 1000, 'barrier': 'b', 'run1': 1000},"
				+ " 'slow': {'loop': 1, 'run': 5000, 'barrier': 'b', 'run1': 1000}}}");
		SimResult r = run("global_fifo", 2, w, opts(2));
		assertEquals(6 * MS, r.threads().get(0).exitedNs(), "fast waits for slow at 5ms");
		assertEquals(6 * MS, r.makespanNs());
	}

	@Test
	void suspendAndResumeHandOffWork() {
		Workload w = rtapp("{'tasks': {'server': {'loop': 2, 'suspend': '', 'run': 1000},"
				+ " 'client': {'loop': 2, 'run': 2000, 'resume': 'server', 'sleep': 5000}}}");
		SimResult r = run("global_fifo", 2, w, opts(2));
		// client resumes server at 2ms and 9ms; server runs 1ms each time
		assertEquals(10 * MS, r.threads().get(0).exitedNs());
		assertArrayEquals(new long[] { 0, 0, 0, 0 }, r.wakeupLatencies(), "two resumes of server, two wakeups of client");
		assertEquals(14 * MS, r.makespanNs(), "the client's last sleep ends at 14ms");
	}

	/** Both tasks want the mutex for 2 ms three times: the critical sections alternate, never overlap. */
	@Test
	void aMutexSerialisesCriticalSectionsHandingOverInLockOrder() {
		Workload w = rtapp("{'tasks': {'a': {'loop': 3, 'lock': 'm', 'run': 2000, 'unlock': 'm'},"
				+ " 'b': {'loop': 3, 'lock': 'm', 'run': 2000, 'unlock': 'm'}}}");
		SimResult r = run("global_fifo", 2, w, opts(2));
		assertEquals(10 * MS, r.threads().get(0).exitedNs(), "a holds it at 0-2, 4-6, 8-10 ms");
		assertEquals(12 * MS, r.makespanNs(), "b at 2-4, 6-8, 10-12 ms");
		Workload free = rtapp("{'tasks': {'a': {'loop': 3, 'run': 2000}, 'b': {'loop': 3, 'run': 2000}}}");
		assertEquals(6 * MS, run("global_fifo", 2, free, opts(2)).makespanNs(), "without the mutex they overlap");
	}

	/** The consumer waits under the mutex; the producer can take it to signal, so nothing deadlocks. */
	@Test
	void aConditionWaitReleasesItsMutexUntilSignalled() {
		Workload w = rtapp("{'tasks': {'consumer': {'loop': 1, 'lock': 'm', 'wait': {'ref': 'c', 'mutex': 'm'},"
				+ " 'unlock': 'm', 'run': 1000},"
				+ " 'producer': {'loop': 1, 'run': 2000, 'lock': 'm', 'signal': 'c', 'unlock': 'm', 'run1': 1000}}}");
		SimResult r = run("global_fifo", 2, w, opts(2));
		assertEquals(3 * MS, r.threads().get(0).exitedNs(), "woken at 2 ms, then runs 1 ms");
		assertEquals(3 * MS, r.makespanNs());
	}

	@Test
	void unlockingAMutexNotHeldIsAnErrorThatNamesTheTaskAndTheMutex() {
		Workload w = rtapp("{'tasks': {'a': {'loop': 1, 'run': 1000, 'unlock': 'm'}}}");
		SimulationException e = assertThrows(SimulationException.class, () -> run("global_fifo", 1, w, opts(1)));
		assertTrue(e.getMessage().contains("task a") && e.getMessage().contains("'m', which it does not hold"),
				e.getMessage());
		Workload waits = rtapp("{'tasks': {'a': {'loop': 1, 'wait': {'ref': 'c', 'mutex': 'm'}}}}");
		e = assertThrows(SimulationException.class, () -> run("global_fifo", 1, waits, opts(1)));
		assertTrue(e.getMessage().contains("lock it before the wait"), e.getMessage());
		Workload twice = rtapp("{'tasks': {'a': {'loop': 1, 'lock': 'm', 'lock1': 'm'}}}");
		e = assertThrows(SimulationException.class, () -> run("global_fifo", 1, twice, opts(1)));
		assertTrue(e.getMessage().contains("already holds"), e.getMessage());
	}

	@Test
	void sameSeedSameRunDifferentSeedDifferentRun() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 6, 'loop': 50, 'run': 2000, 'sleep': 3000,"
				+ " 'policy-sim': {'distribution': {'run': {'type': 'exponential'}, 'sleep': {'type': 'uniform', 'spread': 0.5}}}}}}");
		SimResult a = run("cfs_cwc", 2, w, SimOptions.of(Topology.flat(2), 1000 * MS, 7));
		SimResult b = run("cfs_cwc", 2, w, SimOptions.of(Topology.flat(2), 1000 * MS, 7));
		SimResult c = run("cfs_cwc", 2, w, SimOptions.of(Topology.flat(2), 1000 * MS, 8));
		assertEquals(a.makespanNs(), b.makespanNs());
		assertArrayEquals(a.wakeupLatencies(), b.wakeupLatencies());
		assertArrayEquals(a.schedule().start(), b.schedule().start());
		assertTrue(a.makespanNs() != c.makespanNs(), "another seed draws other durations");
	}

	@Test
	void unknownParameterIsRejectedWithItsName() {
		Workload w = rtapp("{'tasks': {'a': {'loop': 1, 'run': 1000}}}");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new Simulator(TestPolicies.get("cfs_cwc"), Map.of("slise", 5L), w, opts(1)));
		assertTrue(e.getMessage().contains("slise") && e.getMessage().contains("slice"), e.getMessage());
	}

	@Test
	void aLoopThatNeverConsumesTimeIsReported() {
		Workload w = rtapp("{'tasks': {'a': {'loop': -1, 'signal': 'x'}}}");
		SimulationException e = assertThrows(SimulationException.class, () -> run("global_fifo", 1, w, opts(1)));
		assertTrue(e.getMessage().contains("without consuming time"), e.getMessage());
	}

	@Test
	void utilisationBucketsAddUpToBusyTime() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 3, 'loop': 20, 'run': 3000, 'sleep': 1000}}}");
		SimResult r = run("cfs_cwc", 2, w, SimOptions.of(Topology.flat(2), 1000 * MS, 1));
		for (int c = 0; c < 2; c++) {
			long sum = 0;
			for (long b : r.busyBuckets()[c]) {
				sum += b;
				assertTrue(b <= r.bucketNs());
			}
			assertEquals(r.busyNs()[c], sum);
		}
		Summary s = Summary.of(r);
		assertTrue(s.meanUtilisation() > 0.5 && s.meanUtilisation() <= 1.0, "mean " + s.meanUtilisation());
		assertEquals(3 * 20 * 3 * MS, r.threads().stream().mapToLong(t -> t.cpuNs()).sum());
	}

	@Test
	void ticksKeepComingWhileAThreadRunsSoCfsSharesTheCore() {
		Workload w = rtapp("{'tasks': {'a': {'instance': 2, 'loop': -1, 'run': 100000}}}");
		SimResult r = run("cfs_cwc", 1, w, SimOptions.of(Topology.flat(1), 1000 * MS, 1));
		// slice 4ms, ticks every 4ms: after the first switch at 8ms a thread runs until it is more than a
		// slice ahead of the other, which the 4ms tick grid makes 16ms: 1 + (1000-8)/16 = 63 preemptions
		assertEquals(1000 * MS, r.endNs());
		assertEquals(-1, r.makespanNs());
		assertEquals(63, r.preemptions()[0]);
		long a = r.threads().get(0).cpuNs();
		long b = r.threads().get(1).cpuNs();
		assertEquals(1000 * MS, a + b);
		assertTrue(Math.abs(a - b) <= 16 * MS, a + " vs " + b);
		assertTrue(Summary.of(r).jainFairness() > 0.999);
	}
}
