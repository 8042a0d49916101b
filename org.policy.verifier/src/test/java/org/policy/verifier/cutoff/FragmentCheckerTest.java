package org.policy.verifier.cutoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.TestPolicies;

/** One test per rule of the fragment: the construct, its position and why it is outside; and the bound A. */
class FragmentCheckerTest {
	/** A policy of the fragment, which each test changes in one place. */
	static final String BASE = TestPolicies.text("used_mark");

	/** used_mark with its steal filter {@code runnable(c) >= 2} replaced by {@code condition}. */
	private static String withFilter(String condition) {
		return TestPolicies.mutate(BASE, "filter c: runnable(c) >= 2;", "filter c: " + condition + ";");
	}

	private static FragmentChecker.Fragment check(String text) {
		return FragmentChecker.check(TestPolicies.parse(text, "p.policy"));
	}

	private static void assertOutside(String text, String construct, String at, String why) {
		FragmentChecker.Fragment f = check(text);
		assertFalse(f.inside());
		List<String> lines = f.outside().stream().map(o -> o.format("p.policy")).toList();
		assertEquals(List.of("p.policy:" + AllCoresTest.position(text, at) + ": " + construct + ": " + why), lines);
	}

	@Test
	void theBaseAndTheLibrarysWorkConservingPoliciesAreInside() {
		assertTrue(check(BASE).inside());
		for (String name : List.of("rr", "cfs_cwc", "ule_cwc")) {
			assertTrue(check(TestPolicies.libraryText(name)).inside(), name);
		}
	}

	@Test
	void sizeOfASetOfCoresIsOutside() {
		String text = withFilter("runnable(c) >= 2 && size(cores) > 1");
		assertOutside(text, "size(cores)", "size(cores)", "the size of a set of cores reads the machine size");
		// the size of a queue is not
		assertTrue(check(withFilter("runnable(c) >= 2 && size(c.runq) >= 1")).inside());
	}

	@Test
	void countAndSumOverCoresAreOutside() {
		String count = withFilter("runnable(c) >= 2 && count(x in cores where true) >= 0");
		assertOutside(count, "count(x in cores where true)", "count(x in cores",
				"count over cores counts cores: it reads the machine size");
		String sum = withFilter("runnable(c) >= 2 && sum(x in cores of runnable(x)) >= 2");
		assertOutside(sum, "sum(x in cores of runnable(x))", "sum(x in cores",
				"sum over cores counts cores: it reads the machine size");
		// over a queue they count threads
		assertTrue(check(withFilter("count(u in c.runq where true) >= 1")).inside());
	}

	@Test
	void aLoopOverCoresIsOutside() {
		String text = TestPolicies.mutate(BASE, "	on tick(t) {\n	}",
				"	on tick(t) {\n		foreach x in cores {\n			x.used = true;\n		}\n	}");
		assertOutside(text, "foreach x in cores", "foreach x in cores",
				"a loop over cores runs once per core, so its effect can depend on the machine size");
		assertTrue(check(text).outside().get(0).breaksSymmetry());
	}

	@Test
	void theCoreInputIdAndCoreValuedAttributesAreOutside() {
		String id = TestPolicies.mutate(BASE, "bool used = false;", "bool used = false;\n		input int id;");
		assertOutside(id, "core input id", "input int id;", "it reads core ids, which tell cores apart");
		String last = TestPolicies.mutate(BASE, "policy used_mark {",
				"policy used_mark {\n	thread {\n		core home = none;\n	}");
		assertOutside(last, "thread attribute home", "core home = none;",
				"an attribute of type core can name a core that holds no thread");
	}

	@Test
	void aSharedQueueIsOutside() {
		String text = TestPolicies.mutate(BASE, "bool used = false;   // has this core ever run a thread?\n	}",
				"bool used = false;   // has this core ever run a thread?\n	}\n	shared queue spill ordered by fifo;");
		assertOutside(text, "shared queue spill", "shared queue spill",
				"a shared queue belongs to no core and every idle core is kicked for it, so cores that hold no thread"
						+ " do not stay alike");
	}

	@Test
	void idempotentQueriesOverCoresAreInside() {
		// min, max, exists, all, first over cores and membership do not depend on how many cores are empty
		String text = withFilter("runnable(c) >= 2 && exists(x in cores where runnable(x) == 0)"
				+ " && all(x in cores where runnable(x) >= 0) && c != min(x in cores by runnable(x))"
				+ " && first(x in cores where runnable(x) == 0) != c");
		FragmentChecker.Fragment f = check(text);
		assertTrue(f.inside());
		// and each value it can hold at once raises A: four aggregates over cores, two of which give cores
		assertEquals(check(BASE).aliveCores() + 4 + 2, f.aliveCores());
	}

	@Test
	void aChoiceAmongCoresThatReadsAnEnclosingCoreIsOutside() {
		String why = "a choice among cores that depends on a core of an enclosing aggregate (or a core parameter)"
				+ " observes the order in which ties between cores are broken, relative to every core of the machine";
		// made for each candidate c, it tells where c lies in the order of the step's ties
		String filter = withFilter("runnable(c) >= 2 && first(x in cores where x == c || x == self) == self");
		assertOutside(filter, "first(x in cores where x == c || x == self)", "first(x in cores", why);
		// inside an aggregate over cores, the same through its binder
		String nested = withFilter(
				"runnable(c) >= 2 && exists(e in cores where min(x in cores where x == e || x == c by 0) == e)");
		assertOutside(nested, "min(x in cores where x == e || x == c by 0)", "min(x in cores", why);
		// in a function of a core, whose callers may pass such a core (the reviewer's before(a, b))
		String function = TestPolicies.mutate(BASE, "policy used_mark {",
				"policy used_mark {\n	function bool before(core a, core b) = first(d in cores where d == a || d == b) == a;");
		assertOutside(function, "first(d in cores where d == a || d == b)", "first(d in cores", why);
		// a choice that reads no such core is one decision of the step, and inside
		assertTrue(check(withFilter("runnable(c) >= 2 && exists(e in cores where min(x in cores by runnable(x)) == e)"))
				.inside());
	}

	@Test
	void theCutoffIsThreadsPlusAPlusOne() {
		CompiledPolicy p = TestPolicies.load("used_mark");
		FragmentChecker.Fragment f = FragmentChecker.check(p);
		assertEquals(5 + f.aliveCores() + 1, f.cutoff(5));
	}
}
