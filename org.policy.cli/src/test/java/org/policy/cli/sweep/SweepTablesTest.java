package org.policy.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The summary's arithmetic against hand computations, and Student's t against its tables. */
class SweepTablesTest {

	@Test
	void studentTQuantilesMatchTheTables() {
		assertEquals(12.7062, StudentT.quantile975(1), 1e-4);
		assertEquals(4.3027, StudentT.quantile975(2), 1e-4);
		assertEquals(3.1824, StudentT.quantile975(3), 1e-4);
		assertEquals(2.2281, StudentT.quantile975(10), 1e-4);
		assertEquals(2.0423, StudentT.quantile975(30), 1e-4);
		assertEquals(1.9840, StudentT.quantile975(100), 1e-4);
	}

	@Property
	void quantilesFallTowardsTheNormalOne(@ForAll @IntRange(min = 1, max = 2000) int df) {
		double t = StudentT.quantile975(df);
		assertTrue(t > 1.959963 && t > StudentT.quantile975(df + 1), "t(" + df + ") = " + t);
	}

	@Property
	void theIntervalHoldsTheMeanSymmetrically(@ForAll @Size(min = 2, max = 30) List<@IntRange(min = 0, max = 1000) Integer> xs) {
		SweepTables.Interval i = SweepTables.Interval.of(xs.stream().map(Integer::doubleValue).toList());
		assertTrue(i.low() <= i.mean() && i.mean() <= i.high());
		assertEquals(i.mean() - i.low(), i.high() - i.mean(), 1e-9);
	}

	@Test
	void summaryMatchesAHandComputation() {
		// migrations 10, 12, 17: mean 13, sd sqrt(((-3)² + (-1)² + 4²) / 2) = sqrt(13) = 3.605551,
		// half width t(0.975, 2) · sd / sqrt(3) = 4.302653 · 3.605551 / 1.732051 = 8.956686; jain has one sample (the others are -1)
		List<RunRecord> runs = new ArrayList<>();
		long[] migrations = { 10, 12, 17 };
		double[] jain = { 0.5, -1, -1 };
		for (int k = 0; k < 3; k++) {
			Map<String, Number> m = new LinkedHashMap<>();
			for (String name : RunRecord.METRICS) {
				m.put(name, 0L);
			}
			m.put("migrations", migrations[k]);
			m.put("fairness_jain", jain[k]);
			m.put("makespan_ns", -1L);
			runs.add(new RunRecord("id" + k, "p", "p.policy", Map.of("slice", "4ms"), "mixed", 4, "flat", k, 100 + k, m));
		}
		List<String> lines = SweepTables.summaryCsv(runs).lines().toList();
		assertEquals("policy,policy_file,workload,cores,topology,param_slice,metric,n,mean,sd,ci95_low,ci95_high,note",
				lines.get(0));
		assertTrue(lines.contains("p,p.policy,mixed,4,flat,4ms,migrations,3,13.000000,3.605551,4.043314,21.956686,"),
				String.join("\n", lines));
		assertTrue(lines.contains("p,p.policy,mixed,4,flat,4ms,fairness_jain,1,0.500000,,,,one sample: no interval"));
		assertTrue(lines.contains("p,p.policy,mixed,4,flat,4ms,makespan_ns,0,,,,,no sample"));
		assertEquals(1 + RunRecord.METRICS.size(), lines.size());
	}
}
