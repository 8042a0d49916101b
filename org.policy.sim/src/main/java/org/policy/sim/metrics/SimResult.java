package org.policy.sim.metrics;

import java.util.List;

/**
 * Everything a run measured, raw; {@link Summary} derives the reported figures from it
 * (docs/metrics.md defines each).
 *
 * @param policy          the policy's name
 * @param workload        the workload's name
 * @param cores           number of cores
 * @param seed            the seed of the run
 * @param startNs         0
 * @param endNs           when the run stopped: the horizon, or the last exit if everything exited before
 * @param makespanNs      time of the last thread exit when every thread exited, else -1
 * @param events          environment events the engine processed (ticks, balances, program steps, wakeups, arrivals)
 * @param busyNs          per core, time it had a current thread
 * @param contextSwitches per core, dispatches of a thread other than the one that ran last on it
 * @param preemptions     per core, running → ready transitions not asked for by the thread (not yield)
 * @param bucketNs        width of a utilisation bucket
 * @param busyBuckets     per core, busy time in each bucket
 * @param wastedCoreNs    time during which WorkConservation.idleCoreWithWaitingWork != -1
 * @param wcEpisodes      number of maximal intervals of that time
 * @param wakeupLatencies every unblock → running delay, sorted ascending
 * @param threads         every thread, by id
 * @param deadlineJobs    periodic jobs that had a deadline and whose deadline passed or that finished
 * @param deadlineMisses  of those, the ones finished after their deadline or unfinished at its passing
 * @param schedule        the segments kept
 */
public record SimResult(String policy, String workload, int cores, long seed, long startNs, long endNs,
		long makespanNs, long events, long[] busyNs, long[] contextSwitches, long[] preemptions, long bucketNs,
		long[][] busyBuckets, long wastedCoreNs, long wcEpisodes, long[] wakeupLatencies, List<ThreadInfo> threads,
		long deadlineJobs, long deadlineMisses, Schedule schedule) {
}
