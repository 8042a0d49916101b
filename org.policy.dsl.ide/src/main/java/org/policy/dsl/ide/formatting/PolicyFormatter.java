package org.policy.dsl.ide.formatting;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.internal.SinglelineCommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.xbase.lib.Pair;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure1;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Conditional;
import org.policy.dsl.policy.CoreStates;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Topology;
import org.policy.dsl.policy.Unary;

/**
 * The one layout of policy files: tab indentation inside braces, one declaration or statement per line
 * (at most one blank line kept between them), one space around operators and after commas, none inside
 * parentheses or around {@code .}, and the short lists {@code core states { a, b }} and
 * {@code topology { smt, llc }} on one line.
 *
 * <p>It decides the whitespace between every pair of adjacent tokens from the two tokens and the
 * element they belong to, rather than rule by rule: the language is small and regular, so a handful of
 * token rules cover it, and a construct added to the grammar gets a sensible layout without a change
 * here. Comments are kept where they are (Xtext's comment handling places them).
 */
public class PolicyFormatter extends AbstractFormatter2 {

	/**
	 * A line comment's text is the author's: Xtext would rewrite the spacing after {@code //} of an
	 * indented comment (a "doc comment"), turning hand-aligned lists ragged. Indented comments are
	 * indented like the code around them; comments at the left margin stay there (commented-out code);
	 * the text after {@code //} is never touched.
	 */
	@Override
	public ITextReplacer createCommentReplacer(IComment comment) {
		if (comment.getGrammarElement() instanceof AbstractRule rule && rule.getName().startsWith("SL")
				&& comment.getLineRegions().get(0).getIndentation().getLength() > 0) {
			return new IndentedLineComment(comment);
		}
		return super.createCommentReplacer(comment);
	}

	/** An indented line comment: placed by the surrounding indentation, its text left as written. */
	private static final class IndentedLineComment extends SinglelineCommentReplacer {
		IndentedLineComment(IComment comment) {
			super(comment, "//");
		}

		@Override
		public ITextReplacerContext createReplacements(ITextReplacerContext context) {
			return context;
		}

		@Override
		public void configureWhitespace(WhitespaceReplacer leading, WhitespaceReplacer trailing) {
			// indentation comes from the enclosing block, as for code
		}
	}

	private static final Procedure1<IHiddenRegionFormatter> NO_SPACE = IHiddenRegionFormatter::noSpace;
	private static final Procedure1<IHiddenRegionFormatter> ONE_SPACE = IHiddenRegionFormatter::oneSpace;
	private static final Procedure1<IHiddenRegionFormatter> NEW_LINE = IHiddenRegionFormatter::newLine;
	/** A line break that keeps at most one blank line the author left between two items. */
	private static final Procedure1<IHiddenRegionFormatter> ITEM_BREAK = hf -> hf.setNewLines(1, 1, 2);
	private static final Procedure1<IHiddenRegionFormatter> INDENT = IHiddenRegionFormatter::indent;

	@Override
	public void format(Object object, IFormattableDocument document) {
		EObject root = object instanceof XtextResource resource
				? (resource.getContents().isEmpty() ? null : resource.getContents().get(0))
				: object instanceof EObject eObject ? EcoreUtil.getRootContainer(eObject) : null;
		if (!(root instanceof Policy) || getTextRegionAccess().hasSyntaxError()) {
			return; // the structure of a text with syntax errors is a guess: leave its layout alone
		}
		indentBraces(root, document);
		spaceTokens(root, document);
	}

	private void indentBraces(EObject root, IFormattableDocument document) {
		indentBracesOf(root, document);
		root.eAllContents().forEachRemaining(element -> indentBracesOf(element, document));
	}

	private void indentBracesOf(EObject element, IFormattableDocument document) {
		if (isOneLineList(element)) {
			return;
		}
		for (Pair<ISemanticRegion, ISemanticRegion> braces : textRegionExtensions.regionFor(element)
				.keywordPairs("{", "}")) {
			document.interior(braces.getKey(), braces.getValue(), INDENT);
		}
	}

	private void spaceTokens(EObject root, IFormattableDocument document) {
		ISemanticRegion last = null;
		for (ISemanticRegion token : getTextRegionAccess().regionForEObject(root).getAllSemanticRegions()) {
			if (last == null) {
				// The file starts with its first comment or with 'policy', at the left margin.
				document.set(token.getPreviousHiddenRegion(), NO_SPACE);
			}
			last = token;
			ISemanticRegion next = token.getNextSemanticRegion();
			if (next == null) {
				break;
			}
			IHiddenRegion between = token.getNextHiddenRegion();
			document.set(between, spacing(token, next));
		}
		if (last != null) {
			// The file ends with one line break after the closing brace of the policy.
			document.set(last.getNextHiddenRegion(), NEW_LINE);
		}
	}

	/** The whitespace between two adjacent tokens. */
	private Procedure1<IHiddenRegionFormatter> spacing(ISemanticRegion left, ISemanticRegion right) {
		String a = keyword(left);
		String b = keyword(right);
		if (";".equals(a)) {
			return ITEM_BREAK;
		}
		if ("{".equals(a)) {
			return isOneLineList(left.getSemanticElement()) ? ONE_SPACE : NEW_LINE;
		}
		if ("}".equals(b)) {
			return isOneLineList(right.getSemanticElement()) ? ONE_SPACE : NEW_LINE;
		}
		if ("}".equals(a)) {
			return "else".equals(b) ? ONE_SPACE : ITEM_BREAK;
		}
		if (":".equals(b) && right.getSemanticElement() instanceof Conditional) {
			return ONE_SPACE; // c ? a : b
		}
		if (";".equals(b) || ",".equals(b) || ":".equals(b) || ")".equals(b) || "]".equals(b)
				|| ".".equals(b) || ".".equals(a) || "(".equals(a) || "[".equals(a)) {
			return NO_SPACE;
		}
		if ("(".equals(b)) {
			return opensArgumentList(right) ? NO_SPACE : ONE_SPACE;
		}
		if (isUnaryOperator(left)) {
			return NO_SPACE;
		}
		return ONE_SPACE;
	}

	/** {@code f(}, {@code size(}, {@code min(}, {@code on tick(}, {@code function int f(}: no space. */
	private static boolean opensArgumentList(ISemanticRegion paren) {
		EObject owner = paren.getSemanticElement();
		boolean call = owner instanceof Call || owner instanceof BuiltinCall || owner instanceof Aggregate
				|| owner instanceof EventHandler || owner instanceof Function;
		if (!call) {
			return false;
		}
		// The first '(' of a call follows its name; a parenthesised argument's '(' belongs to the argument.
		ISemanticRegion before = paren.getPreviousSemanticRegion();
		return before != null && before.getSemanticElement() == owner && !"(".equals(keyword(before))
				&& !",".equals(keyword(before));
	}

	private static boolean isUnaryOperator(ISemanticRegion token) {
		// A '-' or '!' that belongs to a Unary (not to a Binary) is its operator.
		String text = keyword(token);
		return token.getSemanticElement() instanceof Unary && ("!".equals(text) || "-".equals(text));
	}

	private static boolean isOneLineList(EObject element) {
		return element instanceof CoreStates || element instanceof Topology;
	}

	/** The keyword a token is, or null for names, numbers and other terminals. */
	private static String keyword(ISemanticRegion token) {
		return token.getGrammarElement() instanceof Keyword keyword ? keyword.getValue() : null;
	}
}
