package org.policy.verifier;

import java.util.Locale;

/**
 * Which affinities the explored threads may have (docs/verification.md, "Affinity"); the command line's
 * {@code --affinity}.
 */
public enum AffinityMode {
	/**
	 * {@link #PINNED} for a policy that calls {@code affinity(t)}, {@link #ALL} for one that never does: a
	 * policy that never reads a thread's affinity cannot respect it, and would only fault.
	 */
	AUTO,
	/** Every thread may run on every core. */
	ALL,
	/** A created thread may run on every core or be pinned to one, within the bound on pinned threads. */
	PINNED;

	/** The name used on the command line: auto, all, pinned. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The mode named {@code id} (case-insensitive), or null. */
	public static AffinityMode of(String id) {
		for (AffinityMode m : values()) {
			if (m.id().equals(id.toLowerCase(Locale.ROOT))) {
				return m;
			}
		}
		return null;
	}
}
