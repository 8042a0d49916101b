package org.policy.verifier.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.policy.dsl.Durations;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.semantics.ThreadInputs;

/**
 * The thread inputs a {@code new} step may give the created thread (docs/verification.md, "Inputs"): a
 * small domain derived from the thread inputs the policy reads, so that the explored threads differ in
 * what the policy can see of them, and only in that.
 *
 * <ul>
 * <li>a policy that reads {@code nice} or {@code weight}: nice {@value #NICE_0} and {@value #NICE_HEAVY}
 * (weights 1024 and 3121): equal and unequal weights, the heavier one about 3 times the other;
 * <li>a policy that reads {@code runtime}, {@code deadline} or {@code period}: not real-time (all 0),
 * and SCHED_DEADLINE (runtime, deadline, period) = (1ms, 5ms, 10ms) and (1ms, 2ms, 10ms), so that
 * real-time threads can have different deadlines from each other and from the others;
 * <li>both: the product, except that a SCHED_DEADLINE thread has nice 0 (as rt-app and the simulator
 * give it: {@code priority} is a SCHED_OTHER task's nice);
 * <li>a policy that reads {@code group} or {@code group_weight}: each of those threads in the root group
 * (cpu.weight 100) or in group {@value #OTHER_GROUP} of cpu.weight {@value #OTHER_GROUP_WEIGHT}: two groups
 * of unequal weights;
 * <li>none: the default thread only (nice 0, not real-time), so such a policy explores exactly as if
 * inputs did not exist.
 * </ul>
 *
 * Index 0 is always {@link ThreadInputs#DEFAULT}. The index is packed into the {@code new} step
 * ({@link Step#create}), so that paths, counterexamples and their replay create the same threads.
 */
public final class InputDomain {
	public static final int NICE_0 = 0;
	public static final int NICE_HEAVY = -5;
	static final int[] NICES = { NICE_0, NICE_HEAVY };
	private static final long MS = 1_000_000L;
	/** The SCHED_DEADLINE (runtime, deadline, period) triples explored, in ns. */
	static final long[][] DEADLINE_TRIPLES = { { MS, 5 * MS, 10 * MS }, { MS, 2 * MS, 10 * MS } };
	public static final int OTHER_GROUP = 1;
	public static final int OTHER_GROUP_WEIGHT = 300;

	private final boolean nice;
	private final boolean realTime;
	private final boolean groups;
	private final List<ThreadInputs> values;

	private InputDomain(boolean nice, boolean realTime, boolean groups) {
		this.nice = nice;
		this.realTime = realTime;
		this.groups = groups;
		List<ThreadInputs> v = new ArrayList<>();
		for (int n : nice ? NICES : new int[] { NICE_0 }) {
			v.add(ThreadInputs.ofNice(n));
		}
		if (realTime) {
			for (long[] triple : DEADLINE_TRIPLES) {
				v.add(new ThreadInputs(0, triple[0], triple[1], triple[2]));
			}
		}
		if (groups) {
			for (ThreadInputs root : List.copyOf(v)) {
				v.add(root.inGroup(OTHER_GROUP, OTHER_GROUP_WEIGHT));
			}
		}
		this.values = List.copyOf(v);
	}

	/** The domain for a policy that reads these thread inputs. */
	public static InputDomain of(List<Input> read) {
		return new InputDomain(read.contains(Input.NICE) || read.contains(Input.WEIGHT),
				read.contains(Input.RUNTIME) || read.contains(Input.DEADLINE) || read.contains(Input.PERIOD),
				read.contains(Input.GROUP) || read.contains(Input.GROUP_WEIGHT));
	}

	/** The same, from the inputs' names ({@code weight}, {@code deadline}, ...). */
	public static InputDomain ofNames(List<String> read) {
		return of(read.stream().map(n -> Input.named(Input.Owner.THREAD, n).orElseThrow()).toList());
	}

	/** How many choices a {@code new} step has: 1 for a policy that reads no thread input. */
	public int size() {
		return values.size();
	}

	public ThreadInputs get(int index) {
		return values.get(index);
	}

	public List<ThreadInputs> values() {
		return values;
	}

	/** Whether nice values are varied (the policy reads nice or weight). */
	public boolean variesNice() {
		return nice;
	}

	/** Whether real-time parameters are varied (the policy reads runtime, deadline or period). */
	public boolean variesRealTime() {
		return realTime;
	}

	/** Whether groups are varied (the policy reads group or group_weight). */
	public boolean variesGroups() {
		return groups;
	}

	/**
	 * The explored values, for the verdict's first line: {@code threads of nice 0 and -5}, {@code threads
	 * not real-time or SCHED_DEADLINE (runtime, deadline, period) (1ms, 5ms, 10ms) or (1ms, 2ms, 10ms)};
	 * empty when nothing is varied.
	 */
	public String describe() {
		String nices = "nice " + String.join(" and ", Arrays.stream(NICES).mapToObj(String::valueOf).toList());
		List<String> triples = new ArrayList<>();
		for (long[] t : DEADLINE_TRIPLES) {
			triples.add("(" + Durations.format(t[0]) + ", " + Durations.format(t[1]) + ", " + Durations.format(t[2]) + ")");
		}
		String deadline = "SCHED_DEADLINE (runtime, deadline, period) " + String.join(" or ", triples);
		String kinds;
		if (nice && realTime) {
			kinds = "threads of " + nices + " not real-time, or nice 0 and " + deadline;
		} else if (nice) {
			kinds = "threads of " + nices;
		} else if (realTime) {
			kinds = "threads not real-time or " + deadline;
		} else {
			kinds = groups ? "threads" : "";
		}
		return groups ? kinds + ", in the root group or in group " + OTHER_GROUP + " of cpu.weight " + OTHER_GROUP_WEIGHT
				: kinds;
	}

	/**
	 * What a created thread's inputs were, in the terms the policy reads: {@code nice -5},
	 * {@code SCHED_DEADLINE runtime 1ms, deadline 5ms, period 10ms}, {@code not real-time}, or both
	 * (comma-separated); empty when nothing is varied.
	 */
	public String describe(ThreadInputs in) {
		List<String> parts = new ArrayList<>();
		if (nice) {
			parts.add("nice " + in.nice());
		}
		if (realTime) {
			parts.add(in.runtime() == 0 ? "not real-time"
					: "SCHED_DEADLINE runtime " + Durations.format(in.runtime()) + ", deadline "
							+ Durations.format(in.deadline()) + ", period " + Durations.format(in.period()));
		}
		if (groups) {
			parts.add(in.group() == 0 ? "root group" : "group " + in.group() + " of cpu.weight " + in.groupWeight());
		}
		return String.join(", ", parts);
	}
}
