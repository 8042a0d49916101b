package org.policy.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rt-app's {@code cpus} (doc/tutorial.txt, "CPUs affinity"): a task's gives its threads' affinity, a
 * phase's replaces it while the phase runs, and a phase without one has the task's again.
 */
class RtAppCpusTest {

	private static RtAppFile read(String json) throws WorkloadException, IOException {
		return RtAppReader.read("w.json", new StringReader(json.replace('\'', '"')));
	}

	private static String error(String json) {
		return assertThrows(WorkloadException.class, () -> read(json)).getMessage();
	}

	@Test
	void aTasksCpusAreASetWithTheirPosition() throws Exception {
		RtAppFile f = read("{'tasks': {'t': {'cpus': [3, 1, 2, 3], 'run': 10}, 'u': {'run': 10}}}");
		RtAppTask t = f.tasks().get(0);
		assertEquals(List.of(1, 2, 3), t.cpus().cpus());
		assertEquals("1-3", t.cpus().cpulist());
		assertEquals("w.json:1:26: $.tasks.t.cpus", t.cpus().where());
		assertNull(f.tasks().get(1).cpus(), "no cpus: every CPU");
		assertTrue(f.warnings().isEmpty(), f.warnings().toString());
		assertTrue(!t.changesAffinity(), "inline events: one phase, the task's cpus");
	}

	/** The tutorial's own example: phase3 has no cpus of its own and inherits the task's. */
	@Test
	void aPhaseWithoutCpusHasTheTasks() throws Exception {
		RtAppFile f = read("{'tasks': {'thread2': {'cpus': [4, 5, 6], 'phases': {"
				+ "'phase1': {'cpus': [0, 1], 'run': 10, 'sleep': 10},"
				+ " 'phase2': {'cpus': [2], 'run': 10, 'sleep': 10},"
				+ " 'phase3': {'run': 10, 'sleep': 10}}}}}");
		RtAppTask t = f.tasks().get(0);
		assertEquals(List.of("0-1", "2", "4-6"), t.phases().stream().map(p -> t.cpus(p).cpulist()).toList());
		assertTrue(t.changesAffinity());
		assertTrue(f.warnings().isEmpty(), f.warnings().toString());
	}

	@Test
	void withoutTaskCpusAPhaseWithoutCpusMayRunEverywhere() throws Exception {
		RtAppTask t = read("{'tasks': {'t': {'phases': {'a': {'cpus': [1], 'run': 10}, 'b': {'run': 10}}}}}").tasks()
				.get(0);
		assertEquals(List.of(1), t.cpus(t.phases().get(0)).cpus());
		assertNull(t.cpus(t.phases().get(1)));
	}

	@Test
	void badCpusAreErrorsAtTheirPosition() {
		assertEquals("w.json:1:26: $.tasks.t.cpus: expected an array of CPU numbers such as [0, 2], found a number",
				error("{'tasks': {'t': {'cpus': 2, 'run': 10}}}"));
		assertEquals("w.json:1:26: $.tasks.t.cpus: an empty CPU list allows no CPU (sched_setaffinity() refuses it):"
				+ " list at least one, such as [0]", error("{'tasks': {'t': {'cpus': [], 'run': 10}}}"));
		assertEquals("w.json:1:30: $.tasks.t.cpus[1]: a CPU number is an integer, found 1.5",
				error("{'tasks': {'t': {'cpus': [0, 1.5], 'run': 10}}}"));
		assertEquals("w.json:1:27: $.tasks.t.cpus[0]: a CPU number is an integer, found a string",
				error("{'tasks': {'t': {'cpus': ['1'], 'run': 10}}}"));
		assertEquals("w.json:1:27: $.tasks.t.cpus[0]: CPU -1 is negative: CPUs are numbered from 0",
				error("{'tasks': {'t': {'cpus': [-1], 'run': 10}}}"));
		assertEquals("w.json:1:27: $.tasks.t.cpus[0]: CPU 8192 is beyond the CPUs Linux numbers (0 to 8191)",
				error("{'tasks': {'t': {'cpus': [8192], 'run': 10}}}"));
		assertEquals("w.json:1:43: $.tasks.t.phases.p.cpus: expected an array of CPU numbers such as [0, 2], found a"
				+ " string", error("{'tasks': {'t': {'phases': {'p': {'cpus': '0-3', 'run': 10}}}}}"));
		assertTrue(error("{'tasks': {'t': {'cpus': [0], 'cpus': [1], 'run': 10}}}")
				.startsWith("w.json:1:39: $.tasks.t.cpus: duplicate key \"cpus\""));
	}

	@Test
	void theWriterWritesThemBack() throws Exception {
		RtAppFile f = read("{'tasks': {'t': {'cpus': [2, 0], 'phases': {'a': {'cpus': [1], 'run': 10},"
				+ " 'b': {'run': 10}}}}}");
		RtAppFile back = read(RtAppWriter.text(f));
		assertEquals(f.tasks().get(0).cpus(), back.tasks().get(0).cpus());
		assertEquals(f.tasks().get(0).phases(), back.tasks().get(0).phases());
	}
}
