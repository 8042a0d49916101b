package org.policy.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;

/** Binds the language's hand-written services into Xtext's runtime injector. */
public class PolicyRuntimeModule extends AbstractPolicyRuntimeModule {

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return PolicyValueConverters.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return PolicyLinkingMessages.class;
	}
}
