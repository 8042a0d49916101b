package org.policy.verifier.explore;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.EcoreUtil2;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.BuiltinCall;
import org.policy.dsl.policy.Foreach;
import org.policy.dsl.policy.Type;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.typing.PolicyTypes;
import org.policy.dsl.typing.ValueType;

/**
 * What about a policy's state limits the reductions: attributes that hold thread ids stop thread
 * renaming (and forgetting terminated threads), attributes that hold core ids (and the core input
 * {@code id}) stop core symmetry, and so does a {@code foreach} over cores, whose body runs on the cores
 * in increasing id (the tie choices of {@link TieChoices} cover every other id order of the language). A
 * policy that never calls {@code cpu(t)} cannot observe the core a blocked or shared-queue thread
 * belongs to, so state keys need not record it. The thread inputs it declares decide what a created
 * thread's inputs may be ({@link InputDomain}); whether it calls {@code affinity(t)} decides whether
 * restricted affinities are explored by default ({@link AffinityDomain}): a policy that never reads a
 * thread's affinity cannot respect it.
 */
record ModelFeatures(boolean threadValued, boolean coreValued, boolean readsCpu, boolean readsAffinity,
		List<Input> threadInputs) {

	static ModelFeatures of(CompiledPolicy policy) {
		List<Attribute> all = new ArrayList<>(PolicyModel.threadAttributes(policy.policy()));
		all.addAll(PolicyModel.coreAttributes(policy.policy()));
		boolean threads = all.stream().anyMatch(a -> a.getType() == Type.THREAD);
		// a core's id input tells cores apart as a core-valued attribute does
		boolean cores = all.stream().anyMatch(a -> a.getType() == Type.CORE || Input.of(a).orElse(null) == Input.ID)
				// a foreach over cores runs its body on the cores in increasing id, which no tie choice covers
				|| EcoreUtil2.eAllOfType(policy.policy(), Foreach.class).stream()
						.anyMatch(f -> PolicyTypes.typeOf(f.getCollection()) == ValueType.CORE_SET);
		List<BuiltinCall> calls = EcoreUtil2.eAllOfType(policy.policy(), BuiltinCall.class);
		boolean cpu = calls.stream().anyMatch(b -> b.getBuiltin() == Builtin.CPU);
		boolean affinity = calls.stream().anyMatch(b -> b.getBuiltin() == Builtin.AFFINITY);
		return new ModelFeatures(threads, cores, cpu, affinity, Input.threadInputsOf(policy.policy()));
	}
}
