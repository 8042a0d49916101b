package org.policy.fuzz.gen;

import java.util.List;
import java.util.SplittableRandom;

/** Small helpers for random choices. */
final class Pick {
	private Pick() {
	}

	static <T> T one(SplittableRandom r, List<T> options) {
		return options.get(r.nextInt(options.size()));
	}

	@SafeVarargs
	static <T> T one(SplittableRandom r, T... options) {
		return options[r.nextInt(options.length)];
	}

	static boolean chance(SplittableRandom r, double p) {
		return r.nextDouble() < p;
	}

	/** Numbers that break things: edges of int and long, zero, negatives, more digits than a long holds. */
	static String nastyNumber(SplittableRandom r) {
		return one(r, "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
				"9223372036854775808", "-9223372036854775808", "99999999999999999999999", "007", "1e9", "0x10",
				"" + r.nextInt(), "" + r.nextLong(), "3.5", "", "NaN");
	}
}
