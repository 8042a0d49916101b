package org.policy.workload;

/**
 * A workload or trace file is wrong. The message reads {@code file:line:col: path: what is wrong},
 * where path is the JSON path ({@code $.tasks.t1.run}) for rt-app files; line and column are 1-based.
 */
public final class WorkloadException extends Exception {
	private static final long serialVersionUID = 1L;
	private final String file;
	private final int line;
	private final int column;

	public WorkloadException(String file, int line, int column, String message) {
		super(file + ":" + line + ":" + column + ": " + message);
		this.file = file;
		this.line = line;
		this.column = column;
	}

	public String file() {
		return file;
	}

	public int line() {
		return line;
	}

	public int column() {
		return column;
	}
}
