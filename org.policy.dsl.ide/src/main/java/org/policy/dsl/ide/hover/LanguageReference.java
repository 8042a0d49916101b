package org.policy.dsl.ide.hover;

import java.util.stream.Collectors;
import org.policy.dsl.policy.AggregateKind;
import org.policy.dsl.policy.Builtin;
import org.policy.dsl.policy.Event;
import org.policy.dsl.semantics.EventType;

/**
 * One-paragraph explanations of the language's fixed vocabulary (events, builtins, aggregates), shown
 * when hovering over them. An event's text is its row of {@link EventType}, the one table the checker
 * and the interpreter enforce; the others summarise docs/semantics.md.
 */
final class LanguageReference {
	private LanguageReference() {
	}

	/** The event type's contract, then what the checker holds every path to, from the one table. */
	static String event(Event event) {
		EventType type = EventType.of(event);
		StringBuilder text = new StringBuilder(type.contract());
		if (type.hasTarget()) {
			text.append("\n\nTarget: **").append(type.before().words()).append("** before; **")
					.append(type.after().stream().map(EventType.Target::words).collect(Collectors.joining("** or **")))
					.append("** at the end of every path.");
		}
		text.append(type.mandatory() ? " Every policy has this handler." : " Optional.");
		return text.toString();
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
			case AFFINITY -> "`affinity(t)`: the cores thread `t` may run on (its affinity, set by the environment: "
					+ "sched_setaffinity, taskset, rt-app's `cpus`); every core unless restricted. Moving `t` to a core "
					+ "outside it is a fault; a steal skips such threads.";
			case ABS -> "`abs(x)`: the absolute value of a number.";
			case MIN -> "`min(a, b)`: the smaller of two numbers.";
			case MAX -> "`max(a, b)`: the larger of two numbers.";
			case CLAMP -> "`clamp(x, lo, hi)`: `x` kept within `[lo, hi]`, as `min(max(x, lo), hi)` (Linux's clamp()).";
			case LOG2 -> "`log2(x)`: the base-2 logarithm of `x`, rounded down (Linux's ilog2()); 0 when `x` is below 1.";
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
			case FIRST -> "`first(x in C where P)`: the first element of `C` (in queue order, or lowest core id) that "
					+ "satisfies `P`, or `none`.";
		};
	}
}
