package org.policy.dsl.parser;

import com.google.inject.Inject;
import java.util.Optional;
import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CharStream;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.ParseResult;
import org.policy.dsl.parser.antlr.PolicyParser;
import org.policy.dsl.services.PolicyGrammarAccess;

/**
 * The language's parser: Xtext's, behind the {@link NestingLimit}. Every reader of policy text (the
 * loader of the command-line tools, the language server, the tests) gets its parser from the
 * language's injector, so this one check guards them all: text that nests too deeply is not parsed at
 * all and yields one syntax error at the token where the limit is crossed and no model, so that no
 * check, compiler or generator ever walks a tree deeper than the limit allows. Text within the limit
 * is parsed on a {@link LargeStack}, as the parser needs more stack per level than any later stage.
 */
public class DepthLimitedPolicyParser extends PolicyParser {

	/** The issue code of the error; the LSP and the loader show it as any other syntax error. */
	public static final String TOO_DEEP = "org.policy.dsl.parser.tooDeep";

	@Inject
	private PolicyGrammarAccess grammar;

	@Override
	protected IParseResult doParse(String ruleName, CharStream in, NodeModelBuilder builder, int initialLookAhead) {
		String text = in.substring(0, in.size() - 1);
		boolean endsInLoneCr = text.endsWith("\r");
		if (endsInLoneCr) {
			// Xtext (2.42) computes a position at the very end of a text that ends in a lone '\r' by reading
			// the character after the text (InternalNodeModelUtils.getLineAndColumnNoExactLineBreak): the
			// IndexOutOfBoundsException is logged and the file's syntax errors are dropped. A final '\n' is
			// the same line break to the lexer (whitespace and comments treat both alike) and to every
			// offset, line and column, so parse that instead.
			text = text.substring(0, text.length() - 1) + "\n";
		}
		CharStream parsed = endsInLoneCr ? new ANTLRStringStream(text) : in;
		Optional<NestingLimit.Excess> excess = NestingLimit.firstExcess(createLexer(new ANTLRStringStream(text)));
		if (excess.isPresent()) {
			return tooDeep(text, excess.get(), builder);
		}
		return LargeStack.call("policy-parser", () -> super.doParse(ruleName, parsed, builder, initialLookAhead));
	}

	/**
	 * Partial re-parsing (of the edited part of a document) would measure the nesting of that part
	 * only; a full parse measures the whole text.
	 */
	@Override
	protected boolean isReparseSupported() {
		return false;
	}

	/**
	 * A parse result without a model whose node model is the text in three leaves, the middle one
	 * (the offending token) carrying the error: positions and syntax errors come from leaves.
	 */
	private IParseResult tooDeep(String text, NestingLimit.Excess excess, NodeModelBuilder builder) {
		ICompositeNode root = builder.newRootNode(text);
		int start = excess.offset();
		int end = Math.min(text.length(), start + excess.length());
		if (start > 0) {
			builder.newLeafNode(0, start, grammar.getWSRule(), true, null, root);
		}
		builder.newLeafNode(start, end - start, grammar.getWSRule(), false,
				new SyntaxErrorMessage(excess.message(), TOO_DEEP), root);
		if (end < text.length()) {
			builder.newLeafNode(end, text.length() - end, grammar.getWSRule(), true, null, root);
		}
		return new ParseResult(null, root, true);
	}
}
