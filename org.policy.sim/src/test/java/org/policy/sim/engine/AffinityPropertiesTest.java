package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.Topology;
import org.policy.dsl.semantics.WorkConservation;
import org.policy.sim.TestPolicies;
import org.policy.sim.metrics.Schedule;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.workload.Workload;

/**
 * Random workloads with random affinities (task and phase {@code cpus}) under the affinity-aware test
 * policies: no thread ever runs outside the cores it may use, and the wasted-core time the simulator
 * reports is what {@link WorkConservation} gives when evaluated after every event (not only after those
 * that moved a thread), which also agrees at every event with a naive recomputation of the predicate.
 */
class AffinityPropertiesTest {
	static final long MS = 1_000_000;

	/** A task: instances, loops, run µs, sleep µs (0: none), its cpus (null: none), a second phase's cpus. */
	record Task(int instances, int loops, int runUs, int sleepUs, Set<Integer> cpus, Set<Integer> phaseCpus) {
	}

	@Provide
	Arbitrary<List<Task>> tasks() {
		Arbitrary<Set<Integer>> cpus = Arbitraries.integers().between(0, 3).set().ofMinSize(1).ofMaxSize(3)
				.map(TreeSet::new);
		Arbitrary<Task> task = Combinators.combine(Arbitraries.integers().between(1, 3),
				Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 6000),
				Arbitraries.integers().between(0, 3000), cpus.injectNull(0.3), cpus.injectNull(0.6)).as(Task::new);
		return task.list().ofMinSize(1).ofMaxSize(4);
	}

	/**
	 * The rt-app file: a task with a second phase's cpus has two phases (the first with the task's cpus,
	 * the second with its own); the others list their events inline.
	 */
	static Workload workload(List<Task> tasks) {
		StringBuilder json = new StringBuilder("{'tasks': {");
		for (int i = 0; i < tasks.size(); i++) {
			Task t = tasks.get(i);
			String events = "'run': " + t.runUs() + (t.sleepUs() > 0 ? ", 'sleep': " + t.sleepUs() : "");
			json.append(i == 0 ? "" : ", ").append("'t").append(i).append("': {'instance': ").append(t.instances())
					.append(", 'loop': ").append(t.loops());
			if (t.cpus() != null) {
				json.append(", 'cpus': ").append(t.cpus());
			}
			if (t.phaseCpus() != null) {
				json.append(", 'phases': {'a': {").append(events).append("}, 'b': {'cpus': ").append(t.phaseCpus())
						.append(", ").append(events).append("}}}");
			} else {
				json.append(", ").append(events).append('}');
			}
		}
		return TestPolicies.rtapp(json.append("}}").toString());
	}

	/** The cores a thread of {@code t} may use at some time on a machine of {@code cores} cores. */
	static Set<Integer> allowed(Task t, int cores) {
		Set<Integer> out = new TreeSet<>();
		for (int c = 0; c < cores; c++) {
			boolean task = t.cpus() == null || t.cpus().contains(c);
			boolean phase = t.phaseCpus() != null && t.phaseCpus().contains(c);
			if (task || phase) {
				out.add(c);
			}
		}
		return out;
	}

	/** Integrates a predicate over the instants the observer is shown, as the recorder does. */
	static final class Integrator implements Simulator.Observer {
		long wastedNs;
		long since = -1;
		int disagreements;
		String firstDisagreement;

		@Override
		public void afterEvent(Machine m, long now) {
			if (since >= 0) {
				wastedNs += now - since;
			}
			boolean wasted = WorkConservation.idleCoreWithWaitingWork(m) != Machine.NONE;
			if (wasted != AffinitySimTest.naiveWasted(m) && disagreements++ == 0) {
				firstDisagreement = "at t=" + now + ": WorkConservation says " + wasted + "\n" + m;
			}
			since = wasted ? now : -1;
		}

		long finish(long end) {
			if (since >= 0) {
				wastedNs += end - since;
			}
			return wastedNs;
		}
	}

	/** A per-core policy with a steal, a shared queue, and a per-core one that never moves a thread (wastes). */
	@Provide
	Arbitrary<String> policies() {
		return Arbitraries.of("rr_affine", "fifo_affine", "local_affine");
	}

	// a fixed seed: the same cases every build
	@Property(tries = 80, seed = "20261207")
	void noThreadRunsOutsideItsAffinityAndWastedTimeIsWorkConservations(@ForAll("tasks") List<Task> tasks,
			@ForAll @IntRange(min = 1, max = 4) int cores, @ForAll("policies") String policy) {
		// a list naming no core of the machine is refused (AffinitySimTest): such lists become [0]
		List<Task> fitted = new ArrayList<>();
		for (Task t : tasks) {
			fitted.add(new Task(t.instances(), t.loops(), t.runUs(), t.sleepUs(), fit(t.cpus(), cores),
					fit(t.phaseCpus(), cores)));
		}
		Workload w = workload(fitted);
		Simulator sim = new Simulator(TestPolicies.get(policy), Map.of(), w,
				SimOptions.of(Topology.flat(cores), 2000 * MS, 1));
		Integrator integrator = new Integrator();
		sim.setObserver(integrator);
		SimResult r = sim.run();
		assertEquals(0, integrator.disagreements, integrator.firstDisagreement);
		assertEquals(integrator.finish(r.endNs()), r.wastedCoreNs(), "wasted-core time");
		Schedule s = r.schedule();
		assertEquals(0, s.dropped());
		for (int i = 0; i < s.size(); i++) {
			int t = s.thread()[i];
			String task = r.threads().get(t).task();
			Set<Integer> may = allowed(fitted.get(Integer.parseInt(task.substring(1))), cores);
			assertTrue(may.contains(s.core()[i]), "t" + t + " of task " + task + " ran on core " + s.core()[i] + " from "
					+ s.start()[i] + " to " + s.end()[i] + "; it may use " + may);
		}
		assertTrue(r.makespanNs() > 0, "every thread finished");
	}

	/**
	 * A list as written when the machine has some of its CPUs (the others are dropped, with a warning), else
	 * core 0.
	 */
	private static Set<Integer> fit(Set<Integer> cpus, int cores) {
		if (cpus == null) {
			return null;
		}
		return cpus.stream().anyMatch(c -> c < cores) ? cpus : Set.of(0);
	}
}
