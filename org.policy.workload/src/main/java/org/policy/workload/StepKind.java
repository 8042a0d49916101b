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
	RUN("run", false),
	RUNTIME("runtime", false),
	SLEEP("sleep", true),
	TIMER("timer", true),
	YIELD("yield", false),
	FORK("fork", false),
	BARRIER("barrier", true),
	SUSPEND("suspend", true),
	RESUME("resume", false),
	WAIT("wait", true),
	SIGNAL("signal", false),
	BROAD("broad", false),
	SYNC("sync", true),
	LOCK("lock", true),
	UNLOCK("unlock", false);

	private final String key;
	private final boolean blocks;

	StepKind(String key, boolean blocks) {
		this.key = key;
		this.blocks = blocks;
	}

	/** The event's key in an rt-app phase. */
	public String key() {
		return key;
	}

	/** Whether a thread that runs this step may block in it (leave the CPU until something wakes it). */
	public boolean blocks() {
		return blocks;
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
