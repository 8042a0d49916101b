package org.policy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.policy.cli.sweep.RunRecord;
import org.policy.cli.sweep.RunStore;
import org.policy.cli.sweep.SweepRun;
import org.policy.sim.Simulation;
import org.policy.sim.engine.SimulationException;
import org.policy.sim.engine.Simulator;

/**
 * Runs a sweep's missing runs on {@code jobs} threads of this JVM. A run is a function of its request
 * alone (its own seed, its own simulator), so the order in which threads pick runs changes nothing that
 * is written; each finished run is stored at once, so an interrupted sweep keeps it. After the first
 * failure no further run starts; the failure reported is the one of the lowest canonical index, so the
 * message too does not depend on the parallelism.
 */
final class SweepExecutor {
	private SweepExecutor() {
	}

	/** A run that failed, with the message to print. */
	record Failure(int index, String message) {
	}

	static Failure run(List<SweepRun> todo, int jobs, RunStore store, SweepProgress progress) {
		ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
			Thread t = new Thread(r, "sweep-worker");
			t.setDaemon(true);
			return t;
		});
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<Failure>> futures = new ArrayList<>();
		try {
			for (SweepRun run : todo) {
				futures.add(pool.submit(() -> {
					if (stop.get()) {
						return null;
					}
					try {
						Simulation.Outcome o = Simulation.run(run.request(), Simulator.ProgressListener.NONE);
						RunRecord c = run.coordinates();
						store.save(new RunRecord(c.id(), c.policy(), c.policyFile(), c.params(), c.workload(), c.cores(),
								c.topology(), c.replicate(), c.seed(), RunRecord.metricsOf(o.result(), o.summary()),
								RunRecord.quantiles(o.result().wakeupLatencies())));
						progress.runDone();
						return null;
					} catch (SimulationException e) {
						stop.set(true);
						RunRecord c = run.coordinates();
						return new Failure(run.index(), "run " + c.policy() + " " + c.params() + " on " + c.workload() + ", "
								+ c.cores() + " cores, " + c.topology() + ", seed " + c.seed() + ": "
								+ e.describe(c.workload(), java.nio.file.Path.of(run.policyPath())));
					}
				}));
			}
			Failure first = null;
			for (Future<Failure> f : futures) {
				Failure failure = get(f);
				if (failure != null && (first == null || failure.index() < first.index())) {
					first = failure;
				}
			}
			return first;
		} finally {
			pool.shutdownNow();
		}
	}

	private static Failure get(Future<Failure> f) {
		try {
			return f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the sweep's runs", e);
		} catch (ExecutionException e) {
			// an Error or a bug in a run: rethrown as it is, for the command's handler to report (exit 3)
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			if (e.getCause() instanceof Error err) {
				throw err;
			}
			throw new IllegalStateException(e.getCause());
		}
	}
}
