package org.policy.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.policy.dsl.parser.DepthLimitedPolicyParser;
import org.policy.dsl.parser.LargeStackLinker;
import org.policy.dsl.parser.PolicySyntaxErrorMessages;

/** Binds the language's hand-written services into Xtext's runtime injector. */
public class PolicyRuntimeModule extends AbstractPolicyRuntimeModule {

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return PolicyValueConverters.class;
	}

	/** The generated parser behind the nesting limit: see {@link DepthLimitedPolicyParser}. */
	@Override
	public Class<? extends IParser> bindIParser() {
		return DepthLimitedPolicyParser.class;
	}

	/** Xtext's linker, on a large stack: see {@link LargeStackLinker}. */
	@Override
	public Class<? extends ILinker> bindILinker() {
		return LargeStackLinker.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return PolicyLinkingMessages.class;
	}

	/** Syntax errors name tokens in words: see {@link PolicySyntaxErrorMessages}. */
	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return PolicySyntaxErrorMessages.class;
	}
}
