package org.policy.generator;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.policy.Call;
import org.policy.dsl.policy.Function;
import org.policy.dsl.policy.Self;

/**
 * Which of the generated helpers (the policy's functions and the lifted aggregates) read
 * {@code self}: only those take it as a parameter, so that a helper's C signature lists what it
 * depends on. Handlers and steal clauses keep it: their signatures are the runtime's callback types.
 */
final class SelfUse {
	private final Map<Function, Boolean> functions = new HashMap<>();

	/** Whether {@code code} names {@code self}, or calls a function that does. */
	boolean reads(EObject code) {
		if (code instanceof Self || !EcoreUtil2.getAllContentsOfType(code, Self.class).isEmpty()) {
			return true;
		}
		for (Call call : EcoreUtil2.getAllContentsOfType(code, Call.class)) {
			if (reads(call.getFunction())) {
				return true;
			}
		}
		return false;
	}

	/** Whether the function's C form takes {@code self}. */
	boolean reads(Function f) {
		Boolean known = functions.get(f);
		if (known == null) {
			// a recursive function (refused later, with its position) must not recurse here: assume not
			functions.put(f, false);
			known = reads((EObject) f);
			functions.put(f, known);
		}
		return known;
	}
}
