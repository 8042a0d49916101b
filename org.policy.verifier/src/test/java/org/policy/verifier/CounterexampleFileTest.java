package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Step;
import org.policy.verifier.explore.Transitions;
import org.policy.verifier.report.CounterexampleText;
import org.policy.verifier.report.RtAppWorkload;
import org.policy.workload.RtAppFile;
import org.policy.workload.RtAppReader;
import org.policy.workload.RtAppTask;
import org.policy.workload.RtAppWriter;
import org.policy.workload.SchedParams;
import org.policy.workload.VerifierRun;
import org.policy.workload.WorkloadException;

/** The counterexample file: deterministic, valid JSON, and replaying its events reproduces the violation. */
class CounterexampleFileTest {

	private static Counterexample counterexample(String policy, Property property) {
		Result r = Verifier.verify(TestPolicies.load(policy), VerifyOptions.of(property, 3, 4));
		return r.counterexample().orElseThrow();
	}

	@Test
	void sameInputsGiveTheSameTextAndBytes() {
		for (Property p : Property.values()) {
			Counterexample a = counterexample("cfs_load", p);
			Counterexample b = counterexample("cfs_load", p);
			assertEquals(CounterexampleText.render(a), CounterexampleText.render(b));
			assertEquals(RtAppWorkload.render(a), RtAppWorkload.render(b));
		}
	}

	@Test
	void replayingTheExtensionEventsReproducesTheViolation() {
		for (String name : List.of("cfs_load", "locality", "warmup_steal", "weighted_filter", "group_filter")) {
			for (Property property : Property.values()) {
				VerifyOptions options = VerifyOptions.of(property, 3, 4).withTime(List.of(5_000_000L), 20_000_000L);
				CompiledPolicy policy = TestPolicies.load(name);
				Counterexample cx = Verifier.verify(policy, options).counterexample().orElseThrow();
				replay(policy, read(RtAppWorkload.render(cx)));
			}
		}
	}

	private static RtAppFile read(String json) {
		try {
			return RtAppReader.read("cx.json", new StringReader(json));
		} catch (WorkloadException | IOException e) {
			throw new AssertionError("the counterexample file reads back: " + e.getMessage(), e);
		}
	}

	/** What a simulator does with the "policy-verifier" extension (docs/verification.md). */
	private static void replay(CompiledPolicy policy, RtAppFile file) {
		VerifierRun run = file.verifierRun();
		Interpreter in = policy.newInterpreter();
		Machine m = Explorer.initialState(policy, in, run.cores(), run.threads());
		Machine before = m.copy();
		int lastCore = -1;
		for (VerifierRun.Event e : run.events()) {
			int kind = Step.kindOf(e.kind());
			assertTrue(kind >= 0, "known event " + e.kind());
			if (kind == Step.ADVANCE) {
				m.setNow(e.now());
				continue;
			}
			assertEquals(m.now(), e.now(), "events happen at the time given");
			int core = e.core();
			int thread = e.thread();
			if (thread >= 0 && kind != Step.NEW && kind != Step.UNBLOCK) {
				assertEquals(thread, m.current(core), "the named thread is the one running");
			}
			before.copyFrom(m);
			Transitions.apply(in, m, kind, core, thread, 0, kind == Step.NEW ? inputs(file, "t" + thread) : null);
			lastCore = core;
		}
		VerifierRun.Outcome violation = run.outcome();
		assertFalse(violation.fault());
		int idle = violation.idleCore();
		if ("cwc".equals(run.property()) && in.balancePeriod() >= 0) {
			// a policy that never balances periodically is checked after every event, steal or not
			assertEquals(idle, lastCore);
			assertTrue(WorkConservation.idleWithWaitingWork(before, idle));
		}
		assertTrue(WorkConservation.idleWithWaitingWork(m, idle));
		assertFalse(WorkConservation.holds(m));
		assertEquals(violation.state(), m.toString().lines().filter(l -> !l.startsWith("now=") && !l.isBlank()).toList());
	}

	/**
	 * Thread tK's inputs: those of the rt-app task tK (priority; SCHED_DEADLINE dl-* in µs; its taskgroup's
	 * number, by first appearance, and cpu.weight), as the simulator reads them.
	 */
	private static ThreadInputs inputs(RtAppFile file, String thread) {
		RtAppTask task = file.tasks().stream().filter(t -> t.name().equals(thread)).findFirst().orElseThrow();
		SchedParams sched = task.sched();
		ThreadInputs in = sched.policy() == SchedParams.Policy.DEADLINE
				? new ThreadInputs(0, sched.dlRuntimeUs() * 1000, sched.dlDeadlineUs() * 1000, sched.dlPeriodUs() * 1000)
				: ThreadInputs.ofNice(sched.nice());
		return task.taskgroup() == null ? in
				: in.inGroup(file.groupNumber(task), file.global().groupWeight(task.taskgroup()));
	}

	/** The file gives each thread's inputs to its rt-app task: the weighted_filter counterexample replays only with them. */
	@Test
	void theTasksCarryTheThreadsInputs() {
		Counterexample cx = counterexample("weighted_filter", Property.WC);
		RtAppFile file = read(RtAppWorkload.render(cx));
		for (TraceStep s : cx.steps()) {
			if (s.event().equals("new")) {
				assertEquals(s.inputs(), inputs(file, "t" + s.thread()));
			}
		}
		assertTrue(file.tasks().stream().anyMatch(t -> t.sched().nice() == -5), "a nice -5 task");
		assertTrue(RtAppWorkload.render(cx).contains("\"priority\": -5"));
	}

	/**
	 * A thread's group becomes its task's taskgroup "/g<N>", the group's cpu.weight goes into the global
	 * extension: group_filter's counterexample (a group-1 thread beside a root one) replays only with them.
	 */
	@Test
	void theTasksCarryTheThreadsGroups() {
		Counterexample cx = counterexample("group_filter", Property.WC);
		String text = RtAppWorkload.render(cx);
		RtAppFile file = read(text);
		for (TraceStep s : cx.steps()) {
			if (s.event().equals("new")) {
				assertEquals(s.inputs(), inputs(file, "t" + s.thread()));
			}
		}
		assertTrue(cx.steps().stream().anyMatch(s -> s.inputs() != null && s.inputs().group() == 1), "a group-1 thread");
		assertTrue(text.contains("\"taskgroup\": \"/g1\""), text);
		assertTrue(text.contains("\"groups\": {\n        \"/g1\": 300\n      }"), text);
		assertEquals(List.of("/g1"), file.groups());
		assertEquals(text, RtAppWriter.text(file), "same bytes again");
		assertEquals("/g2", RtAppWorkload.groupPath(ThreadInputs.DEFAULT.inGroup(2, 5)));
		assertEquals(null, RtAppWorkload.groupPath(ThreadInputs.ofNice(3)));
	}

	/** A SCHED_DEADLINE thread becomes an rt-app SCHED_DEADLINE task with its dl-* in µs. */
	@Test
	void realTimeInputsBecomeSchedDeadlineTasks() {
		SchedParams p = RtAppWorkload.sched(new ThreadInputs(0, 1_000_000, 2_000_000, 10_000_000));
		assertEquals(SchedParams.deadline(1000, 2000, 10_000), p);
		assertEquals(SchedParams.DEFAULT, RtAppWorkload.sched(ThreadInputs.DEFAULT));
		assertEquals(SchedParams.nice(-5), RtAppWorkload.sched(ThreadInputs.ofNice(-5)));
	}

	@Test
	void theFileReadsBackToTheSameModel() {
		Counterexample cx = counterexample("locality", Property.CWC);
		assertEquals(RtAppWorkload.model(cx).verifierRun(), read(RtAppWorkload.render(cx)).verifierRun());
		assertEquals(RtAppWorkload.render(cx), RtAppWriter.text(read(RtAppWorkload.render(cx))));
	}

	@Test
	void rtAppTasksHaveRunAndSleepPhasesFromTheEvents() {
		Counterexample cx = counterexample("cfs_load", Property.WC);
		RtAppFile file = read(RtAppWorkload.render(cx));
		assertEquals(cx.threadsCreated(), file.tasks().size());
		RtAppTask t0 = file.tasks().get(0);
		assertEquals("t0", t0.name());
		assertEquals(1L, t0.loops());
		assertEquals(1000L, t0.delayUs(), "t0 is created by step 1, at 1 ms");
		assertTrue(t0.phases().size() >= 2, "t0 blocks, so it runs then sleeps: " + t0.phases());
		assertInstanceOf(org.policy.workload.Step.Run.class, t0.phases().get(0).steps().get(0));
		assertInstanceOf(org.policy.workload.Step.Sleep.class, t0.phases().get(1).steps().get(0));
		assertEquals("SCHED_OTHER", file.global().defaultPolicy());
	}

	@Test
	void writingIsAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
		Counterexample cx = counterexample("locality", Property.CWC);
		Path file = dir.resolve("cx.json");
		RtAppWorkload.write(cx, file);
		assertEquals(RtAppWorkload.render(cx), Files.readString(file));
		try (var files = Files.list(dir)) {
			assertEquals(List.of(file), files.toList());
		}
	}
}
