package org.policy.generator;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * A policy the generator cannot turn into C (or output it cannot write). The message starts with
 * {@code file:line:col:} when a construct of the policy is at fault.
 */
public final class GeneratorException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public GeneratorException(String message) {
		super(message);
	}

	public GeneratorException(String message, Throwable cause) {
		super(message, cause);
	}

	/** A problem at a construct: "file:line:col: message". */
	public static GeneratorException at(EObject construct, String message) {
		return new GeneratorException(location(construct) + ": " + message);
	}

	static String location(EObject construct) {
		String file = construct.eResource() == null || construct.eResource().getURI() == null ? "policy"
				: construct.eResource().getURI().lastSegment();
		ICompositeNode node = NodeModelUtils.getNode(construct);
		if (node == null) {
			return file;
		}
		int line = node.getStartLine();
		int column = NodeModelUtils.getLineAndColumn(node, node.getOffset()).getColumn();
		return file + ":" + line + ":" + column;
	}
}
