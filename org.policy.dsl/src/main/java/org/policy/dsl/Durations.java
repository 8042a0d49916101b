package org.policy.dsl;

/**
 * Durations as users write them on command lines and in workloads: {@code 10s}, {@code 1.5ms},
 * {@code 250us}, {@code 100ns}; a unit is required. One parser for every tool.
 */
public final class Durations {
	private Durations() {
	}

	/**
	 * @return nanoseconds
	 * @throws IllegalArgumentException with a message meant for the user
	 */
	public static long parse(String text) {
		String s = text.trim();
		int i = 0;
		while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
			i++;
		}
		if (i == 0) {
			throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 10s, 250ms, 50us, 100ns)");
		}
		String unit = s.substring(i);
		long scale = switch (unit) {
			case "ns" -> 1L;
			case "us", "µs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "" -> throw new IllegalArgumentException("'" + text + "' needs a unit: ns, us, ms or s (e.g. 250ms)");
			default -> throw new IllegalArgumentException("'" + text + "' is not a duration: '" + unit
					+ "' is not a unit (ns, us, ms or s, e.g. 250ms)");
		};
		double value;
		try {
			value = Double.parseDouble(s.substring(0, i));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 10s, 250ms)");
		}
		double ns = value * scale;
		if (ns > Long.MAX_VALUE / 2) {
			throw new IllegalArgumentException("'" + text + "' is too long");
		}
		return Math.round(ns);
	}

	/** A readable form: the largest unit that keeps the value whole, e.g. 4000000 → 4ms. */
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
}
