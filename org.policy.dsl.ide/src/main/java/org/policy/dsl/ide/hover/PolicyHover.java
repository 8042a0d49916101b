package org.policy.dsl.ide.hover;

import com.google.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.policy.dsl.policy.Aggregate;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.CoreStates;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.Order;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.PolicyPackage;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.typing.PolicyTypes;

/**
 * Hover text at an offset of a policy, independent of any editor: the language server and the Eclipse
 * editor both ask this class. Over a name it describes what the name refers to (its declaration in policy
 * syntax, its type, and the comment written above it); over an event, a builtin or an aggregate it
 * explains that piece of the language.
 */
public class PolicyHover {

	@Inject
	private EObjectAtOffsetHelper elementAtOffset;

	@Inject
	private ILocationInFileProvider locations;

	@Inject
	private IEObjectDocumentationProvider documentation;

	public Optional<HoverInfo> hoverAt(XtextResource resource, int offset) {
		if (resource.getParseResult() == null) {
			return Optional.empty();
		}
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		if (leaf == null || leaf.isHidden()) {
			return Optional.empty();
		}
		EObject referenced = elementAtOffset.resolveCrossReferencedElementAt(resource, offset);
		if (referenced != null) {
			return referenced.eIsProxy() ? Optional.empty() : describe(referenced, leaf);
		}
		EObject element = elementAtOffset.resolveElementAt(resource, offset);
		if (element == null) {
			return Optional.empty();
		}
		if (element instanceof EventHandler handler && isOn(leaf, handler, PolicyPackage.Literals.EVENT_HANDLER__EVENT)) {
			return Optional.of(info(leaf, "on " + handler.getEvent().getLiteral() + target(handler),
					LanguageReference.event(handler.getEvent())));
		}
		if (element instanceof BalanceHandler && "balance".equals(leaf.getText())) {
			return Optional.of(info(leaf, "on balance", LanguageReference.BALANCE));
		}
		if (element instanceof BuiltinCall call && isOn(leaf, call, PolicyPackage.Literals.BUILTIN_CALL__BUILTIN)) {
			return Optional.of(info(leaf, call.getBuiltin().getLiteral(), LanguageReference.builtin(call.getBuiltin())));
		}
		if (element instanceof Aggregate aggregate && isOn(leaf, aggregate, PolicyPackage.Literals.AGGREGATE__KIND)) {
			return Optional.of(info(leaf, aggregate.getKind().getLiteral(), LanguageReference.aggregate(aggregate.getKind())));
		}
		// Over the name of a declaration: the same text as over a use of it.
		ITextRegion name = locations.getSignificantTextRegion(element);
		if (name != null && name.contains(offset) && signature(element) != null) {
			return describe(element, leaf);
		}
		return Optional.empty();
	}

	private Optional<HoverInfo> describe(EObject declaration, ILeafNode leaf) {
		String signature = signature(declaration);
		if (signature == null) {
			return Optional.empty();
		}
		String doc = documentation.getDocumentation(documented(declaration));
		// an input's meaning is the language's, whatever the policy's comment says about it
		String meaning = declaration instanceof Attribute a ? Input.of(a).map(Input::meaning).orElse(null) : null;
		if (meaning != null) {
			doc = "Input, set by the environment: " + meaning + "." + (doc == null ? "" : "\n\n" + doc);
		}
		return Optional.of(info(leaf, signature, doc == null ? "" : doc));
	}

	/** Core states and levels are documented by the comment above their list. */
	private static EObject documented(EObject declaration) {
		return declaration instanceof CoreState || declaration instanceof Level ? declaration.eContainer() : declaration;
	}

	private static HoverInfo info(ILeafNode leaf, String signature, String documentation) {
		return new HoverInfo(leaf.getOffset(), leaf.getLength(), signature, documentation);
	}

	private static boolean isOn(ILeafNode leaf, EObject element, EStructuralFeature feature) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(element, feature);
		return nodes.stream().anyMatch(n -> n.getOffset() <= leaf.getOffset() && leaf.getEndOffset() <= n.getEndOffset());
	}

	/** A declaration in policy syntax, or null for elements that are not declarations. */
	static String signature(EObject element) {
		if (element instanceof Param p) {
			return "param " + p.getType().getLiteral() + " " + p.getName() + " = " + text(p.getDefault())
					+ (p.getMin() == null ? "" : " in [" + text(p.getMin()) + ", " + text(p.getMax()) + "]");
		}
		if (element instanceof Constant c) {
			return c.isTable() ? "const " + c.getType().getLiteral() + " " + c.getName() + "[]    // "
					+ c.getElements().size() + " elements, indexes 0 to " + (c.getElements().size() - 1)
					: "const " + c.getType().getLiteral() + " " + c.getName() + " = " + text(c.getValue());
		}
		if (element instanceof Attribute a) {
			String owner = PolicyModel.isThreadAttribute(a) ? "thread" : "core";
			return owner + " { " + (a.isInput() ? "input " : "") + a.getType().getLiteral() + " " + a.getName()
					+ (a.getInit() == null ? "" : " = " + text(a.getInit())) + "; }";
		}
		if (element instanceof Queue q) {
			return "core { queue " + q.getName() + " ordered by " + order(q.getOrder()) + "; }";
		}
		if (element instanceof SharedQueue q) {
			return "shared queue " + q.getName() + " ordered by " + order(q.getOrder());
		}
		if (element instanceof CoreState s && s.eContainer() instanceof CoreStates states) {
			String all = states.getStates().stream().map(CoreState::getName).collect(Collectors.joining(", "));
			return "core state " + s.getName() + "    // of { " + all + " }; cores start in "
					+ states.getStates().get(0).getName();
		}
		if (element instanceof Level l) {
			return "topology level " + l.getName();
		}
		if (element instanceof Function f) {
			return "function " + f.getType().getLiteral() + " " + f.getName() + "(" + f.getParams().stream()
					.map(p -> p.getType().getLiteral() + " " + p.getName()).collect(Collectors.joining(", ")) + ")";
		}
		if (element instanceof FormalParam p) {
			String owner = p.eContainer() instanceof Function f ? " (parameter of " + f.getName() + ")" : "";
			return p.getType().getLiteral() + " " + p.getName() + owner;
		}
		if (element instanceof VarDecl v) {
			return "var " + v.getName() + " = " + text(v.getInit()) + "    // " + PolicyTypes.typeOf(v.getInit()).label();
		}
		if (element instanceof Binder b) {
			return b.getName() + ": " + PolicyTypes.binderType(b).label() + "    // bound by " + binderOwner(b);
		}
		return null;
	}

	private static String binderOwner(Binder binder) {
		EObject owner = binder.eContainer();
		if (owner instanceof EventHandler h) {
			return "on " + h.getEvent().getLiteral();
		}
		if (owner instanceof BalanceHandler b) {
			return b.getVictim() == binder ? "filter (the victim core)" : "migrate (the moved thread)";
		}
		if (owner instanceof Foreach) {
			return "foreach";
		}
		if (owner instanceof Aggregate a) {
			return a.getKind().getLiteral() + "(...)";
		}
		return "?";
	}

	private static String target(EventHandler handler) {
		return handler.getTarget() == null ? "" : "(" + handler.getTarget().getName() + ")";
	}

	private static String order(Order order) {
		if (order == null) {
			return "?";
		}
		if (order.isFifo()) {
			return "fifo";
		}
		String key = order.getKey() == null || order.getKey().eIsProxy() ? NodeModelUtils.getTokenText(
				NodeModelUtils.findActualNodeFor(order)).replaceFirst("^\\w+\\s+", "") : order.getKey().getName();
		return order.getDirection().getLiteral() + " " + key;
	}

	/** The source text of an expression on one line. */
	private static String text(EObject expression) {
		INode node = expression == null ? null : NodeModelUtils.findActualNodeFor(expression);
		return node == null ? "?" : NodeModelUtils.getTokenText(node);
	}
}
