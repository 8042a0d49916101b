package org.policy.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.sim.workload.Workload;
import org.policy.workload.WorkloadException;

/** Traces that used to be accepted with a wrong result, crash, or read gigabytes: positioned errors now. */
class HostileTraceTest {
	static final String A = "            bash-100   [000] d..2.  1000.000000: sched_switch: prev_comm=bash prev_pid=100"
			+ " prev_prio=120 prev_state=S ==> next_comm=w next_pid=200 next_prio=120\n";
	static final String B = "               w-200   [000] d..2.  1000.001000: sched_wakeup: comm=bash pid=100 prio=120"
			+ " target_cpu=001\n";
	static final String C = "               w-200   [000] d..2.  1000.002000: sched_switch: prev_comm=w prev_pid=200"
			+ " prev_prio=120 prev_state=S ==> next_comm=bash next_pid=100 next_prio=120\n";

	static Workload read(String text) throws Exception {
		return TraceImport.read("t.txt", new StringReader(text), TraceImport.Format.AUTO, false);
	}

	static String error(String text) {
		return assertThrows(WorkloadException.class, () -> read(text)).getMessage();
	}

	@Test
	void aTimestampGoingBackwardsIsRefusedWithItsPosition() {
		assertEquals("t.txt:3:37: timestamp 1000.001000000 s is before the previous event's 1000.002000000 s (line 2):"
				+ " a trace's events must be in time order (was it edited, concatenated or sorted?)", error(A + C + B));
	}

	@Test
	void aReversedFileIsRefusedAtItsSecondLine() {
		List<String> lines = new ArrayList<>(List.of(A, B, C));
		Collections.reverse(lines);
		assertTrue(error(String.join("", lines)).startsWith("t.txt:2:37: timestamp 1000.001000000 s is before"),
				error(String.join("", lines)));
	}

	@Test
	void backwardsInTraceCmdAndPerfFormatsToo() {
		String cmd = "cpus=2\n            bash-100   [000]  1000.002000: sched_switch:         bash:100 [120] S ==> w:200 [120]\n"
				+ "               w-200   [000]  1000.001000: sched_wakeup:         bash:100 [120] CPU:001\n";
		assertTrue(error(cmd).startsWith("t.txt:3:31: timestamp 1000.001000000 s is before the previous event's"), error(cmd));
		String perf = "            bash   100 [000]  1000.002000: sched:sched_switch: prev_comm=bash prev_pid=100"
				+ " prev_prio=120 prev_state=S ==> next_comm=w next_pid=200 next_prio=120\n"
				+ "               w   200 [000]  1000.001000: sched:sched_wakeup: comm=bash pid=100 prio=120 target_cpu=001\n";
		assertTrue(error(perf).startsWith("t.txt:2:31: timestamp 1000.001000000 s is before"), error(perf));
	}

	@Test
	void backwardsIsFatalEvenWhenSkippingBadLines() {
		assertThrows(WorkloadException.class, () -> TraceImport.read("t.txt", new StringReader(A + C + B),
				TraceImport.Format.AUTO, true));
	}

	@Test
	void anEnormousTimestampIsRefusedInsteadOfAnEndlessDefaultDuration() {
		String huge = A + B.replace("1000.001000", "9999999.001000");
		assertTrue(error(huge).startsWith("t.txt:2:37: timestamp 9999999.001000000 s is 9998999 s after the previous"
				+ " event's 1000.000000000 s (line 1): more than the hour"), error(huge));
		String overflow = A.replace("1000.000000", "99999999999999999999.000000");
		assertTrue(error(overflow).startsWith("t.txt:1:37: malformed line: timestamp (seconds) 99999999999999999999 is"
				+ " out of range [0, 4000000000]"), error(overflow));
	}

	@Test
	void theDefaultDurationIsFourTimesTheSpanPlusASecond() throws Exception {
		assertEquals(4 * 2_000_000 + 1_000_000_000L, read(A + B + C).durationNs());
	}

	@Test
	void numberFieldsOutOfRangeArePositioned() {
		assertEquals("t.txt:2:78: malformed line: pid 12345678901234567890 is out of range [0, 4194304]"
				+ " (--skip-bad-lines counts such lines instead)", error(A + B.replace("pid=100", "pid=12345678901234567890")));
		assertTrue(error(A.replace("[000]", "[99999999999]") + B).startsWith("t.txt:1:25: malformed line: cpu 99999999999"
				+ " is out of range [0, 8191]"), error(A.replace("[000]", "[99999999999]")));
		assertTrue(error(A.replace("next_pid=200", "next_pid=99999999999")).startsWith("t.txt:1:"), "next_pid");
		assertTrue(error(A.replace("prev_prio=120", "prev_prio=99999999999")).contains("prio 99999999999 is out of range"),
				"prio");
		assertTrue(error(A.replace("prev_pid=100", "prev_pid=-5")).contains("pid -5 is out of range"), "negative pid");
	}

	@Test
	void outOfRangeNumbersAreSkippableLikeOtherBadLines() throws Exception {
		Workload w = TraceImport.read("t.txt", new StringReader(A + B.replace("pid=100", "pid=99999999999") + C),
				TraceImport.Format.AUTO, true);
		assertTrue(w.warnings().get(0).contains("skipped 1 malformed line (the first at line 2)"), w.warnings().toString());
	}

	/** A reader of endless NULs, or of one endless line: the import must stop at once, not read it all. */
	static Reader endless(char c, long[] read) {
		return new Reader() {
			@Override
			public int read(char[] buf, int off, int len) {
				if (read[0] > 10_000_000) {
					throw new AssertionError("read more than 10 MB of a file that is plainly not a trace");
				}
				java.util.Arrays.fill(buf, off, off + len, c);
				read[0] += len;
				return len;
			}

			@Override
			public void close() {
			}
		};
	}

	@Test
	void aFileOfZerosIsRefusedAtItsFirstByte() {
		long[] read = { 0 };
		WorkloadException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(WorkloadException.class,
				() -> TraceImport.read("zeros", endless('\0', read), TraceImport.Format.AUTO, true)));
		assertTrue(e.getMessage().startsWith("zeros:1:1: binary data (a NUL byte): not a text trace"), e.getMessage());
		assertTrue(read[0] <= 1 << 16, "read one buffer, not the file: " + read[0]);
	}

	@Test
	void anEndlessLineIsRefusedAtTheLineLimit() {
		long[] read = { 0 };
		WorkloadException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(WorkloadException.class,
				() -> TraceImport.read("long", endless('a', read), TraceImport.Format.AUTO, true)));
		assertEquals("long:1:65537: a line longer than 65536 characters: not a text trace", e.getMessage());
	}

	@Test
	void aNulAfterGoodLinesIsPositioned() {
		assertTrue(error(A + "   w-200 [000]\0garbage\n").startsWith("t.txt:2:15: binary data"), error(A + "x\0"));
	}

	/**
	 * w exits at 1 ms, is preempted once more (R+) at 1.5 ms, runs again at 2 ms and switches out for good
	 * (X) at 2.5 ms: all of it is the one thread w, not a second w created at time 0 with a false wakeup.
	 */
	@Test
	void anExitingThreadPreemptedBeforeItsFinalSwitchOutStaysOneThread() throws Exception {
		String t = A
				+ "               w-200   [000] d..2.  1000.001000: sched_process_exit: comm=w pid=200 prio=120\n"
				+ "               w-200   [000] d..2.  1000.001500: sched_switch: prev_comm=w prev_pid=200 prev_prio=120"
				+ " prev_state=R+ ==> next_comm=k next_pid=300 next_prio=120\n"
				+ "               k-300   [000] d..2.  1000.002000: sched_switch: prev_comm=k prev_pid=300 prev_prio=120"
				+ " prev_state=S ==> next_comm=w next_pid=200 next_prio=120\n"
				+ "               w-200   [000] d..2.  1000.002500: sched_switch: prev_comm=w prev_pid=200 prev_prio=120"
				+ " prev_state=X ==> next_comm=swapper/0 next_pid=0 next_prio=120\n";
		Workload w = read(t);
		assertEquals(List.of("bash-100", "w-200", "k-300"), w.tasks().stream().map(p -> p.name()).toList());
		// once the exited thread has switched out for good, its pid may be reused by a new thread
		Workload reused = read(t + "               k-300   [000] d..2.  1000.003000: sched_wakeup_new: comm=w pid=200"
				+ " prio=120 target_cpu=000\n");
		assertEquals(List.of("bash-100", "w-200", "k-300", "w-200#2"), reused.tasks().stream().map(p -> p.name()).toList());
	}
}
