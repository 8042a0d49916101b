package org.policy.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.NiceWeights;

/**
 * The C runtime's nice-to-weight table (prt_nice_weight[] in kernel-runtime/src/prt_machine.c, declared
 * in prt.h) has the numbers of the reference's NiceWeights, nice -20 to 19 in order: the weight input
 * of a thread is the same in the generated C as in the interpreter.
 */
class NiceWeightTableTest {
	@Test
	void cTableEqualsNiceWeights() {
		String header = Generator.runtimeFile("include/prt.h");
		assertTrue(header.contains("extern const s32 prt_nice_weight[PRT_NR_NICE];"), "prt.h declares prt_nice_weight[]");
		assertTrue(header.contains("#define PRT_MIN_NICE\t\t(" + NiceWeights.MIN_NICE + ")"), "PRT_MIN_NICE");
		assertTrue(header.contains("#define PRT_MAX_NICE\t\t" + NiceWeights.MAX_NICE), "PRT_MAX_NICE");
		List<Long> c = table(Generator.runtimeFile("src/prt_machine.c"));
		assertEquals(NiceWeights.MAX_NICE - NiceWeights.MIN_NICE + 1, c.size(), "entries of prt_nice_weight[]");
		for (int nice = NiceWeights.MIN_NICE; nice <= NiceWeights.MAX_NICE; nice++) {
			assertEquals(NiceWeights.weight(nice), c.get(nice - NiceWeights.MIN_NICE), "weight of nice " + nice);
		}
	}

	/** The numbers of the table's initialiser, comments left out. */
	private static List<Long> table(String source) {
		Matcher m = Pattern.compile("const s32 prt_nice_weight\\[PRT_NR_NICE\\] = \\{(.*?)\\};", Pattern.DOTALL)
				.matcher(source);
		assertTrue(m.find(), "prt_machine.c defines prt_nice_weight[]");
		String body = m.group(1).replaceAll("(?s)/\\*.*?\\*/", " ");
		List<Long> numbers = new ArrayList<>();
		for (String n : body.split("[,\\s]+")) {
			if (!n.isEmpty()) {
				numbers.add(Long.parseLong(n));
			}
		}
		return numbers;
	}
}
