package org.policy.workload;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds of event an rt-app phase lists (rt-app's doc/tutorial.txt), with their keys and the one
 * rule of which of them may block the thread that runs them.
 *
 * <p>{@link #blocks()} is read wherever a tool asks whether a thread can leave the CPU of its own
 * accord: the simulator counts a task as CPU-bound for Jain fairness only if none of its steps may
 * block (docs/metrics.md). A lock blocks while another thread holds the mutex; a timer blocks until its
 * next expiry unless that expiry is already past; a {@code wait} or {@code sync} blocks on its condition.
 */
public enum StepKind {
	RUN("run", false, Step.Run.class),
	RUNTIME("runtime", false, Step.Runtime.class),
	SLEEP("sleep", true, Step.Sleep.class),
	TIMER("timer", true, Step.Timer.class),
	YIELD("yield", false, Step.Yield.class),
	FORK("fork", false, Step.Fork.class),
	BARRIER("barrier", true, Step.Barrier.class),
	SUSPEND("suspend", true, Step.Suspend.class),
	RESUME("resume", false, Step.Resume.class),
	WAIT("wait", true, Step.Wait.class),
	SIGNAL("signal", false, Step.Signal.class),
	BROAD("broad", false, Step.Broad.class),
	SYNC("sync", true, Step.Sync.class),
	LOCK("lock", true, Step.Lock.class),
	UNLOCK("unlock", false, Step.Unlock.class);

	private final String key;
	private final boolean blocks;
	private final Class<? extends Step> type;

	StepKind(String key, boolean blocks, Class<? extends Step> type) {
		this.key = key;
		this.blocks = blocks;
		this.type = type;
	}

	/** The event's key in an rt-app phase. */
	public String key() {
		return key;
	}

	/** Whether a thread that runs this step may block in it (leave the CPU until something wakes it). */
	public boolean blocks() {
		return blocks;
	}

	/** The kind of a step: the one whose record it is. */
	static StepKind of(Step step) {
		for (StepKind k : values()) {
			if (k.type == step.getClass()) {
				return k;
			}
		}
		throw new IllegalArgumentException("no kind for " + step.getClass());
	}

	/** The kind with this rt-app key, or null. */
	public static StepKind of(String key) {
		for (StepKind k : values()) {
			if (k.key.equals(key)) {
				return k;
			}
		}
		return null;
	}

	/** Every key, in the order above, for messages. */
	public static List<String> keys() {
		return Arrays.stream(values()).map(StepKind::key).toList();
	}
}
