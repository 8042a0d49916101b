package org.policy.sim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.Simulator;
import org.policy.sim.metrics.SimResult;
import org.policy.workload.WorkloadException;

class RtAppWorkloadTest {
	static Workload read(String json) throws Exception {
		return RtAppFlattener.read("w.json", new StringReader(json));
	}

	static WorkloadException error(String json) {
		return assertThrows(WorkloadException.class, () -> read(json));
	}

	/** rt-app's tutorial example 2, verbatim: comments, a unique timer, the usual global keys. */
	static final String TUTORIAL_EXAMPLE = """
			{
				/*
				 * Simple use case which creates 10% load
				 * until the use case is stopped with Ctrl+C
				 */
				"tasks" : {
					"thread0" : {
						"instance" : 1,
						"loop" : -1,
						"run" :   10000,
						"timer" : { "ref" : "unique", "period" : 100000 }
					}
				},
				"global" : {
					"duration" : 2,
					"calibration" : "CPU0",
					"default_policy" : "SCHED_OTHER",
					"pi_enabled" : false,
					"lock_pages" : false,
					"logdir" : "./",
					"log_basename" : "rt-app2",
					"ftrace" : true,
					"gnuplot" : true
				}
			}
			""";

	@Test
	void anRtAppTutorialFileRunsAndGivesTenPercentLoad() throws Exception {
		Workload w = read(TUTORIAL_EXAMPLE);
		assertEquals(2_000_000_000L, w.durationNs());
		assertEquals(1, w.tasks().size());
		assertTrue(w.warnings().stream().anyMatch(s -> s.contains("$.global.calibration") && s.contains("w.json:")),
				w.warnings().toString());
		SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w,
				SimOptions.of(Topology.flat(1), w.durationNs(), 1)).run();
		assertEquals(0.1, (double) r.busyNs()[0] / r.endNs(), 1e-9);
	}

	@Test
	void repeatedKeysAndWorkgenIndexedKeysAreEventsInFileOrder() throws Exception {
		Workload w = read("{\"tasks\": {\"t\": {\"loop\": 1, \"run\": 10, \"sleep\": 20, \"run\": 30, \"sleep1\": 40}}}");
		TaskProgram p = w.tasks().get(0);
		String listing = p.listing();
		assertTrue(listing.contains("1 run 10000 -1\n2 sleep 20000 -1\n3 run 30000 -1\n4 sleep 40000 -1\n"), listing);
	}

	@Test
	void phasesLoopAndTheThreadLoops() throws Exception {
		Workload w = read("""
				{"tasks": {"t": {"loop": 2, "phases": {
					"a": {"loop": 3, "run": 1000, "sleep": 1000},
					"b": {"run": 5000}
				}}}}""");
		SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w,
				SimOptions.of(Topology.flat(1), 1_000_000_000L, 1)).run();
		// per thread loop: 3 x (1ms run + 1ms sleep) + 5ms run = 11ms; twice = 22ms
		assertEquals(22_000_000L, r.makespanNs());
		assertEquals(16_000_000L, r.threads().get(0).cpuNs());
	}

	@Test
	void syntaxErrorsNameFileLineAndColumn() {
		WorkloadException e = error("{\n  \"tasks\": {\n    \"t\": {\"run\": 10,, }\n  }\n}");
		assertEquals(3, e.line());
		assertTrue(e.getMessage().startsWith("w.json:3:") && e.getMessage().contains(": $.tasks.t.run: invalid JSON"),
				e.getMessage());
	}

	@Test
	void badValuesNameTheJsonPath() {
		WorkloadException e = error("{\"tasks\": {\"t\": {\"loop\": 1,\n \"run\": \"ten\"}}}");
		assertEquals("w.json:2:9: $.tasks.t.run: expected an integer, found a string", e.getMessage());
		WorkloadException neg = error("{\"tasks\": {\"t\": {\"sleep\": -5}}}");
		assertTrue(neg.getMessage().contains("$.tasks.t.sleep: -5 is out of range"), neg.getMessage());
		WorkloadException fork = error("{\"tasks\": {\"t\": {\"run\": 1, \"fork\": \"nobody\"}}}");
		assertTrue(fork.getMessage().contains("$.tasks.t.fork: fork of unknown task 'nobody' (tasks: t)"), fork.getMessage());
		WorkloadException missing = error("{\"global\": {}}");
		assertTrue(missing.getMessage().contains("missing \"tasks\""), missing.getMessage());
		WorkloadException dist = error("{\"tasks\": {\"t\": {\"run\": 1, \"policy-sim\": {\"distribution\": {\"run\": {\"type\": \"gamma\"}}}}}}");
		assertTrue(dist.getMessage().contains("$.tasks.t.policy-sim.distribution.run.type: unknown distribution 'gamma'"),
				dist.getMessage());
		WorkloadException ext = error("{\"tasks\": {\"t\": {\"run\": 1, \"policy-sim\": {\"arivals\": {}}}}}");
		assertTrue(ext.getMessage().contains("unknown key of the policy-sim extension"), ext.getMessage());
	}

	@Test
	void whatCannotBeSimulatedIsWarnedAboutNotSilentlyDropped() throws Exception {
		Workload w = read("{\"tasks\": {\"t\": {\"util_min\": 100, \"cpus\": [0], \"loop\": 1, \"lock\": \"m\", \"run\": 10,"
				+ " \"unlock\": \"m\", \"mem\": 100, \"frobnicate\": 1}}, \"resources\": {}}");
		String all = String.join("\n", w.warnings());
		for (String path : new String[] { "$.tasks.t.util_min", "$.tasks.t.mem", "$.tasks.t.frobnicate",
				"$.resources" }) {
			assertTrue(all.contains(path), path + " in\n" + all);
		}
		assertTrue(!all.contains("$.tasks.t.cpus"), "cpus are simulated (the threads' affinity): " + all);
		assertEquals("0", w.tasks().get(0).inputs().affinity().toString());
		assertTrue(!all.contains("$.tasks.t.lock") && !all.contains("$.tasks.t.unlock"), "mutexes are simulated: " + all);
		assertEquals(List.of("m"), w.mutexes());
	}

	/** A wait with a mutex is pthread_cond_wait: release the mutex, wait, take it again. */
	@Test
	void aWaitWithAMutexReleasesItWaitsAndRetakesIt() throws Exception {
		Workload w = read("{\"tasks\": {\"t\": {\"loop\": 1, \"lock\": \"m\","
				+ " \"wait\": {\"ref\": \"c\", \"mutex\": \"m\"}, \"unlock\": \"m\", \"run\": 10}}}");
		TaskProgram p = w.tasks().get(0);
		List<String> ops = new java.util.ArrayList<>();
		for (int i = 0; i < p.length(); i++) {
			ops.add(Op.name(p.ops()[i]));
		}
		String program = String.join(" ", ops);
		assertTrue(program.contains("lock unlock wait lock unlock run"), program);
	}

	@Test
	void aTaskThatMayBlockOnAMutexIsNotCpuBound() throws Exception {
		Workload w = read("{\"tasks\": {\"spin\": {\"run\": 100}, \"locker\": {\"lock\": \"m\", \"run\": 100,"
				+ " \"unlock\": \"m\"}, \"late\": {\"delay\": 5, \"run\": 100}}}");
		assertEquals(List.of(true, false, false), w.tasks().stream().map(TaskProgram::cpuBound).toList(),
				"only a program without a step that may block (StepKind.blocks) counts for fairness");
	}

	@Test
	void everyBuiltInWorkloadLoadsAndRunsOnEightCores() throws Exception {
		for (String name : Workloads.BUILTIN) {
			Workload w = Workloads.builtin(name);
			assertNotNull(w);
			assertTrue(w.warnings().isEmpty(), name + ": " + w.warnings());
			SimResult r = new Simulator(TestPolicies.get("cfs_cwc"), Map.of(), w,
					SimOptions.of(Topology.flat(8), 200_000_000L, 1)).run();
			assertTrue(r.events() > 100, name + " events " + r.events());
			long busy = 0;
			for (long b : r.busyNs()) {
				busy += b;
			}
			assertTrue(busy > 0, name);
		}
	}

	@Test
	void unknownWorkloadNameListsTheBuiltIns() {
		var e = assertThrows(org.policy.sim.io.UnreadableInputException.class, () -> Workloads.load("no-such-thing"));
		assertTrue(e.getMessage().contains("mixed, cpu-bound, io-bound, hackbench, periodic, group-imbalance"), e.getMessage());
	}

	@Test
	void poissonArrivalsNeedARateOrAGap() throws IOException {
		WorkloadException e = error("{\"tasks\": {\"t\": {\"instance\": 0, \"run\": 1, \"policy-sim\": {\"arrivals\": {\"count\": 3}}}}}");
		assertTrue(e.getMessage().contains("exactly one of \"rate\""), e.getMessage());
	}
}
