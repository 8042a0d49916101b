package org.policy.dsl.validation;

import java.util.stream.Collectors;
import org.policy.dsl.policy.Event;
import org.policy.dsl.semantics.EventType;

/**
 * The state of a handler's target thread along one path, as far as the checker can tell: the states of
 * the event types ({@link EventType}, the one table), plus {@link #UNKNOWN} after a transition already
 * reported as wrong, so that one mistake is one message.
 */
enum TargetState {
	/** Before its {@code new} event: in no queue yet. */
	NEW("outside every queue"),
	RUNNING("running"),
	READY("ready"),
	BLOCKED("blocked"),
	TERMINATED("terminated"),
	UNKNOWN("?");

	final String words;

	TargetState(String words) {
		this.words = words;
	}

	static TargetState of(EventType.Target target) {
		return switch (target) {
			case NEW -> NEW;
			case RUNNING_ON_SELF -> RUNNING;
			case READY -> READY;
			case BLOCKED -> BLOCKED;
			case TERMINATED -> TERMINATED;
			case NONE -> UNKNOWN;
		};
	}

	/** The state the target of {@code event} starts in. */
	static TargetState before(Event event) {
		return of(EventType.of(event).before());
	}

	/** Whether {@code event}'s handler may leave its target in this state. */
	boolean allowedAfter(Event event) {
		return EventType.of(event).after().stream().anyMatch(t -> of(t) == this);
	}

	/** The states {@code event}'s handler may leave its target in, as a message says them: "running or ready". */
	static String afterWords(Event event) {
		return EventType.of(event).after().stream().map(t -> of(t).words).collect(Collectors.joining(" or "));
	}
}
