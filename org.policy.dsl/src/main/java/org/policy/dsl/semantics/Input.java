package org.policy.dsl.semantics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.typing.ValueType;

/**
 * What the environment tells a policy about a thread or a core (docs/semantics.md, "Inputs"). A policy
 * reads an input by declaring it in its {@code thread} or {@code core} block, {@code input int weight;},
 * and reads it as an attribute, {@code t.weight}; it never writes it.
 *
 * <p>This is the one table of inputs: the checker accepts exactly these names and types, the
 * interpreter sets them (a thread's when it is created, from {@link ThreadInputs}; a core's when the
 * machine starts), the generated C copies them from the host's {@code struct prt_thread_in} and
 * {@code struct prt_core_in}, the language server shows {@link #meaning()} on hover, and the table in
 * docs/semantics.md is {@link #markdownTable()} (a test compares them).
 *
 * <p>Thread inputs are fixed for a thread's life: a host that sees one change (setpriority()) keeps the
 * value the thread had when it was created. Times are in ns; a real-time parameter of a thread that is
 * not a SCHED_DEADLINE thread is 0.
 */
public enum Input {
	NICE(Owner.THREAD, "nice", ValueType.INT, "its nice value, -20 (favoured) to 19; 0 unless set"),
	WEIGHT(Owner.THREAD, "weight", ValueType.INT,
			"the weight of its nice value, Linux's sched_prio_to_weight[]: 1024 at nice 0, about 1.25 times"
					+ " more per step down (nice -5 is 3121, nice 5 is 335)"),
	RUNTIME(Owner.THREAD, "runtime", ValueType.TIME,
			"SCHED_DEADLINE's runtime: the CPU time it may use per period; 0 for other threads"),
	DEADLINE(Owner.THREAD, "deadline", ValueType.TIME,
			"SCHED_DEADLINE's relative deadline: each job is due this long after its release; 0 for other"
					+ " threads"),
	PERIOD(Owner.THREAD, "period", ValueType.TIME,
			"SCHED_DEADLINE's period: the time between its job releases; 0 for other threads"),
	GROUP(Owner.THREAD, "group", ValueType.INT,
			"the number of its group (its cgroup): the same for every thread of one group, 0 for the root"
					+ " group"),
	GROUP_WEIGHT(Owner.THREAD, "group_weight", ValueType.INT,
			"its group's cpu.weight, 1 to 10000: 100 unless set, and for the root group"),
	ID(Owner.CORE, "id", ValueType.INT, "the core's number, 0 to size(cores) - 1 (the kernel's CPU number)"),
	CAPACITY(Owner.CORE, "capacity", ValueType.INT,
			"its compute capacity, 1024 for the fastest core (SCHED_CAPACITY_SCALE)");

	/** Whose input it is. */
	public enum Owner {
		THREAD("thread"), CORE("core");

		private final String word;

		Owner(String word) {
			this.word = word;
		}

		public String word() {
			return word;
		}
	}

	/** Every core's capacity in machines that do not say otherwise (Linux's SCHED_CAPACITY_SCALE). */
	public static final long FULL_CAPACITY = 1024;

	private final Owner owner;
	private final String name;
	private final ValueType type;
	private final String meaning;

	Input(Owner owner, String name, ValueType type, String meaning) {
		this.owner = owner;
		this.name = name;
		this.type = type;
		this.meaning = meaning;
	}

	public Owner owner() {
		return owner;
	}

	/** The name a policy declares it by. */
	public String inputName() {
		return name;
	}

	public ValueType type() {
		return type;
	}

	/** What it is, in a sentence for hovers and the docs. */
	public String meaning() {
		return meaning;
	}

	/** The input an attribute declared {@code input} stands for; empty for any other attribute. */
	public static Optional<Input> of(Attribute attribute) {
		if (!attribute.isInput() || attribute.getName() == null) {
			return Optional.empty();
		}
		return named(PolicyModel.isThreadAttribute(attribute) ? Owner.THREAD : Owner.CORE, attribute.getName());
	}

	/** The thread inputs a policy declares, in the order of this table. */
	public static List<Input> threadInputsOf(Policy policy) {
		List<Input> declared = PolicyModel.threadAttributes(policy).stream().flatMap(a -> of(a).stream()).toList();
		return Arrays.stream(values()).filter(declared::contains).toList();
	}

	/** The input of an owner by name. */
	public static Optional<Input> named(Owner owner, String name) {
		return Arrays.stream(values()).filter(i -> i.owner == owner && i.name.equals(name)).findFirst();
	}

	/** The inputs of an owner, as "nice, weight, runtime, deadline and period". */
	public static String namesOf(Owner owner) {
		List<String> names = Arrays.stream(values()).filter(i -> i.owner == owner).map(i -> i.name).toList();
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

	/** The table of docs/semantics.md, "Inputs". */
	public static String markdownTable() {
		return "| input | of | type | what it is |\n|---|---|---|---|\n" + Arrays.stream(values())
				.map(i -> "| `" + i.name + "` | " + i.owner.word + " | `" + i.type.label() + "` | " + i.meaning + " |")
				.collect(Collectors.joining("\n")) + "\n";
	}
}
