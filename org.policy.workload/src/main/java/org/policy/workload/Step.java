package org.policy.workload;

import java.util.Objects;

/**
 * One event of an rt-app phase, typed. Durations are in µs, as rt-app writes them. Names (timers,
 * barriers, conditions, mutexes, tasks) are as the file writes them: a tool gives them ids when it
 * flattens the workload.
 */
public sealed interface Step {

	StepKind kind();

	/** Whether a thread may block in this step: the rule of {@link StepKind#blocks()}. */
	default boolean blocks() {
		return kind().blocks();
	}

	/** {@code "run": us}: use the CPU for {@code us} µs. */
	record Run(long us) implements Step {
		public StepKind kind() {
			return StepKind.RUN;
		}
	}

	/** {@code "runtime": us}: run for {@code us} µs (rt-app's wall-clock run; the same here). */
	record Runtime(long us) implements Step {
		public StepKind kind() {
			return StepKind.RUNTIME;
		}
	}

	/** {@code "sleep": us}: block for {@code us} µs. */
	record Sleep(long us) implements Step {
		public StepKind kind() {
			return StepKind.SLEEP;
		}
	}

	/**
	 * {@code "timer": {"ref": ref, "period": us, "mode": ...}}: block until the timer's next expiry. A
	 * {@code ref} starting with {@code unique} names a timer of each thread, any other a shared one.
	 */
	record Timer(String ref, long periodUs, boolean absolute) implements Step {
		public Timer {
			Objects.requireNonNull(ref);
		}

		public StepKind kind() {
			return StepKind.TIMER;
		}

		/** Whether each thread has its own timer of this name (rt-app's {@code "unique"} timers). */
		public boolean perThread() {
			return ref.startsWith("unique");
		}
	}

	/** {@code "yield": 0}: give the core up. */
	record Yield() implements Step {
		public StepKind kind() {
			return StepKind.YIELD;
		}
	}

	/** {@code "fork": task}: create a thread of {@code task}. */
	record Fork(String task) implements Step {
		public Fork {
			Objects.requireNonNull(task);
		}

		public StepKind kind() {
			return StepKind.FORK;
		}
	}

	/** {@code "barrier": name}: wait until every thread that uses the barrier has arrived. */
	record Barrier(String name) implements Step {
		public Barrier {
			Objects.requireNonNull(name);
		}

		public StepKind kind() {
			return StepKind.BARRIER;
		}
	}

	/** {@code "suspend": thread}: block until resumed; an empty name is the thread's own task. */
	record Suspend(String thread) implements Step {
		public Suspend {
			Objects.requireNonNull(thread);
		}

		public StepKind kind() {
			return StepKind.SUSPEND;
		}
	}

	/** {@code "resume": thread}: wake every thread suspended under that name. */
	record Resume(String thread) implements Step {
		public Resume {
			Objects.requireNonNull(thread);
		}

		public StepKind kind() {
			return StepKind.RESUME;
		}
	}

	/** {@code "wait": {"ref": ref, "mutex": m}}: wait on a condition, releasing {@code mutex} (or null) meanwhile. */
	record Wait(String ref, String mutex) implements Step {
		public Wait {
			Objects.requireNonNull(ref);
		}

		public StepKind kind() {
			return StepKind.WAIT;
		}
	}

	/** {@code "signal": ref}: wake one waiter of the condition. */
	record Signal(String ref) implements Step {
		public Signal {
			Objects.requireNonNull(ref);
		}

		public StepKind kind() {
			return StepKind.SIGNAL;
		}
	}

	/** {@code "broad": ref}: wake every waiter of the condition. */
	record Broad(String ref) implements Step {
		public Broad {
			Objects.requireNonNull(ref);
		}

		public StepKind kind() {
			return StepKind.BROAD;
		}
	}

	/** {@code "sync": {"ref": ref, "mutex": m}}: signal the condition, then wait on it (as {@link Wait}). */
	record Sync(String ref, String mutex) implements Step {
		public Sync {
			Objects.requireNonNull(ref);
		}

		public StepKind kind() {
			return StepKind.SYNC;
		}
	}

	/** {@code "lock": mutex}: take the mutex, blocking while another thread holds it. */
	record Lock(String mutex) implements Step {
		public Lock {
			Objects.requireNonNull(mutex);
		}

		public StepKind kind() {
			return StepKind.LOCK;
		}
	}

	/** {@code "unlock": mutex}: release the mutex. */
	record Unlock(String mutex) implements Step {
		public Unlock {
			Objects.requireNonNull(mutex);
		}

		public StepKind kind() {
			return StepKind.UNLOCK;
		}
	}
}
