package org.policy.dsl.ide.hover;

import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.Event;

/**
 * One-paragraph explanations of the language's fixed vocabulary (events, builtins, aggregates), shown
 * when hovering over them. They summarise docs/semantics.md, which stays the contract; the checker
 * enforces the event types, this only explains them.
 */
final class LanguageReference {
	private LanguageReference() {
	}

	static String event(Event event) {
		return switch (event) {
			case NEW -> "A thread is created. Its target starts new and must end **ready** in a queue on every path.";
			case TICK -> "A timer tick on `self` while the target runs there. The target ends **running on self** or **ready** (preempted).";
			case YIELD -> "The target, running on `self`, gives up the core. It must end **ready** in a queue.";
			case BLOCK -> "The target, running on `self`, waits for I/O or a lock. It must end **blocked**: `t => blocked;`.";
			case UNBLOCK -> "The blocked target can run again. It must end **ready** in a queue.";
			case TERMINATE -> "The target, running on `self`, exits. It must end **terminated**: `t => terminated;`.";
			case SCHEDULE -> "`self` has no current thread: move at most one ready thread to `self.current`.";
			case ENTER_IDLE -> "`self` found nothing to run and becomes idle; only core-state transitions are allowed.";
			case EXIT_IDLE -> "An idle `self` has work again; only core-state transitions are allowed.";
		};
	}

	static boolean mandatory(Event event) {
		return switch (event) {
			case NEW, TICK, YIELD, BLOCK, UNBLOCK, TERMINATE, SCHEDULE -> true;
			case ENTER_IDLE, EXIT_IDLE -> false;
		};
	}

	static final String BALANCE = "Ipanema's structured steal, run on `self`: *filter* the cores that may be robbed, "
			+ "*select* one victim `c`, *migrate* its threads one by one to the same queue on `self` until *stop* holds; "
			+ "*on move* (optional) updates each thread just before it moves. "
			+ "With `per level`, tried per topology level, innermost first.";

	static String builtin(Builtin builtin) {
		return switch (builtin) {
			case EMPTY -> "`empty(q)`: whether the queue `q` holds no thread.";
			case SIZE -> "`size(x)`: the number of threads in a queue or of cores in a set.";
			case FIRST -> "`first(q)`: the head of queue `q` (lowest key for `lowest`, highest for `highest`), or `none`.";
			case RUNNABLE -> "`runnable(c)`: 1 if core `c` has a current thread, plus the threads in its per-core queues.";
			case DOMAIN -> "`domain(c, L)`: the cores that share `c`'s group at topology level `L`.";
			case CPU -> "`cpu(t)`: the core thread `t` runs on or is queued on (or last was).";
			case ABS -> "`abs(x)`: the absolute value of a number.";
		};
	}

	static String aggregate(AggregateKind kind) {
		return switch (kind) {
			case MIN -> "`min(x in C by K)`: the element of `C` with the lowest `K` (ties: lowest core id / first in queue order), or `none`.";
			case MAX -> "`max(x in C by K)`: the element of `C` with the highest `K` (ties: lowest core id / first in queue order), or `none`.";
			case SUM -> "`sum(x in C of K)`: the sum of `K` over the elements of `C` (optionally `where` a condition).";
			case COUNT -> "`count(x in C where P)`: how many elements of `C` satisfy `P`.";
			case EXISTS -> "`exists(x in C where P)`: whether some element of `C` satisfies `P`.";
			case ALL -> "`all(x in C where P)`: whether every element of `C` satisfies `P`.";
		};
	}
}
