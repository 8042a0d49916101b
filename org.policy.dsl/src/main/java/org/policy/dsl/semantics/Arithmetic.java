package org.policy.dsl.semantics;

import org.policy.dsl.policy.Builtin;

/**
 * The language's integer operators and numeric builtins: 64-bit two's complement; division and
 * remainder by 0 give 0, and so does {@code log2} of a number below 1: like the rest of the language,
 * they are total, so that no number is a fault.
 */
final class Arithmetic {
	private Arithmetic() {
	}

	static long divide(long a, long b) {
		return b == 0 ? 0 : a / b;
	}

	static long remainder(long a, long b) {
		return b == 0 ? 0 : a % b;
	}

	static long apply(String operator, long a, long b) {
		return switch (operator) {
			case "+" -> a + b;
			case "-" -> a - b;
			case "*" -> a * b;
			case "/" -> divide(a, b);
			case "%" -> remainder(a, b);
			case "<" -> a < b ? 1 : 0;
			case "<=" -> a <= b ? 1 : 0;
			case ">" -> a > b ? 1 : 0;
			case ">=" -> a >= b ? 1 : 0;
			case "==" -> a == b ? 1 : 0;
			case "!=" -> a != b ? 1 : 0;
			case "&&" -> a != 0 && b != 0 ? 1 : 0;
			case "||" -> a != 0 || b != 0 ? 1 : 0;
			default -> throw new IllegalArgumentException("not a constant operator: " + operator);
		};
	}

	static long min(long a, long b) {
		return Math.min(a, b);
	}

	static long max(long a, long b) {
		return Math.max(a, b);
	}

	/** Linux's clamp(): min(max(x, lo), hi), so hi wins when the bounds cross. */
	static long clamp(long x, long lo, long hi) {
		return Math.min(Math.max(x, lo), hi);
	}

	/** The floor of the base-2 logarithm (Linux's ilog2()), 0 below 1. */
	static long log2(long x) {
		return x < 1 ? 0 : 63 - Long.numberOfLeadingZeros(x);
	}

	static long abs(long x) {
		return x < 0 ? -x : x;
	}

	static long builtin(Builtin builtin, long[] args) {
		return switch (builtin) {
			case ABS -> abs(args[0]);
			case MIN -> min(args[0], args[1]);
			case MAX -> max(args[0], args[1]);
			case CLAMP -> clamp(args[0], args[1], args[2]);
			case LOG2 -> log2(args[0]);
			default -> throw new IllegalArgumentException("not a numeric builtin: " + builtin);
		};
	}
}
