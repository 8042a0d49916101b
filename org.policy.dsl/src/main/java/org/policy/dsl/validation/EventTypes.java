package org.policy.dsl.validation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.policy.dsl.policy.Event;

/** The event types of docs/semantics.md: the target's state before each event and the states allowed after. */
final class EventTypes {
	private EventTypes() {
	}

	/** The state of a handler's target thread, as far as the handler can tell. */
	enum ThreadState {
		/** Before its {@code new} event: in no queue yet. */
		NEW("outside every queue"),
		RUNNING("running"),
		READY("ready"),
		BLOCKED("blocked"),
		TERMINATED("terminated"),
		/** After a transition already reported as wrong: anything goes, so that one mistake is one message. */
		UNKNOWN("?");

		final String words;

		ThreadState(String words) {
			this.words = words;
		}
	}

	/** The events whose handler every policy must have, in the order the table lists them. */
	static final List<Event> MANDATORY = List.of(Event.NEW, Event.TICK, Event.YIELD, Event.BLOCK, Event.UNBLOCK,
			Event.TERMINATE, Event.SCHEDULE);

	static boolean hasTarget(Event event) {
		return switch (event) {
			case SCHEDULE, ENTER_IDLE, EXIT_IDLE -> false;
			default -> true;
		};
	}

	static ThreadState before(Event event) {
		return switch (event) {
			case NEW -> ThreadState.NEW;
			case UNBLOCK -> ThreadState.BLOCKED;
			default -> ThreadState.RUNNING;
		};
	}

	static Set<ThreadState> after(Event event) {
		return switch (event) {
			case TICK -> EnumSet.of(ThreadState.RUNNING, ThreadState.READY);
			case BLOCK -> EnumSet.of(ThreadState.BLOCKED);
			case TERMINATE -> EnumSet.of(ThreadState.TERMINATED);
			default -> EnumSet.of(ThreadState.READY);
		};
	}

	/** "running or ready". */
	static String afterWords(Event event) {
		return event == Event.TICK ? "running or ready" : after(event).iterator().next().words;
	}

	/** How a handler is written: "on block(t)", "on schedule". */
	static String handlerText(Event event) {
		return "on " + event.getLiteral() + (hasTarget(event) ? "(t)" : "");
	}

	/** What a mandatory handler says: "when a thread blocks". */
	static String purpose(Event event) {
		return switch (event) {
			case NEW -> "when a thread is created";
			case TICK -> "when the clock ticks for a running thread";
			case YIELD -> "when a thread yields";
			case BLOCK -> "when a thread blocks";
			case UNBLOCK -> "when a thread unblocks";
			case TERMINATE -> "when a thread terminates";
			case SCHEDULE -> "when a core needs a thread to run";
			default -> "when " + event.getLiteral() + " happens";
		};
	}
}
