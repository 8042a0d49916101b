package org.policy.verifier.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.verifier.TestPolicies;

/** Which time attributes are normalised, and together with which. */
class TimeFamiliesTest {

	@Test
	void virtualAndRealTimeAreSeparateFamilies() {
		CompiledPolicy p = TestPolicies.load("cfs_cwc");
		TimeFamilies f = TimeFamilies.of(p.policy());
		int vruntime = p.layout().threadAttributes().indexOf("vruntime");
		int minVruntime = p.layout().coreAttributes().indexOf("min_vruntime");
		assertEquals(f.threadFamily[vruntime], f.coreFamily[minVruntime], "vruntime is compared with min_vruntime");
		assertNotEquals(-1, f.threadFamily[vruntime]);
		assertNotEquals(f.nowFamily, f.threadFamily[vruntime], "vruntime only gets durations from now");
	}

	@Test
	void pointsOfRealTimeJoinNow() {
		CompiledPolicy p = TestPolicies.load("rr_steal");
		TimeFamilies f = TimeFamilies.of(p.policy());
		assertArrayEquals(new int[] { f.nowFamily }, f.threadFamily, "picked_at = now; now - picked_at");
		assertEquals(1, f.families);
	}

	@Test
	void scaledOrDurationValuedTimesStayExact() {
		String text = """
				policy scaled {
					thread { time predicted = 5ms; time picked_at = 0; time deadline = 0; }
					core { queue q ordered by lowest predicted; }
					on new(t) { t.deadline = now * 2; t => self.q; }
					on tick(t) { }
					on yield(t) { t.predicted = (t.predicted + (now - t.picked_at)) / 2; t => self.q; }
					on block(t) { t => blocked; }
					on unblock(t) { t => self.q; }
					on terminate(t) { t => terminated; }
					on schedule {
						if (!empty(self.q)) { var t = first(self.q); t.picked_at = now; t => self.current; }
					}
				}
				""";
		CompiledPolicy p = TestPolicies.parse(text, "scaled.policy");
		TimeFamilies f = TimeFamilies.of(p.policy());
		assertEquals(-1, f.threadFamily[0], "predicted is halved: a duration, kept exact");
		assertEquals(-1, f.threadFamily[2], "deadline is now scaled: not shift-invariant");
		assertEquals(-1, f.nowFamily, "now itself is scaled");
		assertEquals(-1, f.threadFamily[1], "picked_at joins now's family, which is exact");
	}
}
