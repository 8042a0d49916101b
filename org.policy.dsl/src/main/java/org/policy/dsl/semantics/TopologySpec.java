package org.policy.dsl.semantics;

import java.util.List;

/**
 * Parses {@code --topology}: {@code flat}, or comma-separated group sizes in cores per level, e.g.
 * {@code smt=2,llc=4,numa=16}; a level left out is one group of all cores (smt: no SMT).
 *
 * <p>Groups are runs of consecutive cores, so a valid spec describes a real machine: every size
 * divides the core count (8 cores cannot be cut into SMT groups of 3), each level's size is a multiple
 * of the level inside it (an LLC holds whole SMT cores, a node whole LLCs), and each level is given
 * once.
 */
public final class TopologySpec {
	private static final List<String> LEVELS = List.of("smt", "llc", "numa");

	private TopologySpec() {
	}

	/** @throws IllegalArgumentException with a message meant for the user */
	public static Topology parse(String spec, int cores) {
		if (spec == null || spec.isBlank() || spec.strip().equals("flat")) {
			return Topology.flat(cores);
		}
		int[] size = new int[LEVELS.size()];
		for (String part : spec.split(",", -1)) {
			String[] kv = part.trim().split("=", 2);
			if (kv.length != 2 || kv[0].isBlank()) {
				throw new IllegalArgumentException("'" + part.trim() + "' is not LEVEL=SIZE (e.g. smt=2,llc=4), nor flat");
			}
			String name = kv[0].trim();
			int level = LEVELS.indexOf(name);
			if (level < 0) {
				throw new IllegalArgumentException("unknown level '" + name + "' (smt, llc, numa)");
			}
			if (size[level] != 0) {
				throw new IllegalArgumentException("level " + name + " is given twice");
			}
			int n;
			try {
				n = Integer.parseInt(kv[1].trim());
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("group size '" + kv[1].trim() + "' of " + name + " is not an integer");
			}
			if (n < 1 || n > cores) {
				throw new IllegalArgumentException("group size of " + name + " must be between 1 and the " + cores
						+ " cores, not " + n);
			}
			if (cores % n != 0) {
				throw new IllegalArgumentException(name + "=" + n + " does not divide the " + cores + " cores into equal"
						+ " groups (use a divisor of " + cores + ", or change --cores)");
			}
			size[level] = n;
		}
		// the effective size of each level: smt 1 when left out, llc and numa all cores
		int[] effective = { size[0] == 0 ? 1 : size[0], size[1] == 0 ? cores : size[1], size[2] == 0 ? cores : size[2] };
		for (int level = 1; level < LEVELS.size(); level++) {
			if (effective[level] % effective[level - 1] != 0) {
				throw new IllegalArgumentException(LEVELS.get(level) + (size[level] == 0 ? " (left out: all " + cores + " cores)"
						: "=" + size[level]) + " is not a multiple of " + LEVELS.get(level - 1)
						+ (size[level - 1] == 0 ? " (left out: all " + cores + " cores)" : "=" + size[level - 1])
						+ ": each level's groups must hold whole groups of the level inside it");
			}
		}
		return Topology.of(cores, size[0], size[1], size[2]);
	}
}
