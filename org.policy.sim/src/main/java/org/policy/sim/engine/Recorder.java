package org.policy.sim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.policy.sim.metrics.LongList;
import org.policy.sim.metrics.Schedule;
import org.policy.sim.metrics.SimResult;
import org.policy.sim.metrics.ThreadInfo;

/**
 * Accumulates a run's measurements as the engine reports them: busy intervals per core (also split
 * into time buckets), schedule segments, wakeup latencies, wasted-core intervals. Primitive arrays
 * only; nothing here allocates per event except amortised array growth.
 */
final class Recorder {
	private final int cores;
	private final long bucketNs;
	private final int buckets;
	private final long[] busyBuckets;
	private final long[] busyNs;
	private final long[] busySince;
	private final int[] runningThread;
	private final long[] contextSwitches;
	private final long[] preemptions;
	private final LongList latencies = new LongList(1024);

	private final int maxSegments;
	private int segments;
	private long droppedSegments;
	private int[] segCore = new int[1024];
	private int[] segThread = new int[1024];
	private long[] segStart = new long[1024];
	private long[] segEnd = new long[1024];

	private boolean wasting;
	private long wastingSince;
	private long wastedNs;
	private long wcEpisodes;

	long deadlineJobs;
	long deadlineMisses;

	Recorder(int cores, long horizonNs, int bucketCount, int maxSegments) {
		this.cores = cores;
		this.bucketNs = Math.max(1, (horizonNs + bucketCount - 1) / bucketCount);
		this.buckets = (int) ((horizonNs + bucketNs - 1) / bucketNs);
		this.busyBuckets = new long[cores * buckets];
		this.busyNs = new long[cores];
		this.busySince = new long[cores];
		this.runningThread = new int[cores];
		Arrays.fill(busySince, -1);
		Arrays.fill(runningThread, -1);
		this.contextSwitches = new long[cores];
		this.preemptions = new long[cores];
		this.maxSegments = maxSegments;
	}

	void started(int core, int thread, long now, boolean switched) {
		busySince[core] = now;
		runningThread[core] = thread;
		if (switched) {
			contextSwitches[core]++;
		}
	}

	void stopped(int core, long now, boolean preempted) {
		long since = busySince[core];
		if (since >= 0) {
			addBusy(core, since, now);
			segment(core, runningThread[core], since, now);
		}
		busySince[core] = -1;
		runningThread[core] = -1;
		if (preempted) {
			preemptions[core]++;
		}
	}

	void wakeupLatency(long ns) {
		latencies.add(ns);
	}

	/** The work-conservation predicate's value after an event at {@code now}. */
	void workConservation(boolean violated, long now) {
		if (violated == wasting) {
			return;
		}
		if (violated) {
			wastingSince = now;
			wcEpisodes++;
		} else {
			wastedNs += now - wastingSince;
		}
		wasting = violated;
	}

	private void addBusy(int core, long from, long to) {
		if (to <= from) {
			return;
		}
		busyNs[core] += to - from;
		int base = core * buckets;
		long t = from;
		while (t < to) {
			int b = (int) (t / bucketNs);
			if (b >= buckets) {
				break;
			}
			long bucketEnd = (b + 1) * bucketNs;
			long until = Math.min(to, bucketEnd);
			busyBuckets[base + b] += until - t;
			t = until;
		}
	}

	private void segment(int core, int thread, long start, long end) {
		if (end <= start) {
			return;
		}
		if (segments == maxSegments) {
			droppedSegments++;
			return;
		}
		if (segments == segCore.length) {
			int n = Math.min(maxSegments, segments * 2);
			segCore = Arrays.copyOf(segCore, n);
			segThread = Arrays.copyOf(segThread, n);
			segStart = Arrays.copyOf(segStart, n);
			segEnd = Arrays.copyOf(segEnd, n);
		}
		segCore[segments] = core;
		segThread[segments] = thread;
		segStart[segments] = start;
		segEnd[segments] = end;
		segments++;
	}

	/** Closes what is open at {@code end} and returns the result. */
	SimResult finish(String policy, String workload, long seed, long end, long makespan, long events,
			List<ThreadInfo> threads) {
		for (int c = 0; c < cores; c++) {
			if (busySince[c] >= 0) {
				stopped(c, end, false);
			}
		}
		workConservation(false, end);
		long[][] perCore = new long[cores][];
		for (int c = 0; c < cores; c++) {
			perCore[c] = Arrays.copyOfRange(busyBuckets, c * buckets, (c + 1) * buckets);
		}
		long[] sortedLatencies = latencies.toArray();
		Arrays.sort(sortedLatencies);
		Schedule schedule = new Schedule(Arrays.copyOf(segCore, segments), Arrays.copyOf(segThread, segments),
				Arrays.copyOf(segStart, segments), Arrays.copyOf(segEnd, segments), droppedSegments);
		return new SimResult(policy, workload, cores, seed, 0, end, makespan, events, busyNs.clone(),
				contextSwitches.clone(), preemptions.clone(), bucketNs, perCore, wastedNs, wcEpisodes, sortedLatencies,
				new ArrayList<>(threads), deadlineJobs, deadlineMisses, schedule);
	}
}
