package org.policy.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Affinity;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadInputs;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.verifier.explore.Explorer;
import org.policy.verifier.explore.Step;
import org.policy.verifier.explore.Transitions;
import org.policy.verifier.report.RtAppWorkload;
import org.policy.workload.RtAppReader;
import org.policy.workload.VerifierRun;

/**
 * The rt-app file of a counterexample with a pinned thread: the pinned thread's task has rt-app's own
 * {@code "cpus": [N]} (an array of CPU numbers, at task level), the others none, and replaying the exact
 * run with those affinities reproduces the violation.
 */
class AffinityCounterexampleFileTest {

	private static Counterexample counterexample(Property property) {
		return Verifier.verify(TestPolicies.load("rr_affinity_blind"), VerifyOptions.of(property, 3, 5)).counterexample()
				.orElseThrow();
	}

	@Test
	void aPinnedThreadsTaskHasRtAppsCpusAndTheOthersNone() throws IOException {
		Counterexample cx = counterexample(Property.WC);
		String json = RtAppWorkload.render(cx);
		Map<String, List<Integer>> cpus = taskCpus(json);
		List<String> tasks = new ArrayList<>();
		for (TraceStep s : cx.steps()) {
			if (s.event().equals("new")) {
				String name = "t" + s.thread();
				tasks.add(name);
				Affinity a = s.inputs().affinity();
				List<Integer> expected = new ArrayList<>();
				for (int c = 0; c < cx.cores() && !a.isAll(); c++) {
					if (a.allows(c)) {
						expected.add(c);
					}
				}
				assertEquals(expected.isEmpty() ? null : expected, cpus.get(name), name + " in\n" + json);
			}
		}
		assertEquals(1, cpus.size(), "one pinned thread: " + cpus);
		assertEquals(List.of(List.of(0)), List.copyOf(cpus.values()), "pinned to core 0 (the decoy victim)");
		assertEquals(RtAppWorkload.render(cx), json, "same bytes again");
		assertEquals(List.of(), RtAppWorkload.cpus(ThreadInputs.DEFAULT, 4));
		assertEquals(List.of(1, 3), RtAppWorkload.cpus(ThreadInputs.DEFAULT.withAffinity(Affinity.parse("1,3")), 4));
		assertEquals(List.of(), RtAppWorkload.cpus(ThreadInputs.DEFAULT.withAffinity(Affinity.parse("0-3")), 4),
				"every core of the machine is no restriction");
	}

	@Test
	void replayingTheEventsWithTheTasksCpusReproducesTheViolation() throws Exception {
		for (Property property : Property.values()) {
			Counterexample cx = counterexample(property);
			String json = RtAppWorkload.render(cx);
			Map<String, List<Integer>> cpus = taskCpus(json);
			VerifierRun run = RtAppReader.read("cx.json", new StringReader(json)).verifierRun();
			CompiledPolicy policy = TestPolicies.load("rr_affinity_blind");
			Interpreter in = policy.newInterpreter();
			Machine m = Explorer.initialState(policy, in, run.cores(), run.threads());
			for (VerifierRun.Event e : run.events()) {
				int kind = Step.kindOf(e.kind());
				ThreadInputs inputs = ThreadInputs.DEFAULT;
				List<Integer> allowed = cpus.get("t" + e.thread());
				if (kind == Step.NEW && allowed != null) {
					inputs = inputs.withAffinity(Affinity.of(allowed.stream().mapToInt(Integer::intValue).toArray()));
				}
				Transitions.apply(in, m, kind, e.core(), e.thread(), 0, inputs);
			}
			int idle = run.outcome().idleCore();
			assertTrue(WorkConservation.idleWithWaitingWork(m, idle), property + ":\n" + m);
			assertEquals(run.outcome().state(), m.toString().lines().filter(l -> !l.startsWith("now=")).toList());
			assertTrue(m.hasRestrictedAffinity());
		}
	}

	@Test
	void withoutRestrictedThreadsNoTaskHasCpus() throws IOException {
		Counterexample cx = Verifier.verify(TestPolicies.load("locality"), VerifyOptions.of(Property.WC, 3, 4))
				.counterexample().orElseThrow();
		String json = RtAppWorkload.render(cx);
		assertEquals(Map.of(), taskCpus(json));
		assertFalse(json.contains("\"cpus\""), json);
	}

	/** Each task's {@code cpus} array, by task name, read with a plain JSON parser (not the project's reader). */
	private static Map<String, List<Integer>> taskCpus(String json) throws IOException {
		Map<String, List<Integer>> out = new TreeMap<>();
		try (JsonParser p = new JsonFactory().createParser(json)) {
			assertEquals(JsonToken.START_OBJECT, p.nextToken());
			while (p.nextToken() == JsonToken.FIELD_NAME) {
				String key = p.getCurrentName();
				p.nextToken();
				if (!key.equals("tasks")) {
					p.skipChildren();
					continue;
				}
				while (p.nextToken() == JsonToken.FIELD_NAME) {
					String task = p.getCurrentName();
					assertEquals(JsonToken.START_OBJECT, p.nextToken());
					while (p.nextToken() == JsonToken.FIELD_NAME) {
						String field = p.getCurrentName();
						JsonToken value = p.nextToken();
						if (field.equals("cpus")) {
							assertEquals(JsonToken.START_ARRAY, value, "cpus is an array");
							List<Integer> list = new ArrayList<>();
							while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
								list.add(p.getIntValue());
							}
							assertEquals(JsonToken.END_ARRAY, p.currentToken(), "an array of CPU numbers");
							out.put(task, list);
						} else {
							p.skipChildren();
						}
					}
				}
			}
		}
		return out;
	}
}
