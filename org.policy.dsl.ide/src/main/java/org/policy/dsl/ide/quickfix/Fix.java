package org.policy.dsl.ide.quickfix;

import java.util.Comparator;
import java.util.List;

/** A quick fix: what the user picks ({@code label}) and the edits it makes to the document. */
public record Fix(String label, List<Edit> edits) {

	/**
	 * Applies the edits to {@code text}. Edits never overlap; they are applied from the end of the
	 * document backwards so that their offsets stay valid.
	 */
	public String applyTo(String text) {
		StringBuilder result = new StringBuilder(text);
		edits.stream().sorted(Comparator.comparingInt(Edit::offset).reversed())
				.forEach(e -> result.replace(e.offset(), e.offset() + e.length(), e.text()));
		return result.toString();
	}
}
