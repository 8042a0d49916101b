package org.policy.dsl;

import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/** Says "unknown name" in the words of the language rather than of EMF. */
public class PolicyLinkingMessages extends LinkingDiagnosticMessageProvider {

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		String name;
		try {
			name = context.getLinkText();
		} catch (IllegalNodeException e) {
			name = e.getNode().getText();
		}
		String message = switch (context.getReference().getEReferenceType().getName()) {
			case "Function" -> "unknown function '" + name + "'";
			case "Attribute" -> "unknown thread attribute '" + name + "'";
			case "Member" -> memberMessage(context, name);
			default -> "unknown name '" + name + "'";
		};
		return new DiagnosticMessage(message, Severity.ERROR, org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC);
	}

	private static String memberMessage(ILinkingDiagnosticContext context, String name) {
		ValueType receiver = context.getContext() instanceof MemberAccess access
				? PolicyTypes.typeOf(access.getReceiver())
				: ValueType.ERROR;
		return switch (receiver) {
			case THREAD -> "unknown thread attribute '" + name + "'";
			case CORE -> "unknown core attribute or queue '" + name + "'";
			case ERROR -> "unknown member '" + name + "'";
			default -> "'." + name + "' needs a thread or a core, not " + receiver.withArticle();
		};
	}
}
