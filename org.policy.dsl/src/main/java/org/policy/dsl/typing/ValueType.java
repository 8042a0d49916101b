package org.policy.dsl.typing;

import org.policy.dsl.policy.Type;

/**
 * The static type of an expression. {@code INT} and {@code TIME} are both 64-bit integers and mix
 * freely (time is an integer that counts nanoseconds); {@code NONE} is the type of the {@code none}
 * literal and fits thread and core; {@code ERROR} marks an expression already reported as wrong, so
 * that one mistake yields one message.
 */
public enum ValueType {
	INT("int"), TIME("time"), BOOL("bool"), THREAD("thread"), CORE("core"),
	QUEUE("queue"), CORE_SET("core set"), LEVEL("topology level"), TABLE("table"), NONE("none"), ERROR("?");

	private final String label;

	ValueType(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The label with its article, for messages: "an int", "a core set", "none". */
	public String withArticle() {
		return switch (this) {
			case INT -> "an int";
			case NONE -> "none";
			case ERROR -> "of unknown type";
			default -> "a " + label;
		};
	}

	public boolean isNumeric() {
		return this == INT || this == TIME;
	}

	public boolean isReference() {
		return this == THREAD || this == CORE;
	}

	/** Whether a value of type {@code from} may be stored where this type is expected. */
	public boolean accepts(ValueType from) {
		if (this == ERROR || from == ERROR || this == from) {
			return true;
		}
		if (isNumeric() && from.isNumeric()) {
			return true;
		}
		return isReference() && from == NONE;
	}

	/** The element type of a collection of this type, or {@code ERROR} when it is not one. */
	public ValueType elementType() {
		return switch (this) {
			case QUEUE -> THREAD;
			case CORE_SET -> CORE;
			default -> ERROR;
		};
	}

	public static ValueType of(Type declared) {
		return switch (declared) {
			case INT -> INT;
			case TIME -> TIME;
			case BOOL -> BOOL;
			case THREAD -> THREAD;
			case CORE -> CORE;
		};
	}
}
