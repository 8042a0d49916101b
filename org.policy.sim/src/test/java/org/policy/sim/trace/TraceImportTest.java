package org.policy.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.Simulator;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.Workload;
import org.policy.workload.WorkloadException;

/** The same hand-written scenario in the three trace formats gives the same per-thread programs. */
class TraceImportTest {
	static final long US = 1000;

	static String resource(String name) throws IOException {
		try (InputStream in = TraceImportTest.class.getResourceAsStream("/traces/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static Workload read(String text, TraceImport.Format format, boolean skip) throws Exception {
		return TraceImport.read("trace.txt", new StringReader(text), format, skip);
	}

	/** cc runs 19.5ms; bash runs 0.1ms, forks, runs 0.4ms, sleeps; the child runs 3ms, sleeps 5ms, runs 2ms, exits. */
	static void assertScenario(Workload w) {
		assertEquals(List.of("cc-200", "bash-100", "bash-101"), w.tasks().stream().map(t -> t.name()).toList());
		assertEquals("0 run 19500000 -1\n1 exit 0 0\n", w.tasks().get(0).listing());
		assertEquals("0 run 100000 -1\n1 fork 2 0\n2 run 400000 -1\n3 exit 0 0\n", w.tasks().get(1).listing());
		assertEquals("0 run 3000000 -1\n1 sleep 5000000 -1\n2 run 2000000 -1\n3 exit 0 0\n", w.tasks().get(2).listing());
		assertEquals(1, w.tasks().get(0).instances());
		assertEquals(0, w.tasks().get(2).instances(), "the child is created by its parent's fork");
	}

	@Test
	void ftraceText() throws Exception {
		assertScenario(read(resource("fork-sleep.ftrace.txt"), TraceImport.Format.AUTO, false));
		assertScenario(read(resource("fork-sleep.ftrace.txt"), TraceImport.Format.FTRACE, false));
	}

	@Test
	void traceCmdReport() throws Exception {
		assertScenario(read(resource("fork-sleep.trace-cmd.txt"), TraceImport.Format.AUTO, false));
		assertScenario(read(resource("fork-sleep.trace-cmd.txt"), TraceImport.Format.TRACE_CMD, false));
	}

	@Test
	void perfSchedScript() throws Exception {
		assertScenario(read(resource("fork-sleep.perf.txt"), TraceImport.Format.AUTO, false));
		assertScenario(read(resource("fork-sleep.perf.txt"), TraceImport.Format.PERF, false));
	}

	@Test
	void replayUnderAPolicyOnAnotherCoreCount() throws Exception {
		Workload w = read(resource("fork-sleep.ftrace.txt"), TraceImport.Format.AUTO, false);
		SimResult r = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w,
				SimOptions.of(Topology.flat(2), w.durationNs(), 1)).run();
		// core 0: cc for 19.5ms; core 1: bash 0.5ms, then the child 0.5-3.5ms, sleeps to 8.5ms, runs to 10.5ms
		assertEquals(19_500 * US, r.makespanNs());
		assertEquals(10_500 * US, r.threads().get(2).exitedNs());
		assertEquals(500 * US, r.threads().get(2).createdNs() + 400 * US);
		SimResult one = new Simulator(TestPolicies.get("global_fifo"), Map.of(), w,
				SimOptions.of(Topology.flat(1), w.durationNs(), 1)).run();
		// one core, FIFO: cc 0-19.5ms, bash 19.5-20ms, the child 20-23ms, sleeps to 28ms, runs to 30ms
		assertEquals(30_000 * US, one.makespanNs(), "on one core everything waits for cc");
	}

	@Test
	void aMalformedLineIsAnErrorWithItsLineNumberOrCountedOnRequest() throws Exception {
		String text = resource("fork-sleep.ftrace.txt").replace(
				"            bash-100     [000] d..2.  1000.000500: sched_switch",
				"this is not a trace line\n            bash-100     [000] d..2.  1000.000500: sched_switch");
		WorkloadException e = assertThrows(WorkloadException.class, () -> read(text, TraceImport.Format.AUTO, false));
		assertEquals(17, e.line());
		assertTrue(e.getMessage().startsWith("trace.txt:17:1: malformed line"), e.getMessage());
		Workload w = read(text, TraceImport.Format.AUTO, true);
		assertScenario(w);
		assertTrue(w.warnings().stream().anyMatch(s -> s.contains("skipped 1 malformed line (the first at line 17)")),
				w.warnings().toString());
		String badSwitch = resource("fork-sleep.perf.txt").replace("prev_state=S ==> next_comm=cc", "prev_state=S => next_comm=cc");
		WorkloadException s = assertThrows(WorkloadException.class, () -> read(badSwitch, TraceImport.Format.PERF, false));
		assertEquals(5, s.line());
	}

	@Test
	void aTraceWithoutSchedulerEventsIsRejected() {
		WorkloadException e = assertThrows(WorkloadException.class, () -> read(
				"# tracer: nop\n bash-1 [000] ..... 1.000000: tracing_mark_write: hello\n", TraceImport.Format.AUTO, false));
		assertTrue(e.getMessage().contains("no scheduler events"), e.getMessage());
	}

	/** A sched_switch's SCHED_OTHER priority (100..139) is the thread's nice value + 120. */
	@Test
	void kernelPrioritiesGiveTheThreadsTheirNiceValues() throws Exception {
		String trace = ""
				+ "  a-10 [000] 1000.000000: sched_switch: prev_comm=a prev_pid=10 prev_prio=115 prev_state=R ==>"
				+ " next_comm=b next_pid=20 next_prio=120\n"
				+ "  b-20 [000] 1000.001000: sched_switch: prev_comm=b prev_pid=20 prev_prio=120 prev_state=R ==>"
				+ " next_comm=c next_pid=30 next_prio=49\n"
				+ "  c-30 [000] 1000.002000: sched_switch: prev_comm=c prev_pid=30 prev_prio=49 prev_state=S ==>"
				+ " next_comm=a next_pid=10 next_prio=139\n";
		Workload w = read(trace, TraceImport.Format.AUTO, false);
		java.util.Map<String, org.policy.dsl.semantics.ThreadInputs> inputs = new java.util.HashMap<>();
		for (org.policy.sim.workload.TaskProgram t : w.tasks()) {
			inputs.put(t.name(), t.inputs());
		}
		assertEquals(org.policy.dsl.semantics.ThreadInputs.ofNice(-5), inputs.get("a-10"), "first seen: 115");
		assertEquals(org.policy.dsl.semantics.ThreadInputs.DEFAULT, inputs.get("b-20"));
		assertEquals(org.policy.dsl.semantics.ThreadInputs.DEFAULT, inputs.get("c-30"), "real-time: not a nice value");
		assertTrue(String.join("\n", w.warnings()).contains("1 threads changed their nice value during the trace"),
				w.warnings().toString());
		Workload cmd = read("cpus=1\n  a-10 [000] 1000.000000: sched_switch: a:10 [105] R ==> b:20 [130]\n",
				TraceImport.Format.AUTO, false);
		assertEquals(org.policy.dsl.semantics.ThreadInputs.ofNice(-15), cmd.tasks().get(0).inputs());
		assertEquals(org.policy.dsl.semantics.ThreadInputs.ofNice(10), cmd.tasks().get(1).inputs());
	}
}
