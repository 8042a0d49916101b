package org.policy.dsl.ide.contentassist;

import com.google.inject.Inject;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.Expression;
import org.policy.dsl.policy.MemberAccess;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.ide.quickfix.HandlerSkeletons;
import org.policy.dsl.semantics.EventType;
import org.policy.dsl.services.PolicyGrammarAccess;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * Completion on top of Xtext's (keywords and the names visible at the cursor, from the scope provider):
 * punctuation is not proposed, and where a handler may start, each missing mandatory handler is offered
 * as a whole skeleton that its event type accepts.
 */
public class PolicyProposals extends IdeContentProposalProvider {

	@Inject
	private PolicyGrammarAccess grammar;

	@Override
	protected boolean filterKeyword(Keyword keyword, ContentAssistContext context) {
		if (keyword == grammar.getPostfixAccess().getCurrentSlotCurrentKeyword_1_0_2_0_0()) {
			return receiverIsACore(context); // `.current` is a core's running thread; a thread has none
		}
		return Character.isLetter(keyword.getValue().charAt(0));
	}

	/** Whether the expression before the dot being completed is a core (or of a type not known yet). */
	private static boolean receiverIsACore(ContentAssistContext context) {
		EObject model = context.getCurrentModel();
		Expression receiver = model instanceof MemberAccess access ? access.getReceiver()
				: model instanceof Expression expression ? expression : null;
		ValueType type = receiver == null ? ValueType.ERROR : PolicyTypes.typeOf(receiver);
		return type == ValueType.CORE || type == ValueType.ERROR;
	}

	@Override
	protected void _createProposals(Keyword keyword, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		super._createProposals(keyword, context, acceptor);
		if (keyword == grammar.getEventHandlerAccess().getOnKeyword_0()) {
			proposeMissingHandlers(context, acceptor);
		}
	}

	private void proposeMissingHandlers(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		EObject model = context.getRootModel() != null ? context.getRootModel() : context.getCurrentModel();
		if (model == null || !(EcoreUtil.getRootContainer(model) instanceof Policy policy)) {
			return;
		}
		for (Event event : HandlerSkeletons.missing(policy)) {
			String skeleton = HandlerSkeletons.handler(policy, event, "", "\t").stripTrailing();
			ContentAssistEntry entry = getProposalCreator().createProposal(skeleton, context, it -> {
				it.setLabel(EventType.of(event).handlerText() + " { ... }");
				it.setDescription("missing mandatory handler");
				it.setKind(ContentAssistEntry.KIND_SNIPPET);
			});
			if (entry != null) {
				acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry) + 1);
			}
		}
	}
}
