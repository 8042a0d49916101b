package org.policy.sim.engine;

import org.policy.sim.workload.Op;
import org.policy.sim.workload.TaskProgram;
import org.policy.sim.workload.Workload;

/**
 * How many thread slots a run needs: the machine of the reference semantics is sized once, and
 * thread ids are never reused. A run that creates more stops with a message naming --max-threads.
 */
final class ThreadCapacity {
	private ThreadCapacity() {
	}

	/**
	 * How many threads a workload may create: its instances, its expected arrivals, and for programs
	 * that fork, the forks their loops can make before the horizon (from mean durations, doubled).
	 */
	static int estimate(Workload workload, long horizonNs) {
		double n = 0;
		for (TaskProgram p : workload.tasks()) {
			long creators = p.instances();
			if (p.arrivals() != null) {
				long expected = p.arrivals().meanGapNs() <= 0 ? horizonNs : horizonNs / p.arrivals().meanGapNs();
				long bound = expected + 10 * (long) Math.sqrt(expected) + 64;
				creators += p.arrivals().unbounded() ? bound : Math.min(p.arrivals().count(), bound);
			}
			n += creators;
			double forks = forksPerThread(p, horizonNs);
			if (forks > 0) {
				n += 2 * forks * Math.max(1, creators) + 1024;
			}
		}
		return (int) Math.max(1, Math.min(n, 50_000_000L));
	}

	/** Forks one thread of a program makes before the horizon, at most (1e9 when it cannot tell). */
	private static double forksPerThread(TaskProgram p, long horizonNs) {
		double forks = 0;
		double cycleNs = 0;
		double repeat = 1;
		long loops = 1;
		for (int i = 0; i < p.length(); i++) {
			switch (p.ops()[i]) {
				case Op.PHASE -> repeat = p.a()[i] < 0 ? 1e6 : p.a()[i];
				case Op.PHASE_END -> repeat = 1;
				case Op.FORK -> forks += repeat;
				case Op.RUN, Op.SLEEP -> cycleNs += repeat * p.a()[i];
				case Op.TIMER -> cycleNs += repeat * (p.a()[i] & ~Op.ABSOLUTE);
				case Op.LOOP_END -> loops = p.b()[i] < 0 ? Long.MAX_VALUE : p.b()[i];
				default -> {
				}
			}
		}
		if (forks == 0) {
			return 0;
		}
		double iterations = cycleNs <= 0 ? (loops == Long.MAX_VALUE ? 1e9 : loops)
				: Math.min(loops, Math.ceil(horizonNs / cycleNs) + 1);
		return Math.min(1e9, forks * iterations);
	}
}
