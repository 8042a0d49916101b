package org.policy.dsl.semantics;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * The {@link Ops} methods that code emitted by {@link PolicyCompiler} calls, each with the JVM
 * descriptor of its real Java signature.
 *
 * <p>Why not descriptor strings written by hand: a string that disagrees with the method (after a
 * parameter is added to an Ops method, say) compiles, and fails only when the JVM loads a policy's
 * class, as a NoSuchMethodError or VerifyError far from the cause. Here the descriptor is read from
 * the method itself, and a name that no Ops method has fails when this enum initialises, which
 * {@code OpsCallTest} does.
 */
enum OpsCall {
	REFERENCE("reference"),
	MOVABLE("movable"),
	NOW("now"),
	SELF("self"),
	SLOT("slot"),
	SHARED_QUEUE("sharedQueue"),
	CURRENT("current"),
	CORE_QUEUE("coreQueue"),
	THREAD_ATTR("threadAttr"),
	CORE_ATTR("coreAttr"),
	NOT("not"),
	DIVIDE("divide"),
	REMAINDER("remainder"),
	IN("in"),
	IN_DOMAIN("inDomain"),
	IN_STATE("inState"),
	EMPTY("empty"),
	SIZE("size"),
	FIRST("first"),
	RUNNABLE("runnable"),
	CPU("cpu"),
	DOMAIN("domain"),
	AFFINITY("affinity"),
	ABS("abs"),
	PREEMPT("preempt"),
	MIN("min"),
	MAX("max"),
	CLAMP("clamp"),
	LOG2("log2"),
	TABLE_ELEMENT("tableElement"),
	POSITIONS("positions"),
	ELEMENT("element"),
	NEXT_IN_STATE("nextInState"),
	CORES("cores"),
	MEMBER_OR_NONE("memberOrNone"),
	IS_QUEUE("isQueue"),
	CORE_BIT("coreBit"),
	ORDER_BY_ID("orderById"),
	CHOOSE_CORE("chooseCore"),
	QUEUE_SUM("queueSum"),
	SNAPSHOT("snapshot"),
	SNAPSHOT_AT("snapshotAt"),
	SET_SLOT("setSlot"),
	ADD_SLOT("addSlot"),
	SUBTRACT_SLOT("subtractSlot"),
	ASSIGN_THREAD_ATTR("assignThreadAttr"),
	ASSIGN_CORE_ATTR("assignCoreAttr"),
	TO_CORE_STATE("toCoreState"),
	TO_BLOCKED("toBlocked"),
	TO_TERMINATED("toTerminated"),
	TO_QUEUE("toQueue"),
	TO_CURRENT("toCurrent");

	/** Ops' internal name, the owner of every call. */
	static final String OWNER = Type.getInternalName(Ops.class);

	/** The method's name in {@link Ops}. */
	final String methodName;
	/** Its JVM descriptor, from its declared parameter and return types. */
	final String descriptor;

	OpsCall(String methodName) {
		Method method = method(methodName);
		this.methodName = methodName;
		this.descriptor = Type.getMethodDescriptor(method);
	}

	/** The one static method of Ops with this name (Ops has no overloads, so the name is enough). */
	static Method method(String name) {
		List<Method> found = Arrays.stream(Ops.class.getDeclaredMethods())
				.filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
				.toList();
		if (found.size() != 1) {
			throw new IllegalStateException("Ops has " + found.size() + " static methods named '" + name
					+ "'; the policy compiler needs exactly one");
		}
		return found.get(0);
	}
}
