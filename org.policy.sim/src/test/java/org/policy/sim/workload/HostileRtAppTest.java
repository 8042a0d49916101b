package org.policy.sim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.policy.workload.WorkloadException;

/** rt-app files that used to run out of memory, lose keys silently or give unreadable messages. */
class HostileRtAppTest {
	static Workload read(String json) throws Exception {
		return RtAppFlattener.read("w.json", new StringReader(json.replace('\'', '"')));
	}

	static String error(String json) {
		return assertThrows(WorkloadException.class, () -> read(json)).getMessage();
	}

	@Test
	void anArrivalRateAboveOnePerNanosecondIsRefusedWithItsPosition() {
		assertEquals("w.json:1:102: $.tasks.j.policy-sim.arrivals.rate: a rate of 1e15 per second is more than one"
				+ " arrival per ns (the clock's resolution): at most 1000000000",
				error("{'tasks': {'j': {'instance': 0, 'run': 10, 'policy-sim': {'arrivals': {'process': 'poisson',"
						+ " 'rate': 1e15}}}}}"));
		assertTrue(error("{'tasks': {'j': {'run': 10, 'policy-sim': {'arrivals': {'rate': 1e400}}}}}")
				.contains("a rate of 1e400 per second"), "an infinite rate");
	}

	@Test
	void arrivalsRememberWhereTheyAreDeclared() throws Exception {
		Workload w = read("{'tasks': {'j': {'run': 10, 'policy-sim': {'arrivals': {'rate': 10}}}}}");
		assertEquals("w.json:1:56: $.tasks.j.policy-sim.arrivals", w.tasks().get(0).arrivals().where());
	}

	@Test
	void anArrivalCountBeyondTheThreadLimitIsRefused() {
		assertTrue(error("{'tasks': {'j': {'run': 10, 'policy-sim': {'arrivals': {'rate': 10, 'count': 1000000000}}}}}")
				.contains("$.tasks.j.policy-sim.arrivals.count: 1000000000 is out of range [-1, 4194304]"), "count");
	}

	@Test
	void instancesAddingUpBeyondTheThreadLimitAreRefusedAtTheInstanceThatCrossesIt() {
		StringBuilder json = new StringBuilder("{'tasks': {");
		for (int i = 0; i < 5; i++) {
			json.append(i == 0 ? "" : ", ").append("'t").append(i).append("': {'instance': 1000000, 'run': 1}");
		}
		String e = error(json.append("}}").toString());
		assertTrue(e.contains("$.tasks.t4.instance: the tasks' instances add up to 5000000 threads, more than the"
				+ " 4194304 a run simulates"), e);
	}

	@Test
	void anIntegerBeyondALongIsShownAsWritten() {
		assertEquals("w.json:1:25: $.tasks.t.run: 99999999999999999999999 is out of range [0, 9223372036854775]",
				error("{'tasks': {'t': {'run': 99999999999999999999999}}}"));
	}

	@Test
	void duplicateSettingsAreRefusedButRepeatedEventsAreEvents() throws Exception {
		assertEquals("w.json:1:39: $.tasks: duplicate key \"tasks\" (first at line 1, column 11): only one would count",
				error("{'tasks': {'t': {'run': 5}}, 'tasks': {'u': {'run': 5}}}"));
		assertTrue(error("{'global': {'duration': 1, 'duration': 2}, 'tasks': {'t': {'run': 5}}}")
				.contains("$.global.duration: duplicate key \"duration\""), "global");
		assertTrue(error("{'tasks': {'t': {'loop': 1, 'run': 5, 'loop': 2}}}")
				.contains("$.tasks.t.loop: duplicate key \"loop\""), "a task's loop");
		assertTrue(error("{'tasks': {'t': {'run': 5, 'policy-sim': {'arrivals': {'rate': 1, 'rate': 2}}}}}")
				.contains("duplicate key \"rate\""), "an extension's key");
		String listing = read("{'tasks': {'t': {'loop': 1, 'run': 5, 'run': 6}}}").tasks().get(0).listing();
		assertTrue(listing.contains("1 run 5000 -1\n2 run 6000 -1\n"), listing);
	}

	@Test
	void aByteOrderMarkIsSkipped() throws Exception {
		assertEquals("t", read("\uFEFF{'tasks': {'t': {'run': 5}}}").tasks().get(0).name());
	}

	@Test
	void deepNestingIsPositionedWithAShortPath() {
		String e = error("{'tasks': {'t': {'run': 1, 'x': " + "[".repeat(5000) + "]".repeat(5000) + "}}}");
		assertTrue(e.startsWith("w.json:1:1031: $.tasks.t.x[0][0]"), e);
		assertTrue(e.contains("... (3002 characters): invalid JSON: Document nesting depth (1001) exceeds"), e);
	}

	@Test
	void wrongTypesNegativeAndEmptyAreRefused() {
		assertEquals("w.json:1:1: $: the file is empty; expected a JSON object", error(""));
		assertTrue(error("{'tasks': {'t': {'run': -5}}}").contains("$.tasks.t.run: -5 is out of range"), "negative");
		assertTrue(error("{'tasks': {'t': {'run': 'x'}}}").contains("expected an integer, found a string"), "type");
		assertTrue(error("{'tasks': {'t': {'sleep': 1.5}}}").contains("expected an integer, found 1.5"), "fraction");
		assertTrue(error("[1, 2]").contains("expected the workload (a JSON object), found an array"), "array");
	}
}
