package org.policy.verifier;

/** Durations as the language writes them: 4ms, 250us, 1s, 7ns. */
public final class Durations {
	private Durations() {
	}

	/** The largest exact unit: 4000000 → "4ms", 1500 → "1500ns". */
	public static String format(long ns) {
		if (ns != 0 && ns % 1_000_000_000L == 0) {
			return ns / 1_000_000_000L + "s";
		}
		if (ns != 0 && ns % 1_000_000L == 0) {
			return ns / 1_000_000L + "ms";
		}
		if (ns != 0 && ns % 1_000L == 0) {
			return ns / 1_000L + "us";
		}
		return ns + "ns";
	}

	/**
	 * Parses a duration with unit (ns, us, ms, s) or a plain number of ns.
	 *
	 * @throws IllegalArgumentException with the text, if it is not one
	 */
	public static long parse(String text) {
		String t = text.trim();
		long unit = 1;
		String digits = t;
		if (t.endsWith("ns")) {
			digits = t.substring(0, t.length() - 2);
		} else if (t.endsWith("us")) {
			digits = t.substring(0, t.length() - 2);
			unit = 1_000L;
		} else if (t.endsWith("ms")) {
			digits = t.substring(0, t.length() - 2);
			unit = 1_000_000L;
		} else if (t.endsWith("s")) {
			digits = t.substring(0, t.length() - 1);
			unit = 1_000_000_000L;
		}
		try {
			return Math.multiplyExact(Long.parseLong(digits), unit);
		} catch (NumberFormatException | ArithmeticException e) {
			throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 4ms, 250us, 1s)");
		}
	}
}
