package org.policy.dsl.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.CoreState;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;

/**
 * A checked policy made ready to run: its state {@link Layout} and its parameters' defaults and ranges.
 * Immutable and shareable; {@link #newMachine} makes states, {@link #newInterpreter} makes the
 * (single-threaded) executors of its handlers. The model must be free of errors (run the checks first).
 */
public final class CompiledPolicy {
	private final Policy policy;
	private final Layout layout;
	private final Map<String, ParamSpec> params;
	/** Compiled code per full set of parameter values, shared by the interpreters of those values. */
	private final Map<Map<String, Long>, Program> programs = new java.util.concurrent.ConcurrentHashMap<>();

	/** A parameter: default and inclusive range, all in the parameter's unit (ns for time). */
	public record ParamSpec(String name, String type, long defaultValue, long min, long max) {
	}

	private CompiledPolicy(Policy policy) {
		this.policy = policy;
		this.layout = layoutOf(policy);
		Map<String, ParamSpec> specs = new LinkedHashMap<>();
		for (Param param : PolicyModel.params(policy)) {
			long value = Constants.evaluate(param.getDefault(), Map.of());
			long min = param.getMin() == null ? Long.MIN_VALUE : Constants.evaluate(param.getMin(), Map.of());
			long max = param.getMax() == null ? Long.MAX_VALUE : Constants.evaluate(param.getMax(), Map.of());
			specs.put(param.getName(), new ParamSpec(param.getName(), param.getType().getLiteral(), value, min, max));
		}
		this.params = Collections.unmodifiableMap(specs);
	}

	public static CompiledPolicy of(Policy policy) {
		return new CompiledPolicy(policy);
	}

	public Policy policy() {
		return policy;
	}

	public String name() {
		return policy.getName();
	}

	public Layout layout() {
		return layout;
	}

	public Map<String, ParamSpec> params() {
		return params;
	}

	/** A machine of {@code topology.cores()} cores with room for {@code threadCapacity} threads. */
	public Machine newMachine(Topology topology, int threadCapacity) {
		return new Machine(layout, topology, threadCapacity);
	}

	/** An interpreter with every parameter at its default. */
	public Interpreter newInterpreter() {
		return newInterpreter(Map.of());
	}

	/**
	 * An interpreter with some parameters set.
	 *
	 * @throws IllegalArgumentException naming the parameter, for an unknown name or a value out of range
	 */
	public Interpreter newInterpreter(Map<String, Long> overrides) {
		Map<String, Long> values = new LinkedHashMap<>();
		params.values().forEach(p -> values.put(p.name(), p.defaultValue()));
		for (Map.Entry<String, Long> e : overrides.entrySet()) {
			ParamSpec spec = params.get(e.getKey());
			if (spec == null) {
				throw new IllegalArgumentException("policy " + name() + " has no parameter '" + e.getKey()
						+ "' (it has: " + String.join(", ", params.keySet()) + ")");
			}
			long v = e.getValue();
			if (v < spec.min() || v > spec.max()) {
				throw new IllegalArgumentException("parameter '" + e.getKey() + "' = " + v + " is outside its range ["
						+ spec.min() + ", " + spec.max() + "]");
			}
			values.put(e.getKey(), v);
		}
		return new Interpreter(this, programs.computeIfAbsent(Map.copyOf(values),
				v -> PolicyCompiler.compile(policy, layout, v)));
	}

	private static Layout layoutOf(Policy policy) {
		List<String> threadAttrs = names(PolicyModel.threadAttributes(policy));
		List<String> coreAttrs = names(PolicyModel.coreAttributes(policy));
		List<String> queues = new ArrayList<>();
		List<Integer> slots = new ArrayList<>();
		List<Boolean> highest = new ArrayList<>();
		List<Attribute> threadAttributes = PolicyModel.threadAttributes(policy);
		for (Queue q : PolicyModel.coreQueues(policy)) {
			queues.add(q.getName());
			slots.add(q.getOrder().isFifo() ? -1 : threadAttributes.indexOf(q.getOrder().getKey()));
			highest.add(!q.getOrder().isFifo() && "highest".equals(q.getOrder().getDirection().getLiteral()));
		}
		int coreQueues = queues.size();
		for (SharedQueue q : PolicyModel.sharedQueues(policy)) {
			queues.add(q.getName());
			slots.add(q.getOrder().isFifo() ? -1 : threadAttributes.indexOf(q.getOrder().getKey()));
			highest.add(!q.getOrder().isFifo() && "highest".equals(q.getOrder().getDirection().getLiteral()));
		}
		int[] orderSlot = slots.stream().mapToInt(Integer::intValue).toArray();
		boolean[] orderHighest = new boolean[highest.size()];
		for (int i = 0; i < orderHighest.length; i++) {
			orderHighest[i] = highest.get(i);
		}
		List<String> states = new ArrayList<>();
		for (CoreState s : PolicyModel.coreStates(policy)) {
			states.add(s.getName());
		}
		return new Layout(List.copyOf(threadAttrs), List.copyOf(coreAttrs), List.copyOf(queues), coreQueues,
				orderSlot, orderHighest, List.copyOf(states),
				SummedAttributes.of(policy).stream().mapToInt(threadAttributes::indexOf).toArray());
	}

	private static List<String> names(List<Attribute> attributes) {
		List<String> names = new ArrayList<>();
		attributes.forEach(a -> names.add(a.getName()));
		return names;
	}
}
