package org.policy.dsl.parser;

import java.util.function.Supplier;

/**
 * Runs a piece of deeply recursive work on a thread of its own with a large stack, and waits for it.
 *
 * <p>Why: the generated parser recurses about a dozen Java frames per level of nesting (one per
 * precedence level of the grammar), some 2.5 KB of stack, so text at the {@link NestingLimit} needs
 * about half of the 1 MB that a JVM thread gets by default, more than callers on other threads
 * (editors, servers, test runners) can be assumed to have left. The stack is reserved, not
 * allocated: only what the parse touches is used.
 */
final class LargeStack {
	/** Ample for {@link NestingLimit#MAX_DEPTH} (measured: a parse at the limit needs about 0.5 MB). */
	static final long BYTES = 32L << 20;

	private LargeStack() {
	}

	static <T> T call(String name, Supplier<T> work) {
		Object[] result = new Object[1];
		Throwable[] failure = new Throwable[1];
		Thread thread = new Thread(null, () -> {
			try {
				result[0] = work.get();
			} catch (Throwable t) { // handed to the caller, below
				failure[0] = t;
			}
		}, name, BYTES);
		thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
		thread.setDaemon(true);
		thread.start();
		boolean interrupted = false;
		while (true) {
			try {
				thread.join();
				break;
			} catch (InterruptedException e) {
				interrupted = true; // the work cannot be abandoned half-way: finish, then pass it on
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (failure[0] instanceof RuntimeException e) {
			throw e;
		}
		if (failure[0] instanceof Error e) {
			throw e;
		}
		if (failure[0] != null) {
			throw new IllegalStateException(failure[0]);
		}
		@SuppressWarnings("unchecked")
		T value = (T) result[0];
		return value;
	}
}
