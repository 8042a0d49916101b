package org.policy.dsl.ide.outline;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.CoreDecl;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.CoreStates;
import org.policy.dsl.policy.Declaration;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.ThreadDecl;
import org.policy.dsl.policy.Topology;

/**
 * The outline of a policy, in declaration order: params, the thread and core blocks with their members,
 * shared queues, core states, topology levels, functions and handlers. Locals and binders are left out:
 * an outline is for finding one's way in the file. The language server's document symbols and the
 * Eclipse outline view both show this tree.
 */
public class PolicyOutline {

	@Inject
	private ILocationInFileProvider locations;

	public Optional<OutlineNode> outline(XtextResource resource) {
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Policy policy)) {
			return Optional.empty();
		}
		List<OutlineNode> children = new ArrayList<>();
		for (Declaration declaration : policy.getDeclarations()) {
			OutlineNode node = node(declaration);
			if (node != null) {
				children.add(node);
			}
		}
		return Optional.of(node(policy, name(policy.getName()), "policy", OutlineKind.POLICY, children));
	}

	private OutlineNode node(Declaration declaration) {
		if (declaration instanceof Param p) {
			return leaf(p, p.getName(), p.getType().getLiteral(), OutlineKind.PARAM);
		}
		if (declaration instanceof Constant c) {
			return c.isTable() ? leaf(c, c.getName(), c.getType().getLiteral() + "[" + c.getElements().size() + "]",
					OutlineKind.TABLE) : leaf(c, c.getName(), c.getType().getLiteral(), OutlineKind.CONSTANT);
		}
		if (declaration instanceof ThreadDecl t) {
			return node(t, "thread", "attributes", OutlineKind.THREAD_ATTRIBUTES, attributes(t.getAttributes()));
		}
		if (declaration instanceof CoreDecl c) {
			List<OutlineNode> members = attributes(c.getAttributes());
			for (Queue q : c.getQueues()) {
				members.add(leaf(q, q.getName(), "queue", OutlineKind.QUEUE));
			}
			members.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
			return node(c, "core", "attributes and queues", OutlineKind.CORE_ATTRIBUTES, members);
		}
		if (declaration instanceof SharedQueue q) {
			return leaf(q, q.getName(), "shared queue", OutlineKind.SHARED_QUEUE);
		}
		if (declaration instanceof CoreStates s) {
			List<OutlineNode> states = new ArrayList<>();
			for (CoreState state : s.getStates()) {
				states.add(leaf(state, state.getName(), "", OutlineKind.CORE_STATE));
			}
			return node(s, "core states", "", OutlineKind.CORE_STATES, states);
		}
		if (declaration instanceof Topology t) {
			List<OutlineNode> levels = new ArrayList<>();
			for (Level level : t.getLevels()) {
				levels.add(leaf(level, level.getName(), "", OutlineKind.LEVEL));
			}
			return node(t, "topology", "", OutlineKind.TOPOLOGY, levels);
		}
		if (declaration instanceof Function f) {
			StringBuilder params = new StringBuilder("(");
			f.getParams().forEach(p -> params.append(params.length() > 1 ? ", " : "").append(p.getType().getLiteral()));
			return leaf(f, name(f.getName()) + params + ")", f.getType().getLiteral(), OutlineKind.FUNCTION);
		}
		if (declaration instanceof EventHandler h) {
			String target = h.getTarget() == null ? "" : "(" + h.getTarget().getName() + ")";
			return leaf(h, "on " + h.getEvent().getLiteral() + target, "", OutlineKind.HANDLER);
		}
		if (declaration instanceof BalanceHandler b) {
			List<String> when = new ArrayList<>();
			if (b.getPeriod() != null) {
				when.add("every " + text(b.getPeriod()));
			}
			if (b.isOnIdle()) {
				when.add("on enter_idle");
			}
			if (b.isPerLevel()) {
				when.add("per level");
			}
			return leaf(b, "on balance", String.join(", ", when), OutlineKind.BALANCE);
		}
		return null;
	}

	private List<OutlineNode> attributes(List<Attribute> attributes) {
		List<OutlineNode> nodes = new ArrayList<>();
		for (Attribute a : attributes) {
			nodes.add(leaf(a, name(a.getName()), a.getType().getLiteral(), OutlineKind.ATTRIBUTE));
		}
		return nodes;
	}

	private OutlineNode leaf(EObject element, String label, String detail, OutlineKind kind) {
		return node(element, label, detail, kind, List.of());
	}

	private OutlineNode node(EObject element, String label, String detail, OutlineKind kind, List<OutlineNode> children) {
		ITextRegion full = locations.getFullTextRegion(element);
		ITextRegion selection = locations.getSignificantTextRegion(element);
		if (selection == null || !full.contains(selection)) {
			selection = full;
		}
		if (element instanceof EventHandler || element instanceof BalanceHandler || element instanceof ThreadDecl
				|| element instanceof CoreDecl || element instanceof CoreStates || element instanceof Topology) {
			selection = firstLine(element, full);
		}
		return new OutlineNode(label, detail, kind, element, full.getOffset(), full.getLength(),
				selection.getOffset(), selection.getLength(), List.copyOf(children));
	}

	/** For an unnamed declaration, select its header: its text up to the end of its first line. */
	private static ITextRegion firstLine(EObject element, ITextRegion full) {
		INode node = NodeModelUtils.findActualNodeFor(element);
		String text = node == null ? "" : node.getRootNode().getText();
		int end = full.getOffset();
		while (end < full.getOffset() + full.getLength() && end < text.length() && text.charAt(end) != '\n') {
			end++;
		}
		return new org.eclipse.xtext.util.TextRegion(full.getOffset(), end - full.getOffset());
	}

	private static String name(String name) {
		return name == null ? "?" : name;
	}

	private static String text(EObject expression) {
		INode node = NodeModelUtils.findActualNodeFor(expression);
		return node == null ? "?" : NodeModelUtils.getTokenText(node);
	}

}
