package org.policy.dsl.load;

/** How bad a {@link Diagnostic} is; the declaration order is the order of importance. */
public enum Severity {
	ERROR("error"),
	WARNING("warning"),
	INFO("info");

	private final String label;

	Severity(String label) {
		this.label = label;
	}

	/** The lowercase word printed in diagnostics: {@code error}, {@code warning}, {@code info}. */
	public String label() {
		return label;
	}
}
