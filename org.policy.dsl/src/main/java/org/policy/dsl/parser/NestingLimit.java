package org.policy.dsl.parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;
import org.policy.dsl.parser.antlr.internal.InternalPolicyLexer;

/**
 * How deeply a policy's text nests, measured on its tokens before it is parsed, and the limit on it.
 *
 * <p>Why before parsing: the parser, the checks, the compiler, the verifier and the generator all
 * recurse over the nesting of the text, and each of them would run out of stack on a deep enough
 * input ({@code ((((x))))}, {@code !!!!x}, {@code a ? b : a ? b : c}, nested {@code if}s, a chain
 * {@code 1 + 1 + ... + 1}, which is a tree as deep as it is long). Refusing such text here, where
 * counting takes no recursion, means that no later stage ever sees a model deeper than a known bound.
 *
 * <p>The measure is an upper bound of the depth of every tree built from the text: each open
 * bracket ({@code ( [ {}) is one level more than the depth it opens at, and within a bracket every
 * operator token ({@code ! - ? .} and the binary operators) and every {@code else} adds a level that
 * lasts until the end of that expression or statement ({@code ;}, {@code ,}, or a closing
 * {@code }} not followed by {@code else}). docs/language.md, "Limits", states it for users.
 */
public final class NestingLimit {

	/** The deepest nesting the language accepts; see the class comment for what one level is. */
	public static final int MAX_DEPTH = 200;

	/** Tokens that each add a level to the expression (or else-chain) they are in. */
	private static final Set<String> OPERATORS = Set.of("!", "-", "+", "*", "/", "%", "||", "&&", "==", "!=", "<",
			"<=", ">", ">=", "in", "?", ".", "else");

	/** Where the text first nests too deeply, and the message to report there. */
	public record Excess(int offset, int length, String message) {
	}

	/** One open bracket: the depth it opened at, and the operators counted since its last separator. */
	private static final class Level {
		final boolean block;
		final int base;
		int operators;

		Level(boolean block, int base) {
			this.block = block;
			this.base = base;
		}

		int depth() {
			return base + operators;
		}
	}

	private NestingLimit() {
	}

	/**
	 * Reads every token of {@code tokens} (iteratively: no recursion, constant stack) and returns the
	 * first one at which the text nests deeper than {@link #MAX_DEPTH}, if any.
	 */
	public static Optional<Excess> firstExcess(TokenSource tokens) {
		return firstExcess(tokens, MAX_DEPTH);
	}

	static Optional<Excess> firstExcess(TokenSource tokens, int limit) {
		Deque<Level> open = new ArrayDeque<>();
		open.push(new Level(true, 0)); // the file itself: a list of declarations, like a block
		boolean closedBlock = false; // the previous token was a '}' that may be followed by 'else'
		for (Token token = tokens.nextToken(); token.getType() != Token.EOF; token = tokens.nextToken()) {
			if (isHidden(token)) {
				continue;
			}
			String text = token.getText();
			Level top = open.peek();
			if (closedBlock && !"else".equals(text)) {
				top.operators = 0; // the statement that the '}' closed is over
			}
			closedBlock = false;
			switch (text == null ? "" : text) {
				case "(", "[", "{" -> {
					Level inner = new Level(text.equals("{"), top.depth() + 1);
					if (inner.base > limit) {
						return Optional.of(excess(token, inner.block ? "statements" : "expression", limit));
					}
					open.push(inner);
				}
				case ")", "]", "}" -> {
					if (open.size() > 1) { // an unmatched closer is the parser's to report
						Level closed = open.pop();
						closedBlock = closed.block && open.peek().block;
					}
				}
				case ";", "," -> top.operators = 0;
				default -> {
					if (isOperator(token, text)) {
						top.operators++;
						if (top.depth() > limit) {
							return Optional.of(excess(token, "expression", limit));
						}
					}
				}
			}
		}
		return Optional.empty();
	}

	private static boolean isHidden(Token token) {
		int type = token.getType();
		return type == InternalPolicyLexer.RULE_WS || type == InternalPolicyLexer.RULE_ML_COMMENT
				|| type == InternalPolicyLexer.RULE_SL_COMMENT;
	}

	/** Keywords and symbols only: a name, a number or a stray character never counts. */
	private static boolean isOperator(Token token, String text) {
		int type = token.getType();
		return type != InternalPolicyLexer.RULE_ID && type != InternalPolicyLexer.RULE_INTEGER
				&& type != InternalPolicyLexer.RULE_DURATION && type != InternalPolicyLexer.RULE_ANY_OTHER
				&& OPERATORS.contains(text);
	}

	private static Excess excess(Token token, String what, int limit) {
		org.antlr.runtime.CommonToken common = (org.antlr.runtime.CommonToken) token;
		int length = Math.max(1, common.getStopIndex() - common.getStartIndex() + 1);
		return new Excess(common.getStartIndex(), length,
				what + " nested too deeply (more than " + limit + " levels)");
	}
}
