package org.policy.dsl.ui.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.eclipse.jface.text.rules.WordRule;

/**
 * Syntax highlighting: the grammar's keywords, comments, and numbers with their time units
 * ({@code 4ms}). The keyword list comes from the grammar, so it cannot drift from the language.
 */
final class PolicyScanner extends RuleBasedScanner {

	PolicyScanner(Collection<String> keywords) {
		IToken keyword = new Token(PolicyColors.KEYWORD);
		IToken comment = new Token(PolicyColors.COMMENT);
		IToken number = new Token(PolicyColors.NUMBER);
		IToken other = new Token(PolicyColors.DEFAULT);
		List<IRule> rules = new ArrayList<>();
		rules.add(new EndOfLineRule("//", comment));
		rules.add(new MultiLineRule("/*", "*/", comment, (char) 0, true));
		rules.add(new WhitespaceRule(Character::isWhitespace));
		rules.add(new NumberWithUnitRule(number));
		WordRule words = new WordRule(new IWordDetector() {
			@Override
			public boolean isWordStart(char c) {
				return Character.isLetter(c) || c == '_';
			}

			@Override
			public boolean isWordPart(char c) {
				return Character.isLetterOrDigit(c) || c == '_';
			}
		}, other);
		keywords.forEach(k -> words.addWord(k, keyword));
		rules.add(words);
		setRules(rules.toArray(IRule[]::new));
		setDefaultReturnToken(other);
	}

	/** Digits, optionally followed by a time unit: {@code 1024}, {@code 250us}, {@code 4ms}, {@code 1s}. */
	private static final class NumberWithUnitRule implements IRule {
		private final IToken token;

		NumberWithUnitRule(IToken token) {
			this.token = token;
		}

		@Override
		public IToken evaluate(ICharacterScanner scanner) {
			int c = scanner.read();
			if (c == ICharacterScanner.EOF || !Character.isDigit(c)) {
				scanner.unread();
				return Token.UNDEFINED;
			}
			do {
				c = scanner.read();
			} while (c != ICharacterScanner.EOF && Character.isLetterOrDigit(c));
			scanner.unread();
			return token;
		}
	}
}
