package org.policy.workload;

import java.util.List;
import java.util.Map;

/**
 * A JSON value as rt-app files need it: objects keep their keys in file order <em>with duplicates</em>
 * (rt-app's workgen accepts {@code "run"} twice in a phase), and every value knows where it was
 * (line, column) and its JSON path, so errors can name both.
 */
sealed interface JsonNode {
	int line();

	int column();

	String path();

	/** What the value is, for messages: "an object", "a string", ... */
	String describe();

	record Obj(List<Map.Entry<String, JsonNode>> entries, int line, int column, String path) implements JsonNode {
		@Override
		public String describe() {
			return "an object";
		}

		/** The last value of a key, or null. */
		JsonNode get(String key) {
			JsonNode found = null;
			for (Map.Entry<String, JsonNode> e : entries) {
				if (e.getKey().equals(key)) {
					found = e.getValue();
				}
			}
			return found;
		}
	}

	record Arr(List<JsonNode> items, int line, int column, String path) implements JsonNode {
		@Override
		public String describe() {
			return "an array";
		}
	}

	record Str(String value, int line, int column, String path) implements JsonNode {
		@Override
		public String describe() {
			return "a string";
		}
	}

	/**
	 * A number; {@code integral} when it was written without fraction or exponent; {@code text} as written
	 * (an integer beyond a long has {@code longValue} Long.MAX_VALUE, so messages show the text).
	 */
	record Num(double value, long longValue, boolean integral, String text, int line, int column, String path)
			implements JsonNode {
		@Override
		public String describe() {
			return "a number";
		}
	}

	record Bool(boolean value, int line, int column, String path) implements JsonNode {
		@Override
		public String describe() {
			return "a boolean";
		}
	}

	record Null(int line, int column, String path) implements JsonNode {
		@Override
		public String describe() {
			return "null";
		}
	}
}
