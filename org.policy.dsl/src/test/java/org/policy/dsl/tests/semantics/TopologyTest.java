package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;

class TopologyTest {
	private static final int SMT = Topology.levelId("smt");
	private static final int LLC = Topology.levelId("llc");
	private static final int NUMA = Topology.levelId("numa");
	private static final int MACHINE = Topology.levelId("machine");

	@Test
	void domainsListTheCoresOfEachGroupInIncreasingId() {
		Topology t = Topology.of(8, 2, 4, 0);
		assertArrayEquals(new int[] { 2, 3 }, t.domain(SMT, 3));
		assertArrayEquals(new int[] { 4, 5, 6, 7 }, t.domain(LLC, 5));
		assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5, 6, 7 }, t.domain(MACHINE, 0));
		for (int level = 0; level < Topology.LEVELS.size(); level++) {
			for (int a = 0; a < 8; a++) {
				for (int b = 0; b < 8; b++) {
					boolean listed = java.util.Arrays.stream(t.domain(level, a)).anyMatch(c -> c == 3);
					assertTrue(b != 3 || listed == t.sameDomain(level, a, 3));
				}
			}
		}
	}

	/** The steal skips a level whose domain is the one below it; it recognises it by identity. */
	@Test
	void aLevelWithTheSameCoresAsTheLevelBelowSharesItsDomain() {
		Topology flat = Topology.flat(8);
		assertSame(flat.domain(LLC, 5), flat.domain(NUMA, 5));
		assertSame(flat.domain(NUMA, 5), flat.domain(MACHINE, 5));
		assertNotSame(flat.domain(SMT, 5), flat.domain(LLC, 5));
		Topology split = Topology.of(8, 2, 4, 0);
		assertNotSame(split.domain(LLC, 5), split.domain(NUMA, 5));
		assertSame(split.domain(NUMA, 5), split.domain(MACHINE, 5));
	}
}
