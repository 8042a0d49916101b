package org.policy.dsl.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.BalanceHandler;
import org.policy.dsl.policy.Binder;
import org.policy.dsl.policy.Block;
import org.policy.dsl.policy.CoreStates;
import org.policy.dsl.policy.Declaration;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.EventHandler;
import org.policy.dsl.policy.FormalParam;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Level;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Constant;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.PolicyPackage.Literals;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.policy.Topology;
import org.policy.dsl.policy.VarDecl;
import org.policy.dsl.scoping.PolicyScopeProvider;

/**
 * Names: one declaration per name in each namespace, one handler per event, no local hiding another,
 * known topology levels, and a policy named after its file. Unknown names are reported by linking
 * ({@code PolicyLinkingMessages}).
 */
public class NameChecks extends PolicyCheck {

	/** The levels a machine can define (docs/semantics.md, Topology). */
	static final List<String> LEVELS = List.of("smt", "llc", "numa", "machine");

	@Check
	public void checkPolicyLevelNamesUnique(Policy policy) {
		List<EObject> declarations = new ArrayList<>();
		for (Declaration declaration : policy.getDeclarations()) {
			if (declaration instanceof Param || declaration instanceof Constant || declaration instanceof Function
					|| declaration instanceof SharedQueue) {
				declarations.add(declaration);
			} else if (declaration instanceof CoreStates states) {
				declarations.addAll(states.getStates());
			} else if (declaration instanceof Topology topology) {
				declarations.addAll(topology.getLevels());
			}
		}
		reportDuplicates(declarations, "in this policy", IssueCodes.DUPLICATE_DECLARATION);
	}

	@Check
	public void checkThreadAttributesUnique(Policy policy) {
		reportDuplicates(new ArrayList<>(PolicyModel.threadAttributes(policy)), "among the thread attributes",
				IssueCodes.DUPLICATE_MEMBER);
	}

	@Check
	public void checkCoreMembersUnique(Policy policy) {
		List<EObject> members = new ArrayList<>(PolicyModel.coreAttributes(policy));
		members.addAll(PolicyModel.coreQueues(policy));
		members.sort((a, b) -> Integer.compare(offset(a), offset(b)));
		reportDuplicates(members, "among the core attributes and queues", IssueCodes.DUPLICATE_MEMBER);
	}

	private void reportDuplicates(List<EObject> named, String where, String code) {
		Set<String> seen = new HashSet<>();
		for (EObject object : named) {
			String name = PolicyModel.nameOf(object);
			if (name != null && !seen.add(name)) {
				error("'" + name + "' is declared twice " + where, object, nameFeature(object), code);
			}
		}
	}

	@Check
	public void checkOneHandlerPerEvent(Policy policy) {
		Set<Event> seen = new HashSet<>();
		for (EventHandler handler : PolicyModel.eventHandlers(policy)) {
			if (!seen.add(handler.getEvent())) {
				error("'on " + handler.getEvent().getLiteral() + "' is declared twice: a policy has one handler per"
						+ " event", handler, Literals.EVENT_HANDLER__EVENT, IssueCodes.DUPLICATE_HANDLER);
			}
		}
		boolean first = true;
		for (Declaration declaration : policy.getDeclarations()) {
			if (declaration instanceof BalanceHandler balance) {
				if (!first) {
					errorAtKeyword("'on balance' is declared twice: a policy has one balance handler", balance,
							"balance", IssueCodes.DUPLICATE_HANDLER);
				}
				first = false;
			}
		}
	}

	@Check
	public void checkLocalNotDeclaredTwice(VarDecl local) {
		if (local.getName() == null || !(local.eContainer() instanceof Block block)) {
			return;
		}
		if (PolicyScopeProvider.localAbove(block, local, local.getName()) != null) {
			error("'" + local.getName() + "' is declared twice in this block", local, Literals.VAR_DECL__NAME,
					IssueCodes.DUPLICATE_LOCAL);
		}
	}

	@Check
	public void checkLocalNotShadowing(VarDecl local) {
		reportShadowing(local, local.getName(), Literals.VAR_DECL__NAME);
	}

	@Check
	public void checkBinderNotShadowing(Binder binder) {
		reportShadowing(binder, binder.getName(), Literals.BINDER__NAME);
	}

	/** A local or binder that hides a local or binder of an enclosing scope (not of its own block). */
	private void reportShadowing(EObject declaration, String name, EStructuralFeature feature) {
		if (name == null) {
			return;
		}
		EObject child = declaration;
		for (EObject parent = declaration.eContainer(); parent != null && !(parent instanceof Policy);
				child = parent, parent = parent.eContainer()) {
			boolean ownBlock = child == declaration && parent instanceof Block;
			if (ownBlock) {
				continue; // reported as "declared twice in this block"
			}
			List<? extends EObject> visible = parent instanceof Block block
					? listOfNullable(PolicyScopeProvider.localAbove(block, child, name)) // constant time
					: PolicyScopeProvider.bindersVisibleFrom(parent, child);
			for (EObject outer : visible) {
				if (outer != declaration && name.equals(PolicyModel.nameOf(outer))) {
					error("'" + name + "' hides the '" + name + "' of line " + Source.line(outer)
							+ "; give it another name (hidden names are confusing in kernel code)", declaration,
							feature, IssueCodes.SHADOWED_NAME);
					return;
				}
			}
		}
	}

	private static List<EObject> listOfNullable(EObject object) {
		return object == null ? List.of() : List.of(object);
	}

	@Check
	public void checkFunctionParametersUnique(Function function) {
		Set<String> seen = new HashSet<>();
		for (FormalParam param : function.getParams()) {
			if (param.getName() != null && !seen.add(param.getName())) {
				error("'" + param.getName() + "' is declared twice in the parameters of '" + function.getName() + "'",
						param, Literals.FORMAL_PARAM__NAME, IssueCodes.DUPLICATE_PARAMETER);
			}
		}
	}

	@Check
	public void checkLevelKnown(Level level) {
		if (level.getName() != null && !LEVELS.contains(level.getName())) {
			error("unknown topology level '" + level.getName() + "': the levels are smt, llc, numa and machine", level,
					Literals.LEVEL__NAME, IssueCodes.UNKNOWN_LEVEL);
		}
	}

	@Check
	public void checkPolicyNamedAfterFile(Policy policy) {
		if (policy.getName() == null || policy.eResource() == null || policy.eResource().getURI() == null) {
			return;
		}
		URI uri = policy.eResource().getURI();
		String file = uri.lastSegment() == null ? null : URI.decode(uri.lastSegment());
		String stem = uri.trimFileExtension().lastSegment() == null ? null
				: URI.decode(uri.trimFileExtension().lastSegment());
		if (stem != null && !stem.equals(policy.getName())) {
			warning("policy '" + policy.getName() + "' should be named '" + stem + "', after its file '" + file + "'",
					policy, Literals.POLICY__NAME, IssueCodes.POLICY_NAME_NOT_FILE_NAME);
		}
	}

	private static int offset(EObject object) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
		return node == null ? Integer.MAX_VALUE : node.getOffset();
	}

	private static EStructuralFeature nameFeature(EObject object) {
		return object.eClass().getEStructuralFeature("name");
	}
}
