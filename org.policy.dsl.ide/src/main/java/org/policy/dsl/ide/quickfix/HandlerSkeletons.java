package org.policy.dsl.ide.quickfix;

import java.util.List;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Event;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.policy.Queue;
import org.policy.dsl.policy.SharedQueue;
import org.policy.dsl.semantics.EventType;

/**
 * The smallest handler of each event that its event type ({@link EventType}) accepts: block ends in
 * {@code blocked}, terminate in {@code terminated}, new/yield/unblock put the target in a ready queue of
 * the policy (its first per-core queue on {@code self}, else its first shared queue), schedule runs the
 * head of that queue. Quick fixes and content assist insert them.
 */
public final class HandlerSkeletons {
	private HandlerSkeletons() {
	}

	public static List<Event> missing(Policy policy) {
		return EventType.mandatoryEvents().stream().filter(e -> PolicyModel.handler(policy, e).isEmpty()).toList();
	}

	/** The handler's text, its lines indented by {@code indent} plus {@code unit} per level, ending in a newline. */
	public static String handler(Policy policy, Event event, String indent, String unit) {
		String header = EventType.of(event).handlerText() + " {";
		StringBuilder text = new StringBuilder(indent).append(header).append('\n');
		for (String line : body(policy, event)) {
			text.append(indent).append(unit).append(line.replace("\t", unit)).append('\n');
		}
		return text.append(indent).append("}\n").toString();
	}

	/** The statement that puts target {@code t} where its event type says it must end, or null if it may stay. */
	public static String finalTransition(Policy policy, Event event, String t) {
		return switch (EventType.of(event).onlyAfter()) {
			case BLOCKED -> t + " => blocked;";
			case TERMINATED -> t + " => terminated;";
			case READY -> t + " => " + readyQueue(policy) + ";";
			default -> null;
		};
	}

	private static List<String> body(Policy policy, Event event) {
		if (EventType.of(event).picksAThread()) {
			return List.of("if (!empty(" + readyQueue(policy) + ")) {",
					"\tfirst(" + readyQueue(policy) + ") => self.current;", "}");
		}
		String last = finalTransition(policy, event, "t");
		return last == null ? List.of() : List.of(last);
	}

	/** A ready queue of the policy as an expression valid in any handler. */
	static String readyQueue(Policy policy) {
		List<Queue> perCore = PolicyModel.coreQueues(policy);
		if (!perCore.isEmpty()) {
			return "self." + perCore.get(0).getName();
		}
		List<SharedQueue> shared = PolicyModel.sharedQueues(policy);
		return shared.isEmpty() ? "self.ready" : shared.get(0).getName();
	}
}
