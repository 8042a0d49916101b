package org.policy.sim.trace;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a trace's lines with two guards a text trace never trips: a line longer than
 * {@link #MAX_LINE} characters, and a NUL character. Either means the file is not a text trace (a
 * {@code trace.dat}, {@code perf.data}, a file of zeros), and is reported at once with its line and
 * column: {@link java.io.BufferedReader#readLine} would instead read a 2 GB file without a newline into
 * one string and run out of memory.
 */
final class TraceLineReader {
	/** Longer than any scheduler event line (comm is at most 16 bytes; args a few hundred). */
	static final int MAX_LINE = 64 * 1024;

	/** A line the reader refuses: where and why. */
	static final class BadInput extends Exception {
		private static final long serialVersionUID = 1L;
		final long line;
		final int column;

		BadInput(long line, int column, String message) {
			super(message);
			this.line = line;
			this.column = column;
		}
	}

	private final Reader in;
	private final char[] buffer = new char[1 << 16];
	private int pos;
	private int end;
	private final StringBuilder line = new StringBuilder(256);
	private long number;
	private boolean eof;

	TraceLineReader(Reader in) {
		this.in = in;
	}

	/** The number of the line last returned (1-based). */
	long lineNumber() {
		return number;
	}

	/** The next line without its terminator, or null at the end. */
	String next() throws IOException, BadInput {
		if (eof) {
			return null;
		}
		line.setLength(0);
		while (true) {
			if (pos == end) {
				end = in.read(buffer, 0, buffer.length);
				pos = 0;
				if (end <= 0) {
					end = 0;
					eof = true;
					if (line.length() == 0) {
						return null;
					}
					number++;
					return line.toString();
				}
			}
			// scan the buffered run up to a newline, then append it in one go
			int start = pos;
			int stop = pos;
			while (stop < end && buffer[stop] != '\n') {
				if (buffer[stop] == 0) {
					throw new BadInput(number + 1, line.length() + stop - start + 1, "binary data (a NUL byte): not a text"
							+ " trace; a trace.dat or perf.data must be turned into text first ('trace-cmd report',"
							+ " 'perf sched script')");
				}
				stop++;
			}
			if (line.length() + stop - start > MAX_LINE) {
				throw new BadInput(number + 1, MAX_LINE + 1, "a line longer than " + MAX_LINE + " characters: not a text trace");
			}
			line.append(buffer, start, stop - start);
			pos = stop;
			if (stop < end) {
				pos++; // the newline
				number++;
				int n = line.length();
				if (n > 0 && line.charAt(n - 1) == '\r') {
					line.setLength(n - 1);
				}
				return line.toString();
			}
		}
	}
}
