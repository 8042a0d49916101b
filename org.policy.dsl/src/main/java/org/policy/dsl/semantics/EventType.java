package org.policy.dsl.semantics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.policy.dsl.policy.Event;

/**
 * The event types of the language, Bossa style (docs/semantics.md, "Events and their types"): for each
 * event, whether every policy must handle it, the state of the handler's target thread before the
 * handler, the states it may be in at the end of every path, and what else the handler may move.
 *
 * <p>This is the one table of that contract. The checker proves every path of every handler against it
 * ({@code validation/EventTypeChecks}), the interpreter enforces it after each handler, the generator
 * quotes {@link #contract()} above each generated C handler, the language server shows it on hover and
 * builds handler skeletons from it, and the table in docs/semantics.md is {@link #markdownTable()} (a
 * test compares them). A new event, or a changed rule, is one line here.
 *
 * <p>Every handler may change core states; no other transition is allowed unless a row says so.
 */
public enum EventType {
	NEW(Event.NEW, true, Target.NEW, List.of(Target.READY), false, "when a thread is created",
			"The target has just been created by a thread running on self. It must end ready in some queue."),
	TICK(Event.TICK, true, Target.RUNNING_ON_SELF, List.of(Target.RUNNING_ON_SELF, Target.READY), false,
			"when the clock ticks for a running thread",
			"Runs on self every tick (1/HZ) while the target runs there. The target must end still running on"
					+ " self, or ready in a queue (a preemption)."),
	YIELD(Event.YIELD, true, Target.RUNNING_ON_SELF, List.of(Target.READY), false, "when a thread yields",
			"The target, running on self, gives the core up. It must end ready in a queue."),
	BLOCK(Event.BLOCK, true, Target.RUNNING_ON_SELF, List.of(Target.BLOCKED), false, "when a thread blocks",
			"The target, running on self, waits for something. It must end blocked."),
	UNBLOCK(Event.UNBLOCK, true, Target.BLOCKED, List.of(Target.READY), false, "when a thread unblocks",
			"The blocked target is woken by a thread running on self. It must end ready in a queue."),
	TERMINATE(Event.TERMINATE, true, Target.RUNNING_ON_SELF, List.of(Target.TERMINATED), false,
			"when a thread terminates", "The target, running on self, exits. It must end terminated."),
	SCHEDULE(Event.SCHEDULE, true, Target.NONE, List.of(), true, "when a core needs a thread to run",
			"Self runs nothing. The handler may move one ready thread to self.current: the only place where a"
					+ " thread starts running."),
	ENTER_IDLE(Event.ENTER_IDLE, false, Target.NONE, List.of(), false, "when a core goes idle",
			"Self found nothing to run and goes idle. Only core states may change."),
	EXIT_IDLE(Event.EXIT_IDLE, false, Target.NONE, List.of(), false, "when an idle core has work again",
			"Work appeared for the idle core self. Only core states may change."),
	PREEMPT(Event.PREEMPT, false, Target.RUNNING_ON_SELF, List.of(Target.READY), false,
			"when a handler asked the core to reschedule",
			"A `new` or `unblock` handler asked self to reschedule (`preempt self;`, `preempt c;`); the target,"
					+ " running on self, gives the core up. It must end ready in a queue. Required when the policy"
					+ " uses `preempt`.");

	/** The state of a handler's target thread, before or after the handler. */
	public enum Target {
		/** The event has no target thread. */
		NONE("—", -1),
		/** Being created: in no queue yet. */
		NEW("new, in no queue", ThreadState.NEW),
		RUNNING_ON_SELF("running on self", ThreadState.RUNNING),
		READY("ready", ThreadState.READY),
		BLOCKED("blocked", ThreadState.BLOCKED),
		TERMINATED("terminated", ThreadState.TERMINATED);

		private final String words;
		private final int machineState;

		Target(String words, int machineState) {
			this.words = words;
			this.machineState = machineState;
		}

		/** How the docs and messages say it: "running on self". */
		public String words() {
			return words;
		}

		/** The {@link ThreadState} a thread in this state has in a {@link Machine}. */
		public int machineState() {
			return machineState;
		}
	}

	private static final EventType[] BY_EVENT = new EventType[Event.values().length];

	static {
		for (EventType type : values()) {
			BY_EVENT[type.event.ordinal()] = type;
		}
		for (Event e : Event.values()) {
			if (BY_EVENT[e.ordinal()] == null) {
				throw new ExceptionInInitializerError("event " + e + " has no event type");
			}
		}
	}

	private final Event event;
	private final boolean mandatory;
	private final Target before;
	private final List<Target> after;
	private final boolean picksAThread;
	private final String when;
	private final String contract;
	/** {@link #after} as a set of machine states, so that the interpreter checks it without allocating. */
	private final int afterStates;

	EventType(Event event, boolean mandatory, Target before, List<Target> after, boolean picksAThread, String when,
			String contract) {
		this.event = event;
		this.mandatory = mandatory;
		this.before = before;
		this.after = after;
		this.picksAThread = picksAThread;
		this.when = when;
		this.contract = contract;
		int states = 0;
		for (Target t : after) {
			states |= 1 << t.machineState;
		}
		this.afterStates = states;
	}

	public static EventType of(Event event) {
		return BY_EVENT[event.ordinal()];
	}

	/** The handlers every policy must have, in the order of the table. */
	public static List<Event> mandatoryEvents() {
		return Arrays.stream(values()).filter(EventType::mandatory).map(EventType::event).toList();
	}

	public Event event() {
		return event;
	}

	/** Whether every policy must have a handler for this event. */
	public boolean mandatory() {
		return mandatory;
	}

	/** Whether the handler has a target thread, named in parentheses: {@code on block(t)}. */
	public boolean hasTarget() {
		return before != Target.NONE;
	}

	/** The target's state when the handler starts ({@link Target#NONE} without a target). */
	public Target before() {
		return before;
	}

	/** The states the target may be in when the handler ends, on every path (empty without a target). */
	public List<Target> after() {
		return after;
	}

	/** The one state the target must end in, when there is only one. */
	public Target onlyAfter() {
		return after.size() == 1 ? after.get(0) : Target.NONE;
	}

	/** Whether the handler may move one ready thread to {@code self.current} (only {@code schedule}). */
	public boolean picksAThread() {
		return picksAThread;
	}

	/** Why the handler runs, as a clause: "when a thread blocks". */
	public String when() {
		return when;
	}

	/** The contract in two sentences, in plain text, as the generated C and the hover quote it. */
	public String contract() {
		return contract;
	}

	/** How a handler for it is written: "on block(t)", "on schedule". */
	public String handlerText() {
		return "on " + event.getLiteral() + (hasTarget() ? "(t)" : "");
	}

	/**
	 * Whether a target left in machine state {@code state}, on core {@code cpu}, by a handler that ran on
	 * {@code self} satisfies the event type. Allocation-free: the interpreter calls it after every handler.
	 */
	public boolean allowsEnd(int state, int cpu, int self) {
		if ((afterStates & (1 << state)) == 0) {
			return false;
		}
		return state != ThreadState.RUNNING || cpu == self;
	}

	/** The table of docs/semantics.md, one row per event, as Markdown. */
	public static String markdownTable() {
		List<String> rows = new ArrayList<>();
		rows.add("| event | mandatory | target before | target after (every path) | other transitions allowed |");
		rows.add("|---|---|---|---|---|");
		for (EventType type : values()) {
			String afterWords = type.after.isEmpty() ? Target.NONE.words
					: type.after.stream().map(Target::words).collect(Collectors.joining(", or "));
			String others = type.picksAThread ? "at most one thread: ready → `self.current`; core states"
					: "core states";
			rows.add("| `" + type.handlerText().substring(3) + "` | " + (type.mandatory ? "yes" : "no") + " | "
					+ type.before.words + " | " + afterWords + " | " + others + " |");
		}
		return String.join("\n", rows) + "\n";
	}
}
