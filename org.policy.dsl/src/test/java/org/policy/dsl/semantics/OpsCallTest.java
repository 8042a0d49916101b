package org.policy.dsl.semantics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The calls into {@link Ops} that the policy compiler emits name real Ops methods with their real
 * descriptors, so that a renamed or re-typed Ops method fails here, not when a policy's class loads.
 */
class OpsCallTest {
	@Test
	void everyCallResolvesToAStaticOpsMethodWithItsDescriptor() {
		MethodHandles.Lookup lookup = MethodHandles.lookup();
		for (OpsCall call : OpsCall.values()) {
			MethodType type = MethodType.fromMethodDescriptorString(call.descriptor, Ops.class.getClassLoader());
			assertDoesNotThrow(() -> lookup.findStatic(Ops.class, call.methodName, type),
					call + ": no static Ops." + call.methodName + call.descriptor);
		}
	}

	@Test
	void everyOpsMethodHasItsCall() {
		// an Ops method without a call is dead code, or a call the compiler makes outside this table
		Set<String> methods = Arrays.stream(Ops.class.getDeclaredMethods())
				.filter(m -> Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
				.map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
		Set<String> called = Arrays.stream(OpsCall.values()).map(c -> c.methodName)
				.collect(Collectors.toCollection(TreeSet::new));
		assertEquals(methods, called);
	}

	@Test
	void theDescriptorIsTheSignatureOfTheJavaMethod() {
		assertEquals("(L" + Frame.class.getName().replace('.', '/') + ";IJI)V", OpsCall.TO_QUEUE.descriptor);
		assertEquals("(JJ)J", OpsCall.DIVIDE.descriptor);
	}

	@Test
	void aNameOpsDoesNotHaveIsRefused() {
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpsCall.method("noSuchOp"));
		assertEquals("Ops has 0 static methods named 'noSuchOp'; the policy compiler needs exactly one", e.getMessage());
	}
}
