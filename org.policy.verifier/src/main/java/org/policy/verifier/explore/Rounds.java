package org.policy.verifier.explore;

/**
 * The balancing rounds of the WC check (docs/verification.md, "Work conservation (WC)"): a round mark
 * has bit c set once core c has run its steal in the round under way. When every core has, the round is
 * over; WC is checked once the reschedules the round left pending are delivered, so a round whose last
 * steal leaves some pending <em>drains</em> (mark {@code full}: only deliveries happen) until none is left.
 * The explorer and the counterexample replay both step rounds through here.
 */
public final class Rounds {
	private Rounds() {
	}

	/** The round mark after a step of {@code kind} on {@code core}; 0 once the round is over. */
	public static int after(int round, int kind, int core, int full, boolean quiescent) {
		int next = kind == Step.BALANCE ? round | (1 << core) : round;
		return next == full && quiescent ? 0 : next;
	}

	/** Whether that step ends the round: every core balanced and no reschedule is pending. */
	public static boolean ends(int round, int kind, int core, int full, boolean quiescent) {
		int next = kind == Step.BALANCE ? round | (1 << core) : round;
		return (kind == Step.BALANCE || kind == Step.RESCHEDULE) && next == full && quiescent;
	}

	/** Whether a round mark is a drained-out round: only deliveries may happen. */
	public static boolean draining(int round, int full) {
		return round == full;
	}
}
