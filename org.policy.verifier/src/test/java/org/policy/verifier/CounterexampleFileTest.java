package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Step;
import org.policy.verifier.explore.Transitions;
import org.policy.verifier.report.CounterexampleText;
import org.policy.verifier.report.RtAppWorkload;

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
		for (String name : List.of("cfs_load", "locality", "warmup_steal")) {
			for (Property property : Property.values()) {
				VerifyOptions options = VerifyOptions.of(property, 3, 4).withTime(List.of(5_000_000L), 20_000_000L);
				CompiledPolicy policy = TestPolicies.load(name);
				Counterexample cx = Verifier.verify(policy, options).counterexample().orElseThrow();
				Map<String, Object> json = MiniJson.parseObject(RtAppWorkload.render(cx));
				replay(policy, json);
			}
		}
	}

	/** What a simulator does with the "policy-verifier" extension (docs/verification.md). */
	@SuppressWarnings("unchecked")
	private static void replay(CompiledPolicy policy, Map<String, Object> json) {
		Map<String, Object> ext = (Map<String, Object>) json.get("policy-verifier");
		int cores = ((Long) ext.get("cores")).intValue();
		int threads = ((Long) ext.get("threads")).intValue();
		Interpreter in = policy.newInterpreter();
		Machine m = Explorer.initialState(policy, in, cores, threads);
		Machine before = m.copy();
		List<Object> events = (List<Object>) ext.get("events");
		int lastCore = -1;
		for (Object o : events) {
			Map<String, Object> e = (Map<String, Object>) o;
			int kind = Step.kindOf((String) e.get("event"));
			assertTrue(kind >= 0, "known event " + e.get("event"));
			long now = (Long) e.get("now");
			if (kind == Step.ADVANCE) {
				m.setNow(now);
				continue;
			}
			assertEquals(m.now(), now, "events happen at the time given");
			int core = ((Long) e.get("core")).intValue();
			int thread = -1;
			if (e.containsKey("thread")) {
				thread = Integer.parseInt(((String) e.get("thread")).substring(1));
				if (kind != Step.NEW && kind != Step.UNBLOCK) {
					assertEquals(thread, m.current(core), "the named thread is the one running");
				}
			}
			before.copyFrom(m);
			Transitions.apply(in, m, kind, core, thread, 0);
			lastCore = core;
		}
		Map<String, Object> violation = (Map<String, Object>) ext.get("violation");
		int idle = ((Long) violation.get("idle_core")).intValue();
		if ("cwc".equals(ext.get("property")) && in.balancePeriod() >= 0) {
			// a policy that never balances periodically is checked after every event, steal or not
			assertEquals(idle, lastCore);
			assertTrue(WorkConservation.idleWithWaitingWork(before, idle));
		}
		assertTrue(WorkConservation.idleWithWaitingWork(m, idle));
		assertFalse(WorkConservation.holds(m));
		List<Object> state = (List<Object>) violation.get("state");
		assertEquals(state.size(), m.toString().lines().filter(l -> !l.startsWith("now=")).count());
	}

	@Test
	void rtAppTasksHaveRunAndSleepPhasesFromTheEvents() {
		Counterexample cx = counterexample("cfs_load", Property.WC);
		Map<String, Object> json = MiniJson.parseObject(RtAppWorkload.render(cx));
		@SuppressWarnings("unchecked")
		Map<String, Object> tasks = (Map<String, Object>) json.get("tasks");
		assertEquals(cx.threadsCreated(), tasks.size());
		@SuppressWarnings("unchecked")
		Map<String, Object> t0 = (Map<String, Object>) tasks.get("t0");
		assertEquals(1L, t0.get("loop"));
		assertEquals(1000L, t0.get("delay"), "t0 is created by step 1, at 1 ms");
		@SuppressWarnings("unchecked")
		Map<String, Object> phases = (Map<String, Object>) t0.get("phases");
		assertTrue(phases.size() >= 2, "t0 blocks, so it runs then sleeps: " + phases);
		assertTrue(((Map<?, ?>) phases.get("p1")).containsKey("run"));
		assertTrue(((Map<?, ?>) phases.get("p2")).containsKey("sleep"));
		assertTrue(json.containsKey("global"));
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
