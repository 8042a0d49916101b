package org.policy.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.policy.dsl.load.InvalidPolicyException;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.output.OutputException;
import org.policy.dsl.policy.Policy;

/** What the generator writes, for every policy and for the constructs that need care. */
class GeneratorTest {
	static List<Path> policies() {
		return TestPolicies.all();
	}

	static Policy parse(@TempDir Path dir, String text) throws IOException {
		Path file = dir.resolve("p.policy");
		Files.writeString(file, text);
		return TestPolicies.model(file);
	}

	/** Why the language refuses {@code text}: the generator only ever sees policies without errors. */
	static String refused(@TempDir Path dir, String text) throws IOException {
		Path file = Files.writeString(dir.resolve("p.policy"), text);
		return assertThrows(InvalidPolicyException.class,
				() -> new PolicyLoader().load(PolicyFile.of(file.toString())).requireNoErrors()).getMessage();
	}

	private static final String MINIMAL = """
			policy NAME {
				thread { int n = 0; }
				core { queue q ordered by fifo; }
				on new(t) { t => self.q; }
				on tick(t) { t.n += 1; }
				on yield(t) { t => self.q; }
				on block(t) { t => blocked; }
				on unblock(t) { t => cpu(t).q; }
				on terminate(t) { t => terminated; }
				on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }
				EXTRA
			}
			""";

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void sameInputGivesByteIdenticalFiles(Path file, @TempDir Path out) throws IOException {
		Policy policy = TestPolicies.model(file);
		Map<String, String> first = Generator.files(policy);
		Map<String, String> second = Generator.files(TestPolicies.model(file));
		assertEquals(first, second);
		List<Path> written = Generator.generate(policy, out);
		for (Path p : written) {
			assertEquals(first.get(p.getFileName().toString()), Files.readString(p));
		}
		assertEquals(List.of(policy.getName() + ".c", "Kbuild", "Makefile", "prt.h", "prt_host.h", "prt_threads.h",
				"prt_kernel.h", "prt_machine.c", "prt_kernel.c", "prt_monitor.c", "prt_scx.c", "bridge.bpf.c",
				"bridge.c"),
				written.stream().map(p -> p.getFileName().toString()).toList());
		for (String runtime : List.of("include/prt_threads.h", "include/prt_kernel.h", "src/prt_kernel.c",
				"kmod/prt_monitor.c", "scx/prt_scx.c", "scx/bridge.bpf.c", "scx/bridge.c")) {
			String shipped = runtime.substring(runtime.indexOf('/') + 1);
			assertEquals(Generator.runtimeFile(runtime), first.get(shipped), shipped + " is kernel-runtime's, unchanged");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void generatedCFollowsKernelLayoutRules(Path file) {
		String c = Generator.policySource(TestPolicies.model(file));
		assertTrue(c.startsWith("// SPDX-License-Identifier: GPL-2.0\n"));
		boolean inComment = false;
		for (String line : c.split("\n")) {
			// a comment line goes on with " * ", never with the code writer's tab continuation
			assertFalse(inComment && !line.startsWith(" *"), () -> "a block comment line without ' *': " + line);
			inComment = (inComment || line.startsWith("/*")) && !line.contains("*/");
			int columns = 0;
			for (char ch : line.toCharArray()) {
				columns = ch == '\t' ? (columns / 8 + 1) * 8 : columns + 1;
			}
			assertTrue(columns <= 100, () -> "longer than 100 columns: " + line);
			assertFalse(line.endsWith(" ") || line.endsWith("\t"), () -> "trailing white space: " + line);
			assertFalse(line.matches("^ +\\S.*") && !line.startsWith(" *"), () -> "indented with spaces: " + line);
		}
	}

	/** Joins lines the code writer broke (continuations are indented with tabs). */
	private static String oneLine(String c) {
		return c.replaceAll("\n\t+", " ");
	}

	@Test
	void kbuildNamesTheModuleAfterThePolicy(@TempDir Path dir) throws IOException {
		Map<String, String> files = Generator.files(parse(dir, MINIMAL.replace("NAME", "tiny").replace("EXTRA", "")));
		assertTrue(files.get("Kbuild").contains("obj-m += pol_tiny.o"));
		assertTrue(files.get("Kbuild").contains("pol_tiny-y := tiny.o prt_machine.o prt_kernel.o $(prt-host-$(PRT_HOST))"));
		assertTrue(files.get("Makefile").contains("M=$(CURDIR) PRT_HOST=$(PRT_HOST) modules"));
	}

	@Test
	void aPolicyNamedLikeAShippedSourceIsRefused(@TempDir Path dir) throws IOException {
		for (String name : List.of("prt_scx", "bridge", "prt_monitor", "prt_machine")) {
			Policy policy = parse(dir, MINIMAL.replace("NAME", name).replace("EXTRA", ""));
			GeneratorException e = assertThrows(GeneratorException.class, () -> Generator.files(policy));
			assertTrue(e.getMessage().contains("'" + name + "' would clash with kernel-runtime's files"), e.getMessage());
		}
	}

	@Test
	void aHandlerWhoseLinesAreNotIndentedIsQuotedInItsComment(@TempDir Path dir) throws IOException {
		String text = MINIMAL.replace("NAME", "flat").replace("EXTRA", "").replace("on tick(t) { t.n += 1; }", "on tick(t) {\nt.n += 1;\n}");
		String c = Generator.policySource(parse(dir, text));
		assertTrue(c.contains(" * t.n += 1;"), c);
	}

	@Test
	void intLiteralsBeyond32BitsAreLongLongConstantsInC(@TempDir Path dir) throws IOException {
		String text = MINIMAL.replace("NAME", "wide").replace("EXTRA", "").replace("on tick(t) { t.n += 1; }",
				"on tick(t) { t.n += 3000000000; t.n -= -9223372036854775808; t.n += 9223372036854775807 + 7; }");
		String c = Generator.policySource(parse(dir, text));
		assertTrue(c.contains("3000000000LL"), c);
		// -2^63 has no C literal: 9223372036854775808 does not fit a long long
		assertTrue(c.contains("prt_neg(") && c.contains("-9223372036854775807LL - 1"), c);
		assertTrue(c.contains("9223372036854775807LL"), c);
		// (the comment above each handler quotes the policy, which may say 9223372036854775808)
		assertFalse(c.lines().filter(l -> !l.strip().startsWith("*")).anyMatch(l -> l.contains("9223372036854775808")), c);
	}

	@Test
	void theSmallestIntAsAParamDefaultIsAConstantExpressionInC(@TempDir Path dir) throws IOException {
		String text = MINIMAL.replace("NAME", "lowest").replace("EXTRA", "param int floor = -9223372036854775808;")
				.replace("on tick(t) { t.n += 1; }", "on tick(t) { t.n += floor; }");
		String c = Generator.policySource(parse(dir, text));
		assertTrue(c.contains(" = (-9223372036854775807LL - 1);"), c);
	}

	@Test
	void namesThatAreCKeywordsOrKernelMacrosAreRenamed(@TempDir Path dir) throws IOException {
		String text = MINIMAL.replace("NAME", "names").replace("thread { int n = 0; }",
				"thread { int n = 0; int unsigned = 1; int jiffies = 2; }").replace("core { queue q ordered by fifo; }",
						"core { queue q ordered by fifo; } core states { busy, idle }").replace("EXTRA",
						"function int static(int m) = m + 1;\n on enter_idle { var self_ = static(2); self => idle; }");
		String c = Generator.policySource(parse(dir, text));
		assertTrue(c.contains("s64 unsigned_;"), c);
		assertTrue(c.contains("s64 jiffies_;"), c);
		assertTrue(c.contains("static s64 names_static(struct prt_machine *m, s64 m_)"), c);
		assertTrue(c.contains("self__ = names_static(m, 2)"), c);
	}

	@Test
	void helpersTakeSelfOnlyWhenTheyOrWhatTheyCallReadIt(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "selfless").replace("EXTRA", """
				function int twice(int x) = x * 2;
				function int mine() = size(self.q);
				function int via() = mine() + twice(1);
				function core emptiest() = min(c in cores by size(c.q));
				function core nearest() = min(c in cores by size(c.q) + size(self.q));
				""")));
		assertTrue(c.contains("static s64 selfless_twice(struct prt_machine *m, s64 x)\n"), c);
		assertTrue(c.contains("static s64 selfless_mine(struct prt_machine *m, s64 self)\n"), c);
		assertTrue(c.contains("static s64 selfless_via(struct prt_machine *m, s64 self)\n"), c);
		assertTrue(c.contains("return prt_add(selfless_mine(m, self), selfless_twice(m, 1));"), c);
		// lifted aggregates too
		assertTrue(c.contains("static s64 selfless_emptiest_min1(struct prt_machine *m)\n"), c);
		assertTrue(c.contains("static s64 selfless_nearest_min1(struct prt_machine *m, s64 self)\n"), c);
		// handlers keep the runtime's callback signature
		assertTrue(c.contains("static void selfless_tick(struct prt_machine *m, s64 self, s64 t)\n"), c);
	}

	@Test
	void aQueueNamedSeveralTimesInAFunctionIsComputedOnce(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "once").replace("EXTRA", """
				function int waiting(core c) = size(c.q) + size(c.q);
				on enter_idle { if (first(self.q) != none) { self.n += 1; } }
				""").replace("core { queue q ordered by fifo; }", "core { queue q ordered by fifo; int n = 0; }")));
		assertTrue(c.contains("""
				static void once_schedule(struct prt_machine *m, s64 self, s64 target)
				{
					struct prt_queue *q = prt_core_queue(m, self, ONCE_Q_Q);

					if (!prt_queue_empty(q))
						prt_to_current(m, prt_queue_first(q), self, 10);
				}
				"""), c);
		// a function's core parameter that every call passes a sure core: its queue is computed once too
		assertTrue(c.contains("""
					struct prt_queue *c_q = prt_core_queue(m, c, ONCE_Q_Q);

					return prt_add(prt_queue_size(c_q), prt_queue_size(c_q));
				"""), c);
		// a queue named once stays where it is
		assertTrue(c.contains("if (prt_queue_first(prt_core_queue(m, self, ONCE_Q_Q)) != PRT_NONE)"), c);
	}

	@Test
	void initialValuesAreNamedConstantsAlsoWhereThePolicyComputesWithThem(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "consts")
				.replace("thread { int n = 0; }", "thread { int n = 0; int weight = 1024; time slice = 4ms; }")
				.replace("on tick(t) { t.n += 1; }", "on tick(t) { t.n = t.n * 1024 / t.weight; t.n += 1024; }")
				.replace("EXTRA", "")));
		assertTrue(c.contains("""
				#include "prt.h"

				/* Initial values of attributes, by name also where the policy computes with them. */
				#define CONSTS_WEIGHT_INIT 1024	/* a new thread's weight */
				#define CONSTS_SLICE_INIT 4000000	/* 4ms: a new thread's slice */
				"""), c);
		assertTrue(c.contains("thread(m, t)->weight = CONSTS_WEIGHT_INIT;"), c);
		assertTrue(c.contains("thread(m, t)->slice = CONSTS_SLICE_INIT;"), c);
		// 1024 next to t.weight is weight's initial value; 1024 on its own says nothing of weight
		assertTrue(oneLine(c).contains("prt_div(prt_mul(thread(m, t)->n, CONSTS_WEIGHT_INIT), thread(m, t)->weight)"), c);
		assertTrue(c.contains("thread(m, t)->n = prt_add(thread(m, t)->n, 1024);"), c);
	}

	@Test
	void inputsAreFieldsCopiedFromTheHostsInputRecordsBeforeNewAndAtCoreStart(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "ins")
				.replace("thread { int n = 0; }", "thread { input int weight; int n = 0; input time period; }")
				.replace("core { queue q ordered by fifo; }", "core { queue q ordered by fifo; input int capacity; }")
				.replace("on tick(t) { t.n += 1; }", "on tick(t) { t.n += t.weight + t.period + self.capacity; }")
				.replace("EXTRA", "")));
		assertTrue(c.contains("s64 weight;\t/* int, input: set by the environment */"), c);
		assertTrue(c.contains("""
				static void ins_init_core(struct prt_machine *m, s64 self)
				{
					const struct prt_core_in *in = prt_core_in(m, self);

					/* Inputs: set by the environment, read-only for the policy. */
					core(m, self)->capacity = in->capacity;
				}
				"""), c);
		assertTrue(c.contains("""
				static void ins_init_thread(struct prt_machine *m, s64 self, s64 t)
				{
					const struct prt_thread_in *in = prt_thread_in(m, t);

					/* Inputs: set by the environment, read-only for the policy. */
					thread(m, t)->weight = prt_weight_of_nice(in->nice);
					thread(m, t)->period = in->period;

					thread(m, t)->n = 0;
				}
				"""), c);
		assertTrue(c.contains(".init_core = ins_init_core,"), c);
		// reads are ordinary field reads
		assertTrue(oneLine(c).contains("thread(m, t)->weight"), c);
		assertTrue(oneLine(c).contains("core(m, self)->capacity"), c);
	}

	@Test
	void referencesThatMayBeNoneAreCheckedAndTheOthersAreNot(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "refs").replace("on tick(t) { t.n += 1; }",
				"on tick(t) { t.n += 1; var f = first(self.q); if (f != none) { t.n = f.n; } }").replace("EXTRA", "")));
		assertTrue(c.contains("thread(m, t)->n = prt_add(thread(m, t)->n, 1);"), c);
		assertTrue(c.contains("thread(m, prt_thread_ref(m, f, 5, \"n\"))->n"), c);
	}

	@Test
	void nestedIfElseWithBracesIsIndentedByDepth(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "nest").replace("on tick(t) { t.n += 1; }",
				"on tick(t) { if (t.n > 1) { if (t.n > 2) { t.n = 0; } else { t.n = 1; t.n += 2; } } }")
				.replace("EXTRA", "")));
		assertTrue(c.contains("""
				static void nest_tick(struct prt_machine *m, s64 self, s64 t)
				{
					if (thread(m, t)->n > 1) {
						if (thread(m, t)->n > 2) {
							thread(m, t)->n = 0;
						} else {
							thread(m, t)->n = 1;
							thread(m, t)->n = prt_add(thread(m, t)->n, 2);
						}
					}
				}
				"""), c);
	}

	@Test
	void arithmeticWrapsAndDividesSafely(@TempDir Path dir) throws IOException {
		String c = oneLine(Generator.policySource(parse(dir, MINIMAL.replace("NAME", "arith")
				.replace("on tick(t) { t.n += 1; }", "on tick(t) { t.n = -(t.n * 3) / (t.n % 2) - 1; }")
				.replace("EXTRA", ""))));
		assertTrue(c.contains("thread(m, t)->n = prt_sub(prt_div(prt_neg(prt_mul(thread(m, t)->n, 3)), "
				+ "prt_mod(thread(m, t)->n, 2)), 1);"), c);
	}

	@Test
	void aFunctionThatCanEndWithoutReturnIsRefusedWithItsPosition(@TempDir Path dir) throws IOException {
		String message = refused(dir, MINIMAL.replace("NAME", "noreturn")
				.replace("EXTRA", "function int f(int x) {\n if (x > 0) { return 1; }\n }"));
		assertTrue(message.matches("(?s).*p\\.policy:11:\\d+: .*f.* can end without .*"), message);
	}

	@Test
	void recursionIsRefused(@TempDir Path dir) throws IOException {
		String message = refused(dir, MINIMAL.replace("NAME", "rec")
				.replace("EXTRA", "function int f(int x) = g(x);\n function int g(int x) = f(x);"));
		assertTrue(message.contains("calls itself"), message);
	}

	@Test
	void anOutputThatIsNotAFolderIsAnOutputExceptionNamingTheFlag(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("file");
		Files.writeString(file, "x");
		// the policy command's handler turns it into "policy: <message>", exit 2 (org.policy.cli's OutputRuleTest)
		OutputException e = assertThrows(OutputException.class, () -> Generator.generate(
				TestPolicies.model(TestPolicies.coverage().get(0)), "--out", file));
		assertEquals("--out " + file + ": exists and is not a directory", e.getMessage());
		assertEquals("x", Files.readString(file));
		try (var left = Files.list(dir)) {
			assertEquals(List.of(file), left.toList());
		}
	}

	@Test
	void preemptIsARuntimeCallAndOnPreemptAHandlerWithItsContract(@TempDir Path dir) throws IOException {
		String c = Generator.policySource(parse(dir, """
				policy pre {
					thread { int n = 0; core home = none; }
					core { queue q ordered by fifo; }
					on new(t) { t => self.q; preempt self; }
					on tick(t) { t.n += 1; }
					on yield(t) { t => self.q; }
					on block(t) { t => blocked; }
					on unblock(t) { t => cpu(t).q; preempt t.home; preempt cpu(t); }
					on terminate(t) { t => terminated; }
					on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }
					on preempt(t) { t.n += 1; t => self.q; }
				}
				"""));
		// the runtime checks the core (none: a fault at the statement's line), as prt_to_core_state() does
		assertTrue(c.contains("\tprt_preempt(m, self, 4);\n"), c);
		assertTrue(c.contains("\tprt_preempt(m, thread(m, t)->home, 8);\n"), c);
		assertTrue(c.contains("\tprt_preempt(m, prt_cpu(m, t), 8);\n"), c);
		// the handler, with its event type's contract, and its entry in the table
		assertTrue(c.contains(" * on preempt(t)\n * A `new` or `unblock` handler asked self to reschedule"), c);
		assertTrue(c.contains("static void pre_preempt(struct prt_machine *m, s64 self, s64 t)\n"), c);
		assertTrue(c.contains("\t\t[PRT_EV_PREEMPT] = pre_preempt,\n"), c);
		// its target runs on self: never none, its attributes are read without a check
		String handler = c.substring(c.indexOf("static void pre_preempt("));
		handler = handler.substring(0, handler.indexOf("\n}\n"));
		assertFalse(handler.contains("prt_thread_ref"), handler);
	}

	@Test
	void affinityIsReadThroughTheRuntimesNamedCallsAndFirstLeavesItsLoopAtTheFirstMatch(@TempDir Path dir)
			throws IOException {
		String c = Generator.policySource(parse(dir, MINIMAL.replace("NAME", "aff")
				.replace("thread { int n = 0; }", "thread { int n = 0; core home = none; }")
				.replace("on tick(t) { t.n += 1; }", "on tick(t) { t.n = size(affinity(t)); "
						+ "if (t.home in affinity(t)) { t.n += 1; } foreach c in affinity(t) { t.n += 1; } }")
				.replace("on schedule { if (!empty(self.q)) { first(self.q) => self.current; } }",
						"on schedule { var w = first(t in self.q where self in affinity(t)); "
								+ "if (w != none) { w => self.current; } }")
				.replace("EXTRA", "")));
		assertTrue(c.contains("thread(m, t)->n = prt_cset_size(m, prt_cset_affinity(t));"), c);
		// a core that may be none is tested as a set member (false for none), a sure one with prt_allowed()
		assertTrue(c.contains("if (prt_cset_has(m, prt_cset_affinity(t), thread(m, t)->home))"), c);
		assertTrue(c.contains("prt_snapshot_cset(m, 0, prt_cset_affinity(t))"), c);
		assertTrue(c.contains("""
				static s64 aff_schedule_first1(struct prt_machine *m, s64 self)
				{
					struct prt_queue *q_ = prt_core_queue(m, self, AFF_Q_Q);

					prt_for_queue(i_, q_) {
						s64 t = prt_queue_elem(q_, i_);

						if (prt_allowed(m, t, self))
							return t;
					}
					return PRT_NONE;
				}
				"""), c);
	}
}
