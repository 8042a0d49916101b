package org.policy.fuzz;

/**
 * Something an input did that the promise forbids.
 *
 * @param category a stable class of failure: {@code <kind>/<what>/<signature>}, e.g.
 *                 {@code policy/exception/StackOverflowError} or {@code cli/exit3/simulate}; findings of
 *                 one class are one defect as far as triage goes
 * @param detail   what exactly happened (first lines of a message, the offending output line)
 */
public record Finding(String category, String detail) {
	@Override
	public String toString() {
		return category + ": " + detail;
	}
}
