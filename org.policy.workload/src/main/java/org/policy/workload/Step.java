package org.policy.workload;

/**
 * One event of an rt-app phase, typed. Durations are in µs, as rt-app writes them. Names (timers,
 * barriers, conditions, mutexes, tasks) are as the file writes them: a tool gives them ids when it
 * flattens the workload.
 */
public sealed interface Step {

	/** The step's kind: {@link StepKind} names each record. */
	default StepKind kind() {
		return StepKind.of(this);
	}

	/** Whether a thread may block in this step: the rule of {@link StepKind#blocks()}. */
	default boolean blocks() {
		return kind().blocks();
	}

	/** {@code "run": us}: use the CPU for {@code us} µs. */
	record Run(long us) implements Step {
	}

	/** {@code "runtime": us}: run for {@code us} µs (rt-app's wall-clock run; the same here). */
	record Runtime(long us) implements Step {
	}

	/** {@code "sleep": us}: block for {@code us} µs. */
	record Sleep(long us) implements Step {
	}

	/**
	 * {@code "timer": {"ref": ref, "period": us, "mode": ...}}: block until the timer's next expiry. A
	 * {@code ref} starting with {@code unique} names a timer of each thread, any other a shared one.
	 */
	record Timer(String ref, long periodUs, boolean absolute) implements Step {
		/** Whether each thread has its own timer of this name (rt-app's {@code "unique"} timers). */
		public boolean perThread() {
			return ref.startsWith("unique");
		}
	}

	/** {@code "yield": 0}: give the core up. */
	record Yield() implements Step {
	}

	/** {@code "fork": task}: create a thread of {@code task}. */
	record Fork(String task) implements Step {
	}

	/** {@code "barrier": name}: wait until every thread that uses the barrier has arrived. */
	record Barrier(String name) implements Step {
	}

	/** {@code "suspend": thread}: block until resumed; an empty name is the thread's own task. */
	record Suspend(String thread) implements Step {
	}

	/** {@code "resume": thread}: wake every thread suspended under that name. */
	record Resume(String thread) implements Step {
	}

	/** {@code "wait": {"ref": ref, "mutex": m}}: wait on a condition, releasing {@code mutex} (or null) meanwhile. */
	record Wait(String ref, String mutex) implements Step {
	}

	/** {@code "signal": ref}: wake one waiter of the condition. */
	record Signal(String ref) implements Step {
	}

	/** {@code "broad": ref}: wake every waiter of the condition. */
	record Broad(String ref) implements Step {
	}

	/** {@code "sync": {"ref": ref, "mutex": m}}: signal the condition, then wait on it (as {@link Wait}). */
	record Sync(String ref, String mutex) implements Step {
	}

	/** {@code "lock": mutex}: take the mutex, blocking while another thread holds it. */
	record Lock(String mutex) implements Step {
	}

	/** {@code "unlock": mutex}: release the mutex. */
	record Unlock(String mutex) implements Step {
	}
}
