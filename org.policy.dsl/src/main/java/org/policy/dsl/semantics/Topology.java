package org.policy.dsl.semantics;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a machine groups its cores per topology level: {@code smt}, {@code llc}, {@code numa},
 * {@code machine}, innermost first. Group sizes are in cores. A machine without SMT has one core per
 * {@code smt} group; a machine that does not split its cache or memory has one {@code llc} and one
 * {@code numa} group holding every core; {@code machine} always holds every core. Immutable.
 */
public final class Topology {
	/** The level names the language knows, innermost first; their index is a level's id. */
	public static final List<String> LEVELS = List.of("smt", "llc", "numa", "machine");
	/** The id of the {@code machine} level, whose one domain holds every core. */
	public static final int MACHINE = 3;

	private final int cores;
	private final int[][] groupOf;
	/** Per level and core: the cores of its domain at that level, in increasing id (a steal visits only these). */
	private final int[][][] members;

	private Topology(int cores, int[] groupSizes) {
		if (cores < 1) {
			throw new IllegalArgumentException("a machine needs at least one core");
		}
		this.cores = cores;
		this.groupOf = new int[LEVELS.size()][cores];
		for (int level = 0; level < LEVELS.size(); level++) {
			int size = groupSizes[level];
			for (int c = 0; c < cores; c++) {
				groupOf[level][c] = size <= 0 ? 0 : c / size;
			}
		}
		this.members = new int[LEVELS.size()][cores][];
		for (int level = 0; level < LEVELS.size(); level++) {
			int[] row = groupOf[level];
			for (int c = 0; c < cores; c++) {
				if (members[level][c] == null) {
					// groups are runs of consecutive cores: one array per group, shared by its members
					int group = row[c];
					int[] domain = IntStream.range(0, cores).filter(o -> row[o] == group).toArray();
					if (level > 0 && Arrays.equals(domain, members[level - 1][c])) {
						domain = members[level - 1][c];
					}
					for (int member : domain) {
						members[level][member] = domain;
					}
				}
			}
		}
	}

	/** No SMT, one cache, one node: each core alone at {@code smt}, all together above. */
	public static Topology flat(int cores) {
		return of(cores, 1, 0, 0);
	}

	/**
	 * Groups of consecutive cores: {@code smt} cores share a physical core, {@code llc} a last-level
	 * cache, {@code numa} a node. A size of 0 means "all cores"; an smt size of 0 or 1 means no SMT.
	 */
	public static Topology of(int cores, int smt, int llc, int numa) {
		return new Topology(cores, new int[] { Math.max(1, smt), llc, numa, 0 });
	}

	public int cores() {
		return cores;
	}

	public static int levelId(String name) {
		return LEVELS.indexOf(name);
	}

	public boolean sameDomain(int level, int a, int b) {
		return groupOf[level][a] == groupOf[level][b];
	}

	/**
	 * The cores that share {@code core}'s domain at {@code level} (itself included), in increasing id.
	 * The array is shared: do not modify it. When a level groups {@code core} with the same cores as the
	 * level below it, both return the same array, so callers can tell equal domains by identity.
	 */
	public int[] domain(int level, int core) {
		return members[level][core];
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Topology t && t.cores == cores && Arrays.deepEquals(t.groupOf, groupOf);
	}

	@Override
	public int hashCode() {
		return 31 * cores + Arrays.deepHashCode(groupOf);
	}
}
