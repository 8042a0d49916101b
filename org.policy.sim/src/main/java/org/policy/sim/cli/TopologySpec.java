package org.policy.sim.cli;

import org.policy.dsl.semantics.Topology;

/**
 * Parses {@code --topology}: {@code flat}, or comma-separated group sizes in cores per level, e.g.
 * {@code smt=2,llc=4,numa=16}; a level left out is one group of all cores.
 */
public final class TopologySpec {
	private TopologySpec() {
	}

	/** @throws IllegalArgumentException with a message meant for the user */
	public static Topology parse(String spec, int cores) {
		if (spec == null || spec.isBlank() || spec.equals("flat")) {
			return Topology.flat(cores);
		}
		int smt = 0;
		int llc = 0;
		int numa = 0;
		for (String part : spec.split(",")) {
			String[] kv = part.trim().split("=", 2);
			if (kv.length != 2) {
				throw new IllegalArgumentException("'" + part + "' is not LEVEL=SIZE (e.g. smt=2,llc=4)");
			}
			int size;
			try {
				size = Integer.parseInt(kv[1].trim());
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("group size '" + kv[1] + "' of " + kv[0] + " is not an integer");
			}
			if (size < 1 || size > cores) {
				throw new IllegalArgumentException("group size of " + kv[0] + " must be between 1 and the " + cores
						+ " cores, not " + size);
			}
			switch (kv[0].trim()) {
				case "smt" -> smt = size;
				case "llc" -> llc = size;
				case "numa" -> numa = size;
				default -> throw new IllegalArgumentException("unknown level '" + kv[0].trim() + "' (smt, llc, numa)");
			}
		}
		if ((smt > 0 && llc > 0 && llc % smt != 0) || (llc > 0 && numa > 0 && numa % llc != 0)) {
			throw new IllegalArgumentException("each level's group size must be a multiple of the inner level's: " + spec);
		}
		return Topology.of(cores, smt, llc, numa);
	}
}
