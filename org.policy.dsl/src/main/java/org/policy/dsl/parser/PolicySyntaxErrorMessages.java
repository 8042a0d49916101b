package org.policy.dsl.parser;

import java.util.Map;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/**
 * ANTLR's syntax error messages with the grammar's token names in words: "expecting RULE_ID" is
 * "expecting a name", "missing RULE_INTEGER at ';'" is "missing an int at ';'". The rest of the message
 * (the token found, keywords in quotes) is ANTLR's, which users of Xtext languages know.
 */
public class PolicySyntaxErrorMessages extends SyntaxErrorMessageProvider {

	/** Each terminal of Policy.xtext, as a message says it. */
	private static final Map<String, String> TOKENS = Map.of(
			"RULE_ID", "a name",
			"RULE_INTEGER", "an int",
			"RULE_DURATION", "a duration (250us, 4ms, 1s)",
			"RULE_ANY_OTHER", "a character",
			"RULE_WS", "white space",
			"RULE_ML_COMMENT", "a comment",
			"RULE_SL_COMMENT", "a comment");

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(readable(message.getMessage()), message.getIssueCode(), message.getIssueData());
	}

	/** The message with every token name replaced by its words. */
	static String readable(String message) {
		if (message == null) {
			return null;
		}
		String out = message;
		for (Map.Entry<String, String> token : TOKENS.entrySet()) {
			out = out.replaceAll("\\b" + token.getKey() + "\\b", token.getValue());
		}
		return out;
	}
}
