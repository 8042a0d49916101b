package org.policy.dsl.parser;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.linking.lazy.LazyLinker;

/**
 * Xtext's linker on a {@link LargeStack}: it walks the node model recursively, and the node model is
 * about a dozen nodes deeper per level of nesting than the model (one composite node per precedence
 * level), so text at the {@link NestingLimit} would otherwise need more stack than a caller may have.
 */
public class LargeStackLinker extends LazyLinker {

	@Override
	public void linkModel(EObject model, IDiagnosticConsumer diagnosticsConsumer) {
		LargeStack.call("policy-linker", () -> {
			super.linkModel(model, diagnosticsConsumer);
			return null;
		});
	}
}
