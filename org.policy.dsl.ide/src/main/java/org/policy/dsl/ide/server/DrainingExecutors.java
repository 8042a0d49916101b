package org.policy.dsl.ide.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.xtext.ide.ExecutorServiceProvider;

/**
 * Xtext's executors for the server's requests, which the session drains when it ends: a request still
 * running when the client's input closes (a rename, a validation) finishes before
 * {@link PolicyLanguageServer#run} returns (within a bound), instead of logging into whatever runs next in the JVM (a
 * second session, or a command whose error log would count the stray message as its own failure).
 */
final class DrainingExecutors extends ExecutorServiceProvider {
	private final List<ExecutorService> created = new ArrayList<>();

	@Override
	protected synchronized ExecutorService createInstance(String key) {
		ExecutorService service = super.createInstance(key);
		created.add(service);
		return service;
	}

	/**
	 * Stops taking work and lets running requests finish, for up to {@code millis} in all. A request still
	 * running after that is left to finish on its own: interrupting it would make it answer with an
	 * internal error.
	 */
	synchronized void drain(long millis) {
		dispose();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		try {
			for (ExecutorService service : created) {
				service.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
