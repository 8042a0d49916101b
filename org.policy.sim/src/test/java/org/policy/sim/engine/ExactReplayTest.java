package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.sim.TestPolicies.rtapp;

import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.Simulation;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.RtAppFlattener;
import org.policy.sim.workload.Workload;
import org.policy.workload.WorkloadException;

/** A verifier counterexample replayed event by event (docs/verification.md, "Replaying exactly"). */
class ExactReplayTest {
	static final long MS = 1_000_000;

	/** local_only never balances: a core idles beside an overloaded one after steps 2 and 4. */
	static final String COUNTEREXAMPLE = """
			{'tasks': {'t0': {'loop': 1, 'run': 1000}, 't1': {'loop': 1, 'run': 1000}, 't2': {'loop': 1, 'run': 1000}},
			 'policy-verifier': {'format': 2, 'policy': 'local_only', 'property': 'wc', 'cores': 2, 'threads': 3,
			  'params': {}, 'step_us': 1000, 'events': [
			   {'step': 1, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't0'},
			   {'step': 2, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't1'},
			   {'step': 3, 'now': 0, 'event': 'new', 'core': 1, 'thread': 't2'},
			   {'step': 4, 'now': 0, 'event': 'block', 'core': 1, 'thread': 't2'},
			   {'step': 5, 'now': 0, 'event': 'unblock', 'core': 0, 'thread': 't2'},
			   {'step': 6, 'now': 0, 'event': 'reschedule', 'core': 1},
			   {'step': 7, 'now': 5000000, 'event': 'advance', 'by': 5000000},
			   {'step': 8, 'now': 5000000, 'event': 'tick', 'core': 0, 'thread': 't0'}]}}""";

	static Simulation.Request request(String policy, Workload w) {
		return new Simulation.Request(TestPolicies.get(policy), policy + ".policy", Map.of(), w,
				SimOptions.of(Topology.flat(8), 1000 * MS, 1), "flat");
	}

	@Test
	void theExactRunIsReplayedOneDrawnStepPerEvent() {
		Workload w = rtapp(COUNTEREXAMPLE);
		Simulation.Request request = request("local_only", w);
		assertTrue(Simulation.replaysExactly(request));
		Simulation.Outcome outcome = Simulation.run(request, Simulator.ProgressListener.NONE);
		SimResult r = outcome.result();
		assertEquals(2, r.cores(), "the counterexample's machine, not --cores");
		assertEquals(2, outcome.info().cores());
		assertEquals(8 * MS, r.endNs(), "eight steps of 1 ms");
		assertEquals(3 * MS, r.wastedCoreNs(), "after steps 2, 4 and 5 (t2 is queued on idle core 1 until step 6"
				+ " delivers core 1's reschedule), one step each");
		assertEquals(2, r.wcEpisodes());
		// core 0 runs t0 until the tick at step 8 preempts it for t1; core 1 runs t2 around its block
		String schedule = "";
		for (int i = 0; i < r.schedule().size(); i++) {
			schedule += "c" + r.schedule().core()[i] + ":t" + r.schedule().thread()[i] + "@" + r.schedule().start()[i] / MS
					+ "-" + r.schedule().end()[i] / MS + " ";
		}
		assertEquals("c1:t2@2-3 c0:t0@0-7 c0:t1@7-8 c1:t2@5-8 ", schedule);
		assertArrayEquals(new long[] { 1, 0 }, r.preemptions());
		assertArrayEquals(new long[] { MS }, r.wakeupLatencies(), "t2 runs when core 1's reschedule arrives, a step later");
	}

	/**
	 * A counterexample of a policy that reads weight: thread tK is created with the inputs of task tK
	 * (rt-app's priority), as the verifier wrote them. Under cfs_cwc on 2 cores, t0 at nice -5 makes core
	 * 0 heavier, so t2 goes to core 1 and runs there when t1 yields; at nice 0 it waits on core 0.
	 */
	@Test
	void eachThreadIsCreatedWithTheInputsOfItsTask() {
		String cx = """
				{'tasks': {'t0': {'loop': 1, 'priority': PRIO, 'run': 1000}, 't1': {'loop': 1, 'run': 1000},
				  't2': {'loop': 1, 'run': 1000}},
				 'policy-verifier': {'format': 2, 'policy': 'cfs_cwc', 'property': 'wc', 'cores': 2, 'threads': 3,
				  'params': {}, 'step_us': 1000, 'events': [
				   {'step': 1, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't0'},
				   {'step': 2, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't1'},
				   {'step': 3, 'now': 0, 'event': 'reschedule', 'core': 1},
				   {'step': 4, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't2'},
				   {'step': 5, 'now': 0, 'event': 'yield', 'core': 1, 'thread': 't1'}]}}""";
		assertTrue(schedule(cx.replace("PRIO", "-5")).contains("c1:t2@4-5"), schedule(cx.replace("PRIO", "-5")));
		assertFalse(schedule(cx.replace("PRIO", "0")).contains("c1:t2"), schedule(cx.replace("PRIO", "0")));
	}

	/**
	 * A counterexample of a policy that reads group_weight (the verifier's for group_filter): t1 is created
	 * in the group of its task's taskgroup, "/g1", with the global extension's cpu.weight 300. Core 0 runs
	 * t1 beside the waiting t0: load 400 < 2 × 300, so core 1 does not steal and stays idle. With t1 in the
	 * root group (load 200 >= 2 × 100) core 1 steals t0 and runs it.
	 */
	@Test
	void eachThreadIsCreatedInTheGroupOfItsTask() {
		String cx = """
				{'global': {'policy-sim': {'groups': {'/g1': 300}}},
				 'tasks': {'t0': {'loop': 1, 'run': 1000}, 't1': {'loop': 1, 'taskgroup': '/g1', 'run': 4000}},
				 'policy-verifier': {'format': 2, 'policy': 'group_filter', 'property': 'wc', 'cores': 2, 'threads': 2,
				  'params': {}, 'step_us': 1000, 'events': [
				   {'step': 1, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't0'},
				   {'step': 2, 'now': 0, 'event': 'block', 'core': 0, 'thread': 't0'},
				   {'step': 3, 'now': 0, 'event': 'new', 'core': 0, 'thread': 't1'},
				   {'step': 4, 'now': 0, 'event': 'unblock', 'core': 0, 'thread': 't0'},
				   {'step': 5, 'now': 0, 'event': 'balance', 'core': 0},
				   {'step': 6, 'now': 0, 'event': 'balance', 'core': 1}]}}""";
		SimResult grouped = replay(cx, "group_filter");
		assertEquals(1, grouped.threads().get(1).group());
		assertEquals(300, grouped.threads().get(1).groupWeight());
		assertEquals(0, grouped.threads().get(0).group());
		assertFalse(scheduleOf(grouped).contains("c1:"), scheduleOf(grouped));
		assertTrue(grouped.wastedCoreNs() > 0, "core 1 idles beside core 0's waiting t0");
		SimResult root = replay(cx.replace(", 'taskgroup': '/g1'", "").replace("'/g1': 300", ""), "group_filter");
		assertEquals(0, root.threads().get(1).group());
		assertTrue(scheduleOf(root).contains("c1:t0"), scheduleOf(root));
	}

	private static SimResult replay(String json, String policy) {
		Simulation.Request request = request(policy, rtapp(json));
		assertTrue(Simulation.replaysExactly(request));
		return Simulation.run(request, Simulator.ProgressListener.NONE).result();
	}

	private static String scheduleOf(SimResult r) {
		String schedule = "";
		for (int i = 0; i < r.schedule().size(); i++) {
			schedule += "c" + r.schedule().core()[i] + ":t" + r.schedule().thread()[i] + "@" + r.schedule().start()[i] / MS
					+ "-" + r.schedule().end()[i] / MS + " ";
		}
		return schedule;
	}

	private static String schedule(String json) {
		Workload w = rtapp(json);
		Simulation.Request request = new Simulation.Request(TestPolicies.library("cfs_cwc"), "cfs_cwc.policy", Map.of(),
				w, SimOptions.of(Topology.flat(8), 1000 * MS, 1), "flat");
		assertTrue(Simulation.replaysExactly(request));
		SimResult r = Simulation.run(request, Simulator.ProgressListener.NONE).result();
		String schedule = "";
		for (int i = 0; i < r.schedule().size(); i++) {
			schedule += "c" + r.schedule().core()[i] + ":t" + r.schedule().thread()[i] + "@" + r.schedule().start()[i] / MS
					+ "-" + r.schedule().end()[i] / MS + " ";
		}
		return schedule;
	}

	@Test
	void underAnotherPolicyTheTasksAreSimulatedInstead() {
		Workload w = rtapp(COUNTEREXAMPLE);
		Simulation.Request request = request("global_fifo", w);
		assertFalse(Simulation.replaysExactly(request));
		assertEquals(8, Simulation.run(request, Simulator.ProgressListener.NONE).result().cores());
	}

	@Test
	void aStepThatDoesNotFitTheStateIsTheWorkloadsError() {
		Workload w = rtapp(COUNTEREXAMPLE.replace("'event': 'block', 'core': 1", "'event': 'block', 'core': 0")
				.replace("'event': 'unblock', 'core': 0, 'thread': 't2'", "'event': 'unblock', 'core': 0, 'thread': 't1'"));
		SimulationException e = assertThrows(SimulationException.class,
				() -> Simulation.run(request("local_only", w), Simulator.ProgressListener.NONE));
		assertTrue(e.inWorkload());
		assertTrue(e.getMessage().startsWith("step 5 (unblock) does not fit the state the policy reached"), e.getMessage());
	}

	@Test
	void theExtensionIsCheckedWithFileLineAndColumn() {
		WorkloadException order = assertThrows(WorkloadException.class, () -> RtAppFlattener.read("cx.json",
				new StringReader(COUNTEREXAMPLE.replace("'core': 0, 'thread': 't1'}", "'core': 0, 'thread': 't2'}")
						.replace('\'', '"'))));
		assertTrue(order.getMessage().startsWith("cx.json:5:63: $.policy-verifier.events[1].thread: "), order.getMessage());
		assertTrue(order.getMessage().contains("creations name t0, t1, ... in order: expected t1"), order.getMessage());
		WorkloadException core = assertThrows(WorkloadException.class, () -> RtAppFlattener.read("cx.json",
				new StringReader(COUNTEREXAMPLE.replace("'event': 'tick', 'core': 0", "'event': 'tick', 'core': 2")
						.replace('\'', '"'))));
		assertTrue(core.getMessage().contains("$.policy-verifier.events[7].core"), core.getMessage());
	}
}
