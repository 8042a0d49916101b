package org.policy.dsl.semantics;

/**
 * Linux's nice-to-weight table (kernel/sched/core.c, sched_prio_to_weight[]): nice 0 weighs 1024 and
 * each step is about 1.25 times, so that a thread one nice level better gets about 10% more CPU than
 * its peer. The C runtime has the same table (prt.h, prt_nice_weight[]); the generator's tests compare
 * them.
 */
public final class NiceWeights {
	public static final int MIN_NICE = -20;
	public static final int MAX_NICE = 19;

	private static final long[] WEIGHTS = {
		88761, 71755, 56483, 46273, 36291,
		29154, 23254, 18705, 14949, 11916,
		9548, 7620, 6100, 4904, 3906,
		3121, 2501, 1991, 1586, 1277,
		1024, 820, 655, 526, 423,
		335, 272, 215, 172, 137,
		110, 87, 70, 56, 45,
		36, 29, 23, 18, 15,
	};

	private NiceWeights() {
	}

	/** The weight of a nice value in -20..19. */
	public static long weight(int nice) {
		return WEIGHTS[nice - MIN_NICE];
	}
}
