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
		String what = switch (context.getReference().getEReferenceType().getName()) {
			case "Function" -> "function";
			case "Attribute" -> "thread attribute";
			case "Member" -> memberWhat(context);
			default -> "name";
		};
		return new DiagnosticMessage("unknown " + what + " '" + name + "'", Severity.ERROR,
				org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC);
	}

	private static String memberWhat(ILinkingDiagnosticContext context) {
		if (context.getContext() instanceof MemberAccess access) {
			ValueType receiver = PolicyTypes.typeOf(access.getReceiver());
			return switch (receiver) {
				case THREAD -> "thread attribute";
				case CORE -> "core attribute or queue";
				case ERROR -> "member";
				default -> "member (" + receiver.withArticle() + " has no members)";
			};
		}
		return "member";
	}
}
