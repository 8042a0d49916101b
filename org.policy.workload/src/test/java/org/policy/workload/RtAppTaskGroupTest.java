package org.policy.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rt-app's {@code taskgroup} (a cgroup path) is a task's group; the global {@code policy-sim} extension's
 * {@code groups} gives the groups' cpu.weight (docs/workloads.md, "Task groups").
 */
class RtAppTaskGroupTest {

	private static RtAppFile read(String json) throws WorkloadException, IOException {
		return RtAppReader.read("w.json", new StringReader(json.replace('\'', '"')));
	}

	private static String error(String json) {
		return assertThrows(WorkloadException.class, () -> read(json)).getMessage();
	}

	@Test
	void groupsAreNumberedInOrderOfFirstAppearanceAndTheRootIsZero() throws Exception {
		RtAppFile f = read("{'global': {'policy-sim': {'groups': {'/a': 300, '/b': 7}}},"
				+ " 'tasks': {'r': {'run': 1}, 'x': {'taskgroup': '/b', 'run': 1}, 's': {'taskgroup': '/', 'run': 1},"
				+ " 'y': {'taskgroup': '/a', 'run': 1}, 'z': {'taskgroup': '/b', 'run': 1}}}");
		assertEquals(List.of("/b", "/a"), f.groups());
		assertEquals(List.of(0, 1, 0, 2, 1), f.tasks().stream().map(f::groupNumber).toList());
		assertNull(f.tasks().get(2).taskgroup(), "\"/\" is the root group");
		assertEquals(Map.of("/a", 300, "/b", 7), f.global().groupWeights());
		assertEquals(300, f.global().groupWeight("/a"));
		assertEquals(100, f.global().groupWeight("/c"), "the default cpu.weight");
		assertEquals(100, f.global().groupWeight(RtAppTask.ROOT_GROUP));
		assertTrue(f.warnings().isEmpty(), f.warnings().toString());
	}

	@Test
	void aGroupWithoutAWeightHasTheDefault() throws Exception {
		RtAppFile f = read("{'tasks': {'x': {'taskgroup': '/tg1', 'run': 1}}}");
		assertEquals(List.of("/tg1"), f.groups());
		assertEquals(100, f.global().groupWeight("/tg1"));
		assertTrue(f.warnings().isEmpty(), f.warnings().toString());
	}

	@Test
	void aWeightForAGroupNoTaskUsesIsAWarningAtItsPosition() throws Exception {
		RtAppFile f = read("{'global': {'policy-sim': {'groups': {'/a': 300, '/zz': 5}}},\n"
				+ "'tasks': {'x': {'taskgroup': '/a', 'run': 1}}}");
		assertEquals(List.of("w.json:1:57: warning: $.global.policy-sim.groups./zz: ignored: no task has taskgroup"
				+ " \"/zz\""), f.warnings());
	}

	@Test
	void weightsOutOfRangeAreErrorsAtTheirPosition() {
		assertEquals("w.json:1:45: $.global.policy-sim.groups./a: cpu.weight 0 is out of range: it is 1 to 10000"
				+ " (default 100)", error("{'global': {'policy-sim': {'groups': {'/a': 0}}}, 'tasks': {'x': {'run': 1}}}"));
		assertTrue(error("{'global': {'policy-sim': {'groups': {'/a': 10001}}}, 'tasks': {'x': {'run': 1}}}")
				.startsWith("w.json:1:45: $.global.policy-sim.groups./a: cpu.weight 10001 is out of range"));
		assertTrue(error("{'global': {'policy-sim': {'groups': {'/a': 1.5}}}, 'tasks': {'x': {'run': 1}}}")
				.startsWith("w.json:1:45: $.global.policy-sim.groups./a: a group's cpu.weight is an integer"));
		assertTrue(error("{'global': {'policy-sim': {'groups': {'/a': '300'}}}, 'tasks': {'x': {'run': 1}}}")
				.startsWith("w.json:1:45: $.global.policy-sim.groups./a: a group's cpu.weight is an integer"));
	}

	@Test
	void badPathsAndUnknownKeysAreErrorsAtTheirPosition() {
		assertTrue(error("{'global': {'policy-sim': {'groups': {'tg1': 3}}}, 'tasks': {'x': {'run': 1}}}")
				.startsWith("w.json:1:46: $.global.policy-sim.groups.tg1: 'tg1' is not a task group's path"));
		assertTrue(error("{'global': {'policy-sim': {'groups': {'/': 3}}}, 'tasks': {'x': {'run': 1}}}")
				.startsWith("w.json:1:44: $.global.policy-sim.groups./: the root group has no cpu.weight"));
		assertEquals("w.json:1:37: $.global.policy-sim.group: unknown key of the policy-sim extension (global has:"
				+ " seed, groups)", error("{'global': {'policy-sim': {'group': {'/a': 3}}}, 'tasks': {'x': {'run': 1}}}"));
		assertTrue(error("{'global': {'policy-sim': {'groups': [1]}}, 'tasks': {'x': {'run': 1}}}")
				.startsWith("w.json:1:38: $.global.policy-sim.groups: expected groups (a JSON object)"));
		assertEquals("w.json:1:31: $.tasks.x.taskgroup: a taskgroup is a cgroup path such as \"/tg1\" (\"/\": the root"
				+ " group), not 'tg1'", error("{'tasks': {'x': {'taskgroup': 'tg1', 'run': 1}}}"));
		assertTrue(error("{'tasks': {'x': {'taskgroup': 3, 'run': 1}}}")
				.startsWith("w.json:1:31: $.tasks.x.taskgroup: expected a string"));
	}

	@Test
	void aPhasesTaskgroupIsIgnoredWithAWarning() throws Exception {
		RtAppFile f = read("{'tasks': {'x': {'taskgroup': '/a', 'phases': {'p': {'taskgroup': '/b', 'run': 1}}}}}");
		assertEquals(List.of("/a"), f.groups());
		assertEquals(1, f.warnings().size());
		assertTrue(f.warnings().get(0).contains("$.tasks.x.phases.p.taskgroup: ignored: a phase's taskgroup"),
				f.warnings().toString());
	}

	@Test
	void theWriterWritesGroupsBack() throws Exception {
		String text = "{'global': {'policy-sim': {'seed': 1, 'groups': {'/b': 300, '/a': 5}}},"
				+ " 'tasks': {'x': {'taskgroup': '/b', 'run': 1}, 'y': {'taskgroup': '/a', 'run': 1}}}";
		String written = RtAppWriter.text(read(text));
		assertTrue(written.contains("\"groups\": {\n        \"/a\": 5,\n        \"/b\": 300\n      }"), written);
		assertTrue(written.contains("\"taskgroup\": \"/b\""), written);
		RtAppFile back = RtAppReader.read("w.json", new StringReader(written));
		assertEquals(List.of("/b", "/a"), back.groups());
		assertEquals(Map.of("/a", 5, "/b", 300), back.global().groupWeights());
	}
}
