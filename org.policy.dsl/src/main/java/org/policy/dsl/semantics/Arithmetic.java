package org.policy.dsl.semantics;

/** The language's integer operators: 64-bit two's complement; division and remainder by 0 give 0. */
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
}
