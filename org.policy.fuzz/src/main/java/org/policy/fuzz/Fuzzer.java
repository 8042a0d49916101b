package org.policy.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs inputs on a worker thread, one at a time, with a time limit: an input that does not finish in
 * time is a hang. The worker of a hung input cannot be killed; it is abandoned (a daemon thread, with a
 * large stack so that deep recursion is a StackOverflowError of the code under test, as on the main
 * thread of the real command, not of a small pool thread) and a new one takes over.
 */
public final class Fuzzer implements AutoCloseable {
	/** The main thread's default stack on 64-bit Linux: what {@code bin/policy} runs with. */
	private static final long STACK_BYTES = 8L << 20;

	private final Duration limit;
	private ExecutorService worker = newWorker();

	public Fuzzer(Duration limit) {
		this.limit = limit;
	}

	public Observation run(Target target, FuzzInput input) {
		Future<Observation> result = worker.submit(() -> target.run(input));
		try {
			return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
		} catch (TimeoutException e) {
			result.cancel(true);
			worker.shutdownNow();
			worker = newWorker();
			return Observation.hang();
		} catch (ExecutionException e) {
			return Observation.escaped(e.getCause());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	private static ExecutorService newWorker() {
		return Executors.newSingleThreadExecutor(task -> {
			Thread thread = new Thread(null, task, "fuzz-worker", STACK_BYTES);
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void close() {
		worker.shutdownNow();
	}
}
