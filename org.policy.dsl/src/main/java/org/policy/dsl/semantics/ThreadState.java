package org.policy.dsl.semantics;

/** A thread's state in the abstract machine, as stored in {@link Machine}. */
public final class ThreadState {
	/** Not created yet: its {@code new} event has not happened. */
	public static final int NONEXISTENT = 0;
	/** Being created: inside its {@code new} handler, before its first transition. */
	public static final int NEW = 1;
	public static final int RUNNING = 2;
	public static final int READY = 3;
	public static final int BLOCKED = 4;
	public static final int TERMINATED = 5;

	private ThreadState() {
	}

	public static String name(int state) {
		return switch (state) {
			case NONEXISTENT -> "nonexistent";
			case NEW -> "new";
			case RUNNING -> "running";
			case READY -> "ready";
			case BLOCKED -> "blocked";
			case TERMINATED -> "terminated";
			default -> "state " + state;
		};
	}
}
