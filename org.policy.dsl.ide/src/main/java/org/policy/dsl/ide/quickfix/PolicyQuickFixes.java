package org.policy.dsl.ide.quickfix;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.util.TextRegion;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Policy;

/**
 * Quick fixes for the most common mistakes, independent of any editor (the language server's code actions
 * and the Eclipse editor's marker resolutions both ask this class):
 * <ul>
 * <li>a mandatory handler is missing: insert the smallest handler its event type accepts;</li>
 * <li>a handler leaves its target in the wrong state (typically {@code on block(t)} without
 * {@code t => blocked;}): append the transition its event type requires;</li>
 * <li>an unknown name: replace it by a visible name spelt almost the same ("did you mean").</li>
 * </ul>
 * Fixes are computed from the model at the issue's position, not from the issue's message, so they stay
 * right when the wording of a check changes.
 */
public class PolicyQuickFixes {

	private static final int MAX_SUGGESTIONS = 3;

	@Inject
	private EObjectAtOffsetHelper elementAtOffset;

	@Inject
	private IScopeProvider scopes;

	public boolean handles(String issueCode) {
		return FixableIssues.MISSING_HANDLER.equals(issueCode) || FixableIssues.TARGET_FINAL_STATE.equals(issueCode)
				|| FixableIssues.UNKNOWN_NAME.equals(issueCode);
	}

	/**
	 * The fixes for an issue with code {@code issueCode} reported at {@code offset}/{@code length} of the
	 * resource's text ({@code data}: the issue's data, may be null). Empty when there is nothing to offer.
	 */
	public List<Fix> fixes(XtextResource resource, String issueCode, int offset, int length, String[] data) {
		if (issueCode == null || resource.getParseResult() == null || resource.getContents().isEmpty()
				|| !(resource.getContents().get(0) instanceof Policy policy)) {
			return List.of();
		}
		String text = resource.getParseResult().getRootNode().getText();
		return switch (issueCode) {
			case FixableIssues.MISSING_HANDLER -> addMissingHandlers(policy, text, data);
			case FixableIssues.TARGET_FINAL_STATE -> appendFinalTransition(resource, policy, text, offset);
			case FixableIssues.UNKNOWN_NAME -> didYouMean(resource, offset, length);
			default -> List.of();
		};
	}

	private List<Fix> addMissingHandlers(Policy policy, String text, String[] data) {
		List<Event> missing = HandlerSkeletons.missing(policy);
		if (data != null && data.length > 0) {
			List<String> named = Arrays.asList(data);
			List<Event> asked = missing.stream().filter(e -> named.contains(e.getLiteral())).toList();
			if (!asked.isEmpty()) {
				missing = asked;
			}
		}
		ILeafNode close = lastKeyword(NodeModelUtils.getNode(policy), "}");
		if (missing.isEmpty() || close == null) {
			return List.of();
		}
		String unit = indentUnit(text);
		List<Fix> fixes = new ArrayList<>();
		for (Event event : missing) {
			fixes.add(new Fix("Add handler 'on " + event.getLiteral() + "'",
					List.of(insertBeforeClosingBrace(text, close, "\n" + HandlerSkeletons.handler(policy, event, unit, unit)))));
		}
		if (missing.size() > 1) {
			StringBuilder all = new StringBuilder();
			missing.forEach(e -> all.append('\n').append(HandlerSkeletons.handler(policy, e, unit, unit)));
			fixes.add(new Fix("Add all " + missing.size() + " missing handlers",
					List.of(insertBeforeClosingBrace(text, close, all.toString()))));
		}
		return fixes;
	}

	private List<Fix> appendFinalTransition(XtextResource resource, Policy policy, String text, int offset) {
		EObject at = elementAtOffset.resolveContainedElementAt(resource, offset);
		EventHandler handler = EcoreUtil2.getContainerOfType(at, EventHandler.class);
		if (handler == null || handler.getBody() == null) {
			return List.of();
		}
		String target = handler.getTarget() == null ? "t" : handler.getTarget().getName();
		String statement = HandlerSkeletons.finalTransition(policy, handler.getEvent(), target);
		ILeafNode close = lastKeyword(NodeModelUtils.getNode(handler.getBody()), "}");
		if (statement == null || close == null) {
			return List.of();
		}
		String unit = indentUnit(text);
		int lineStart = lineStart(text, close.getOffset());
		boolean braceAlone = text.substring(lineStart, close.getOffset()).isBlank();
		Edit edit = braceAlone
				? new Edit(lineStart, 0, text.substring(lineStart, close.getOffset()) + unit + statement + "\n")
				: new Edit(close.getOffset(), 0, statement + " ");
		return List.of(new Fix("Append '" + statement + "' to 'on " + handler.getEvent().getLiteral() + "'",
				List.of(edit)));
	}

	private List<Fix> didYouMean(XtextResource resource, int offset, int length) {
		INode node = elementAtOffset.getCrossReferenceNode(resource, new TextRegion(offset, Math.max(length, 0)));
		if (node == null || !(node.getGrammarElement() instanceof CrossReference crossReference)) {
			return List.of();
		}
		EObject context = NodeModelUtils.findActualSemanticObjectFor(node);
		EReference reference = GrammarUtil.getReference(crossReference);
		if (context == null || reference == null) {
			return List.of();
		}
		List<String> visible = new ArrayList<>();
		for (IEObjectDescription description : scopes.getScope(context, reference).getAllElements()) {
			visible.add(description.getName().toString());
		}
		String wrong = NodeModelUtils.getTokenText(node);
		int start = firstTokenOffset(node);
		List<Fix> fixes = new ArrayList<>();
		for (String name : DidYouMean.suggestions(wrong, visible, MAX_SUGGESTIONS)) {
			fixes.add(new Fix("Change to '" + name + "'", List.of(new Edit(start, wrong.length(), name))));
		}
		return fixes;
	}

	private static int firstTokenOffset(INode node) {
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden()) {
				return leaf.getOffset();
			}
		}
		return node.getOffset();
	}

	private static Edit insertBeforeClosingBrace(String text, ILeafNode close, String insertion) {
		int lineStart = lineStart(text, close.getOffset());
		if (text.substring(lineStart, close.getOffset()).isBlank()) {
			return new Edit(lineStart, 0, insertion);
		}
		return new Edit(close.getOffset(), 0, insertion);
	}

	private static ILeafNode lastKeyword(ICompositeNode node, String keyword) {
		if (node == null) {
			return null;
		}
		ILeafNode last = null;
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (leaf.getGrammarElement() instanceof Keyword k && keyword.equals(k.getValue())) {
				last = leaf;
			}
		}
		return last;
	}

	private static int lineStart(String text, int offset) {
		int i = offset;
		while (i > 0 && text.charAt(i - 1) != '\n') {
			i--;
		}
		return i;
	}

	/** The file's indentation unit: the leading whitespace of its first indented line, else a tab. */
	static String indentUnit(String text) {
		for (String line : text.split("\n")) {
			int i = 0;
			while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
				i++;
			}
			if (i > 0 && i < line.length()) {
				return line.charAt(0) == '\t' ? "\t" : line.substring(0, i);
			}
		}
		return "\t";
	}
}
