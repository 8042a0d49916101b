package org.policy.dsl.ide.hover;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The documentation of a declaration is the comment written right above it: a run of {@code //} lines or
 * one {@code /* ... *}{@code /} block, with no blank line between it and the declaration. Without one, a
 * {@code //} comment at the end of the declaration's last line counts. Policy authors write plain
 * {@code //} comments (see the library), so Xtext's default, which reads only {@code /** ... *}{@code /},
 * would find nothing.
 */
public class PolicyDocumentation implements IEObjectDocumentationProvider {

	@Override
	public String getDocumentation(EObject element) {
		ICompositeNode node = NodeModelUtils.getNode(element);
		if (node == null) {
			return null;
		}
		List<ILeafNode> leaves = new ArrayList<>();
		node.getRootNode().getLeafNodes().forEach(leaves::add);
		int first = firstTokenIndex(leaves, node);
		if (first < 0) {
			return null;
		}
		String above = commentAbove(leaves, first);
		if (above != null) {
			return above;
		}
		return commentAtEndOfLine(leaves, lastTokenIndex(leaves, node));
	}

	private static int firstTokenIndex(List<ILeafNode> leaves, ICompositeNode node) {
		for (int i = 0; i < leaves.size(); i++) {
			ILeafNode leaf = leaves.get(i);
			if (!leaf.isHidden() && leaf.getOffset() >= node.getOffset()) {
				return i;
			}
		}
		return -1;
	}

	private static int lastTokenIndex(List<ILeafNode> leaves, ICompositeNode node) {
		int end = node.getOffset() + node.getLength();
		for (int i = leaves.size() - 1; i >= 0; i--) {
			ILeafNode leaf = leaves.get(i);
			if (!leaf.isHidden() && leaf.getEndOffset() <= end) {
				return i;
			}
		}
		return -1;
	}

	private static String commentAbove(List<ILeafNode> leaves, int firstToken) {
		Deque<String> lines = new ArrayDeque<>();
		int line = leaves.get(firstToken).getStartLine();
		for (int i = firstToken - 1; i >= 0 && leaves.get(i).isHidden(); i--) {
			ILeafNode leaf = leaves.get(i);
			if (!isComment(leaf)) {
				continue;
			}
			int commentEnd = lastLine(leaf);
			if (commentEnd < line - 1 || followsCode(leaves, i)) {
				break; // a blank line in between, or the comment ends a line of code: not ours
			}
			lines.addFirst(commentText(leaf.getText()));
			line = leaf.getStartLine();
		}
		return lines.isEmpty() ? null : String.join("\n", lines).strip();
	}

	/** The line a comment's text ends on ({@code //} comments include their line break). */
	private static int lastLine(ILeafNode comment) {
		return comment.getText().endsWith("\n") ? comment.getEndLine() - 1 : comment.getEndLine();
	}

	/** Whether a code token precedes the hidden leaf at {@code index} on its line. */
	private static boolean followsCode(List<ILeafNode> leaves, int index) {
		int line = leaves.get(index).getStartLine();
		for (int i = index - 1; i >= 0; i--) {
			ILeafNode leaf = leaves.get(i);
			if (!leaf.isHidden()) {
				return leaf.getEndLine() == line;
			}
		}
		return false;
	}

	private static String commentAtEndOfLine(List<ILeafNode> leaves, int lastToken) {
		if (lastToken < 0) {
			return null;
		}
		int line = leaves.get(lastToken).getEndLine();
		for (int i = lastToken + 1; i < leaves.size() && leaves.get(i).isHidden(); i++) {
			ILeafNode leaf = leaves.get(i);
			if (isComment(leaf) && leaf.getStartLine() == line) {
				return commentText(leaf.getText()).strip();
			}
		}
		return null;
	}

	private static boolean isComment(ILeafNode leaf) {
		return leaf.getGrammarElement() instanceof TerminalRule rule && rule.getName().endsWith("COMMENT");
	}

	/** The words of a comment without its markers: {@code //}, {@code /*}, {@code *}{@code /}, leading {@code *}. */
	static String commentText(String comment) {
		String body = comment.strip();
		if (body.startsWith("//")) {
			return body.substring(2).strip();
		}
		if (body.startsWith("/*")) {
			body = body.substring(body.startsWith("/**") ? 3 : 2, body.length() - (body.endsWith("*/") ? 2 : 0));
		}
		List<String> lines = new ArrayList<>();
		for (String line : body.split("\n")) {
			String l = line.strip();
			lines.add(l.startsWith("*") ? l.substring(1).strip() : l);
		}
		return String.join("\n", lines).strip();
	}
}
