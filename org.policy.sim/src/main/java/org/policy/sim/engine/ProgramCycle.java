package org.policy.sim.engine;

import org.policy.sim.workload.Op;
import org.policy.sim.workload.TaskProgram;

/**
 * One pass over a program for the estimates made before a run (event budget, thread capacity): what
 * one iteration of its loop takes, with each phase's repeat count applied (an endless phase counts as
 * 10^6).
 *
 * @param cycleNs        simulated time of one iteration (runs, sleeps, timer periods)
 * @param timedOps       runs, sleeps and timers in one iteration
 * @param forks          forks in one iteration
 * @param loops          iterations of the program's loop (Long.MAX_VALUE when endless)
 */
record ProgramCycle(double cycleNs, double timedOps, double forks, long loops) {

	static ProgramCycle of(TaskProgram p) {
		double cycleNs = 0;
		double timedOps = 0;
		double forks = 0;
		double repeat = 1;
		long loops = 1;
		for (int i = 0; i < p.length(); i++) {
			switch (p.ops()[i]) {
				case Op.PHASE -> repeat = p.a()[i] < 0 ? 1e6 : p.a()[i];
				case Op.PHASE_END -> repeat = 1;
				case Op.FORK -> forks += repeat;
				case Op.RUN, Op.SLEEP -> {
					cycleNs += repeat * p.a()[i];
					timedOps += repeat;
				}
				case Op.TIMER -> {
					cycleNs += repeat * (p.a()[i] & ~Op.ABSOLUTE);
					timedOps += repeat;
				}
				case Op.LOOP_END -> loops = p.b()[i] < 0 ? Long.MAX_VALUE : p.b()[i];
				default -> {
				}
			}
		}
		return new ProgramCycle(cycleNs, timedOps, forks, loops);
	}
}
