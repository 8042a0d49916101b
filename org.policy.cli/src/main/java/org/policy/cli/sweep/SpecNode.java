package org.policy.cli.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON value that remembers where it was written. Jackson's tree model drops locations, so
 * {@link SpecTree} builds this one: every message about a SPEC can then name the value's line and column.
 */
public sealed interface SpecNode {

	/** Where a value starts in its file. */
	record Position(String file, int line, int column) {
		@Override
		public String toString() {
			return file + ":" + line + ":" + column;
		}
	}

	Position at();

	/** A string, number or boolean, as its text ({@code 4ms}, {@code 12}, {@code true}). */
	record Scalar(Position at, String text, boolean number, boolean bool) implements SpecNode {
	}

	record Sequence(Position at, List<SpecNode> items) implements SpecNode {
	}

	/** Keys in file order; {@code keys} holds each key's own position, for "unknown key" messages. */
	record Mapping(Position at, Map<String, SpecNode> values, Map<String, Position> keys) implements SpecNode {
		Mapping(Position at) {
			this(at, new LinkedHashMap<>(), new LinkedHashMap<>());
		}
	}

	/** {@code null} in the file. */
	record Null(Position at) implements SpecNode {
	}

	/** What a message calls this kind of value. */
	default String kind() {
		if (this instanceof Scalar s) {
			return s.number() ? "a number" : s.bool() ? "a boolean" : "a string";
		}
		return this instanceof Sequence ? "a list" : this instanceof Mapping ? "a mapping" : "null";
	}
}
