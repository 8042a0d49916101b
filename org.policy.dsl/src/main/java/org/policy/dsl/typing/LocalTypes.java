package org.policy.dsl.typing;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.OnChangeEvictingCache;
import org.policy.dsl.policy.VarDecl;

/**
 * The inferred types of the locals of one resource, computed once while the resource stays unchanged.
 *
 * <p>Why: {@code var b = a + a;} has the type of {@code a}, which has the type of its own initial
 * value, and so on. Recomputed at each use, the type of the last of n such locals costs n steps (so
 * checking n locals costs n²) or, when each refers to the one before twice, 2ⁿ; and the recursion is
 * as deep as the chain, which a long enough chain overflows. So the first request types every local
 * of the resource in order of declaration: a local's initial value can only name locals declared
 * before it, whose types are then known, so each step recurses through one expression only.
 */
final class LocalTypes {
	/** Evicted by Xtext on every change of the resource (an edit, a re-parse), kept across reads. */
	private static final OnChangeEvictingCache CACHE = new OnChangeEvictingCache();

	private final Map<VarDecl, ValueType> types = new HashMap<>();
	private final Resource resource;
	private boolean typedAll;

	private LocalTypes(Resource resource) {
		this.resource = resource;
	}

	static LocalTypes of(Resource resource) {
		return CACHE.get(LocalTypes.class, resource, () -> new LocalTypes(resource));
	}

	ValueType typeOf(VarDecl local) {
		ValueType known = types.get(local);
		if (known != null) {
			return known;
		}
		if (!typedAll) {
			typedAll = true; // first, so that the locals typed below type their own uses one by one
			for (Iterator<EObject> all = resource.getAllContents(); all.hasNext();) {
				if (all.next() instanceof VarDecl each && each.getDeclared() == null && !types.containsKey(each)) {
					types.put(each, PolicyTypes.inferredType(each));
				}
			}
			known = types.get(local);
			if (known != null) {
				return known;
			}
		}
		ValueType type = PolicyTypes.inferredType(local);
		types.put(local, type);
		return type;
	}
}
