package org.policy.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** rt-app's scheduling keys (policy, priority, dl-runtime, dl-period, dl-deadline) become a task's inputs. */
class RtAppSchedParamsTest {

	private static RtAppFile read(String json) throws WorkloadException, IOException {
		return RtAppReader.read("w.json", new StringReader(json.replace('\'', '"')));
	}

	private static RtAppTask task(String taskBody) throws Exception {
		return read("{'tasks': {'t': {" + taskBody + "}}}").tasks().get(0);
	}

	private static String error(String json) {
		return assertThrows(WorkloadException.class, () -> read(json)).getMessage();
	}

	@Test
	void aTaskWithoutSchedulingKeysIsSchedOtherNiceZero() throws Exception {
		RtAppTask t = task("'run': 10");
		assertEquals(SchedParams.DEFAULT, t.sched());
		assertEquals(-1, t.deadlineUs());
	}

	@Test
	void priorityOfASchedOtherTaskIsItsNiceValue() throws Exception {
		assertEquals(SchedParams.nice(-5), task("'priority': -5, 'run': 10").sched());
		assertEquals(SchedParams.nice(19), task("'policy': 'SCHED_OTHER', 'priority': 19, 'run': 10").sched());
		assertEquals(SchedParams.nice(-20), task("'priority': -20, 'run': 10").sched());
		assertTrue(read("{'tasks': {'t': {'priority': 3, 'run': 10}}}").warnings().isEmpty());
	}

	@Test
	void aNiceValueOutOfRangeIsAnErrorAtItsPosition() {
		assertEquals("w.json:1:30: $.tasks.t.priority: the priority of a SCHED_OTHER task is its nice value, -20 to 19:"
				+ " 20 is out of range", error("{'tasks': {'t': {'priority': 20, 'run': 10}}}"));
		assertTrue(error("{'tasks': {'t': {'priority': -21, 'run': 10}}}").startsWith("w.json:1:30: $.tasks.t.priority:"));
		assertTrue(error("{'tasks': {'t': {'priority': 'high', 'run': 10}}}")
				.contains("$.tasks.t.priority: expected an integer"));
		assertTrue(error("{'tasks': {'t': {'priority': 1.5, 'run': 10}}}")
				.contains("$.tasks.t.priority: expected an integer"));
	}

	@Test
	void deadlineParametersAreReadInMicroseconds() throws Exception {
		RtAppTask t = task("'policy': 'SCHED_DEADLINE', 'dl-runtime': 2000, 'dl-deadline': 8000, 'dl-period': 10000,"
				+ " 'run': 10");
		assertEquals(SchedParams.deadline(2000, 8000, 10000), t.sched());
		assertEquals(8000, t.deadlineUs(), "the deadline-miss metric uses the task's deadline");
	}

	@Test
	void dlDeadlineDefaultsToThePeriodAndThePeriodToTheRuntime() throws Exception {
		assertEquals(SchedParams.deadline(2000, 10000, 10000),
				task("'policy': 'SCHED_DEADLINE', 'dl-runtime': 2000, 'dl-period': 10000, 'run': 10").sched());
		assertEquals(SchedParams.deadline(2000, 2000, 2000),
				task("'policy': 'SCHED_DEADLINE', 'dl-runtime': 2000, 'run': 10").sched());
		assertEquals(10000, task("'policy': 'SCHED_DEADLINE', 'dl-runtime': 2000, 'dl-period': 10000, 'run': 10")
				.deadlineUs());
	}

	@Test
	void theExtensionsDeadlineStillOverridesForTheMetric() throws Exception {
		RtAppTask t = task("'policy': 'SCHED_DEADLINE', 'dl-runtime': 2000, 'dl-period': 10000,"
				+ " 'policy-sim': {'deadline': 5000}, 'run': 10");
		assertEquals(5000, t.deadlineUs());
		assertEquals(10000, t.sched().dlDeadlineUs(), "the input is rt-app's");
	}

	@Test
	void dlDeadlineOfATaskThatIsNotSchedDeadlineOnlyGivesTheMetricsDeadline() throws Exception {
		RtAppFile f = read("{'tasks': {'t': {'dl-deadline': 7000, 'dl-runtime': 1000, 'run': 10}}}");
		assertEquals(7000, f.tasks().get(0).deadlineUs());
		assertEquals(SchedParams.DEFAULT, f.tasks().get(0).sched());
		assertEquals(1, f.warnings().size(), f.warnings().toString());
		assertTrue(f.warnings().get(0).startsWith("w.json:1:53: warning: $.tasks.t.dl-runtime: ignored: only a"
				+ " SCHED_DEADLINE task"), f.warnings().toString());
	}

	@Test
	void deadlineParametersAreCheckedLikeSchedSetattr() {
		assertEquals("w.json:1:28: $.tasks.t.policy: a SCHED_DEADLINE task needs \"dl-runtime\" (µs, > 0)",
				error("{'tasks': {'t': {'policy': 'SCHED_DEADLINE', 'run': 10}}}"));
		String zero = error("{'tasks': {'t': {'policy': 'SCHED_DEADLINE', 'dl-runtime': 0, 'run': 10}}}");
		assertTrue(zero.startsWith("w.json:1:60: $.tasks.t.dl-runtime: 0 is out of range [1, "), zero);
		String shortDeadline = error("{'tasks': {'t': {'policy': 'SCHED_DEADLINE', 'dl-runtime': 5000,"
				+ " 'dl-deadline': 4000, 'dl-period': 10000, 'run': 10}}}");
		assertTrue(shortDeadline.startsWith("w.json:1:81: $.tasks.t.dl-deadline: the deadline is shorter than the"
				+ " runtime: sched_setattr() needs 0 < runtime <= deadline <= period"), shortDeadline);
		String shortPeriod = error("{'tasks': {'t': {'policy': 'SCHED_DEADLINE', 'dl-runtime': 1000,"
				+ " 'dl-deadline': 4000, 'dl-period': 3000, 'run': 10}}}");
		assertTrue(shortPeriod.startsWith("w.json:1:100: $.tasks.t.dl-period: the period is shorter than the deadline"),
				shortPeriod);
		// the period defaults to the runtime: a longer deadline is then past it
		String defaulted = error("{'tasks': {'t': {'policy': 'SCHED_DEADLINE', 'dl-runtime': 1000,"
				+ " 'dl-deadline': 4000, 'run': 10}}}");
		assertTrue(defaulted.startsWith("w.json:1:81: $.tasks.t.dl-deadline: the period is shorter than the deadline")
				&& defaulted.contains("dl-period defaults to dl-runtime"), defaulted);
		String runtimeAbovePeriod = error("{'tasks': {'t': {'policy': 'SCHED_DEADLINE', 'dl-runtime': 5000,"
				+ " 'dl-period': 3000, 'run': 10}}}");
		assertTrue(runtimeAbovePeriod.startsWith("w.json:1:79: $.tasks.t.dl-period: the deadline is shorter than the"
				+ " runtime"), runtimeAbovePeriod);
	}

	@Test
	void anUnknownPolicyIsAnErrorAsInRtApp() {
		assertEquals("w.json:1:28: $.tasks.t.policy: unknown policy 'SCHED_BATCH' (rt-app's: SCHED_OTHER, SCHED_IDLE,"
				+ " SCHED_FIFO, SCHED_RR, SCHED_DEADLINE)", error("{'tasks': {'t': {'policy': 'SCHED_BATCH', 'run': 10}}}"));
		assertTrue(error("{'global': {'default_policy': 'FIFO'}, 'tasks': {'t': {'run': 10}}}")
				.startsWith("w.json:1:31: $.global.default_policy: unknown policy 'FIFO'"));
	}

	@Test
	void realTimeClassesOtherThanDeadlineAreIgnoredWithAWarningNamingWhat() throws Exception {
		RtAppFile f = read("{'tasks': {'t': {'policy': 'SCHED_FIFO', 'priority': 50, 'run': 10}}}");
		assertEquals(SchedParams.unsimulated(SchedParams.Policy.FIFO), f.tasks().get(0).sched());
		String all = String.join("\n", f.warnings());
		assertTrue(all.contains("$.tasks.t.policy: ignored: SCHED_FIFO is not simulated; the task's threads get the"
				+ " default inputs (nice 0)"), all);
		assertTrue(all.contains("$.tasks.t.priority: ignored: the priority of a SCHED_FIFO task"), all);
	}

	@Test
	void theDefaultPolicyIsTheClassOfTasksWithoutOne() throws Exception {
		RtAppFile dl = read("{'global': {'default_policy': 'SCHED_DEADLINE'}, 'tasks': {'t': {'dl-runtime': 100,"
				+ " 'run': 10}, 'u': {'policy': 'SCHED_OTHER', 'priority': 2, 'run': 10}}}");
		assertEquals(SchedParams.deadline(100, 100, 100), dl.tasks().get(0).sched());
		assertEquals(SchedParams.nice(2), dl.tasks().get(1).sched());
		assertTrue(dl.warnings().isEmpty(), dl.warnings().toString());
		RtAppFile rr = read("{'global': {'default_policy': 'SCHED_RR'}, 'tasks': {'t': {'priority': 10, 'run': 10}}}");
		assertEquals(SchedParams.unsimulated(SchedParams.Policy.RR), rr.tasks().get(0).sched());
		assertTrue(String.join("\n", rr.warnings()).contains("$.global.default_policy: ignored: SCHED_RR is not"
				+ " simulated"), rr.warnings().toString());
	}

	@Test
	void aPhasesSchedulingKeysAreWarnedAbout() throws Exception {
		RtAppFile f = read("{'tasks': {'t': {'phases': {'p': {'priority': -3, 'run': 10}}}}}");
		assertEquals(SchedParams.DEFAULT, f.tasks().get(0).sched());
		assertTrue(String.join("\n", f.warnings()).contains("$.tasks.t.phases.p.priority: ignored: a phase's scheduling"
				+ " parameters are not simulated"), f.warnings().toString());
	}

	@Test
	void theWriterWritesTheParametersBack() throws Exception {
		RtAppFile f = read("{'tasks': {'a': {'priority': -5, 'run': 10}, 'b': {'policy': 'SCHED_DEADLINE',"
				+ " 'dl-runtime': 100, 'dl-period': 1000, 'run': 10}}}");
		String text = RtAppWriter.text(f);
		assertTrue(text.contains("\"priority\": -5"), text);
		assertTrue(text.contains("\"policy\": \"SCHED_DEADLINE\",\n      \"dl-runtime\": 100,\n      \"dl-period\": 1000,\n"
				+ "      \"dl-deadline\": 1000"), text);
		RtAppFile back = read(text);
		assertEquals(f.tasks().get(0).sched(), back.tasks().get(0).sched());
		assertEquals(f.tasks().get(1).sched(), back.tasks().get(1).sched());
		assertEquals(1000, back.tasks().get(1).deadlineUs());
	}
}
