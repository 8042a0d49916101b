package org.policy.dsl.ide.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.xtext.ide.ExecutorServiceProvider;

/**
 * Xtext's executors for the server's requests, which the session drains when it ends: a request still
 * running when the client's input closes (a rename, a validation) finishes or is abandoned before
 * {@link PolicyLanguageServer#run} returns, instead of logging into whatever runs next in the JVM (a
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

	/** Stops taking work, lets running requests finish for up to {@code millis}, then interrupts them. */
	synchronized void drain(long millis) {
		dispose();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		for (ExecutorService service : created) {
			try {
				if (!service.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					service.shutdownNow();
				}
			} catch (InterruptedException e) {
				service.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}
}
