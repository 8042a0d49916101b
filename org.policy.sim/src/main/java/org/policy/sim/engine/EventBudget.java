package org.policy.sim.engine;

import java.util.Locale;
import org.policy.dsl.Durations;
import org.policy.sim.workload.Op;
import org.policy.sim.workload.TaskProgram;
import org.policy.sim.workload.Workload;

/**
 * The event budget: a run may handle at most {@link SimOptions#maxEvents()} events (default
 * {@link #DEFAULT_MAX_EVENTS}, several minutes of simulation). Before the run, an estimate of the events
 * its periodic sources need (ticks, balances, arrivals, timers and runs of looping programs) refuses a
 * run that could not finish within the budget, saying which source and what to change; during the run
 * the engine stops at the budget, so even what the estimate cannot foresee cannot run forever.
 *
 * <p>The estimate is an upper bound for ticks and balances (every core busy for the whole run) and the
 * mean for arrivals and programs; one source over the budget is enough to refuse.
 */
final class EventBudget {
	/** 2^31 events: at the simulator's 5-15 M events per second, a few minutes. */
	static final long DEFAULT_MAX_EVENTS = 1L << 31;

	private EventBudget() {
	}

	/**
	 * @throws SimulationException naming the source that would exceed the budget and what to change
	 */
	static void check(Workload workload, SimOptions options, long balanceNs, String policyName) {
		long budget = options.maxEvents();
		long horizon = options.horizonNs();
		int cores = options.topology().cores();
		String run = " in a " + Durations.format(horizon) + " run on " + cores + " core" + (cores == 1 ? "" : "s");
		// ticks and balances last as long as the run: the horizon, unless the workload is finite and ends
		// sooner (a generous horizon on a finite workload is a common way to say "until done")
		double length = Math.min(horizon, finiteLength(workload));
		double ticks = (double) cores * (length / options.tickNs());
		if (ticks > budget) {
			throw SimulationException.located(over(ticks, budget, "ticks at " + options.hz() + " Hz" + run,
					"lower --hz, shorten --duration or use fewer --cores").getMessage());
		}
		if (balanceNs > 0 && balanceNs < SimOptions.MIN_PERIOD_NS) {
			throw new SimulationException("policy " + policyName + " balances every " + Durations.format(balanceNs)
					+ ", below the simulator's shortest period of " + Durations.format(SimOptions.MIN_PERIOD_NS)
					+ ": lengthen the balance period (its --param)", null);
		}
		if (balanceNs > 0) {
			double balances = (double) cores * (length / balanceNs);
			if (balances > budget) {
				throw new SimulationException("policy " + policyName + " balances every " + Durations.format(balanceNs)
						+ ": " + String.format(Locale.ROOT, "%.3g", balances) + " periodic balances" + run
						+ " exceed the event budget of " + budget + " events: lengthen the balance period (its --param),"
						+ " shorten --duration, use fewer --cores or raise --max-events", null);
			}
		}
		for (TaskProgram p : workload.tasks()) {
			double threads = p.instances();
			if (p.arrivals() != null) {
				double expected = horizon / (double) Math.max(1, p.arrivals().meanGapNs());
				double arrivals = p.arrivals().unbounded() ? expected : Math.min(expected, p.arrivals().count());
				threads += arrivals;
				if (arrivals > budget) {
					throw overWorkload(p.arrivals().where(), arrivals, budget, "arrivals of task '" + p.name() + "'" + run,
							"lower the rate, set a count or shorten --duration");
				}
			}
			double perThread = programEvents(p, horizon);
			if (threads * perThread > budget) {
				throw overWorkload(p.where(), threads * perThread, budget, "program events (runs, sleeps, timers) of task '"
						+ p.name() + "'" + run, "lengthen its runs, sleeps or timer periods, use fewer instances or shorten --duration");
			}
		}
	}

	/**
	 * For a workload whose every thread ends (finite loops and arrival counts), a bound on how long the
	 * run lasts: every thread's program time, one after another, after the last arrival; for any other
	 * workload, infinity.
	 */
	private static double finiteLength(Workload workload) {
		double total = 0;
		for (TaskProgram p : workload.tasks()) {
			double threads = p.instances();
			if (p.arrivals() != null) {
				if (p.arrivals().unbounded()) {
					return Double.POSITIVE_INFINITY;
				}
				threads += p.arrivals().count();
				total += (double) p.arrivals().count() * p.arrivals().meanGapNs() * 2;
			}
			double time = programTime(p);
			if (threads > 0 && Double.isInfinite(time)) {
				return Double.POSITIVE_INFINITY;
			}
			total += threads * time;
		}
		return total + 1;
	}

	/** How long one thread's program takes if it never waits for a core; infinity when it loops forever. */
	private static double programTime(TaskProgram p) {
		double time = 0;
		double repeat = 1;
		for (int i = 0; i < p.length(); i++) {
			switch (p.ops()[i]) {
				case Op.PHASE -> repeat = p.a()[i] < 0 ? Double.POSITIVE_INFINITY : p.a()[i];
				case Op.PHASE_END -> repeat = 1;
				case Op.RUN, Op.SLEEP -> time += repeat * p.a()[i];
				case Op.TIMER -> time += repeat * (p.a()[i] & ~Op.ABSOLUTE);
				case Op.BARRIER, Op.WAIT, Op.LOCK, Op.FORK -> {
					return Double.POSITIVE_INFINITY; // waits for others, or makes more threads: no bound here
				}
				case Op.LOOP_END -> time *= p.b()[i] < 0 ? Double.POSITIVE_INFINITY : p.b()[i];
				default -> {
				}
			}
		}
		return Double.isNaN(time) ? Double.POSITIVE_INFINITY : time;
	}

	/** About how many events one thread of a program needs before the horizon (two per blocking op). */
	private static double programEvents(TaskProgram p, long horizonNs) {
		ProgramCycle c = ProgramCycle.of(p);
		if (c.cycleNs() <= 0) {
			return 0; // no time in the loop: the progress rule, not the budget, stops it
		}
		return 2 * c.timedOps() * Math.min(c.loops(), horizonNs / c.cycleNs() + 1);
	}

	private static SimulationException over(double events, long budget, String what, String change) {
		return SimulationException.inWorkload(String.format(Locale.ROOT, "%.3g", events) + " " + what
				+ " exceed the event budget of " + budget + " events: " + change + ", or raise --max-events");
	}

	private static SimulationException overWorkload(String where, double events, long budget, String what, String change) {
		SimulationException e = over(events, budget, what, change);
		return where == null ? e : SimulationException.located(where + ": " + e.getMessage());
	}
}
