package org.policy.dsl.ide.outline;

import java.util.List;
import org.eclipse.emf.ecore.EObject;

/**
 * One entry of a policy's outline: a label ({@code slice}, {@code on block(t)}), a detail ({@code time},
 * {@code every 4ms}), its kind, where it is in the text (the whole declaration, and the part to select:
 * its name or its header) and its entries.
 */
public record OutlineNode(String label, String detail, OutlineKind kind, EObject element, int offset, int length,
		int selectionOffset, int selectionLength, List<OutlineNode> children) {
}
