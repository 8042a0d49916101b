package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
	@TempDir
	Path tmp;

	@Test
	void comparesPoliciesOnTheSameWorkloadSideBySide() throws Exception {
		Path out = tmp.resolve("cmp");
		Cli.Result r = Cli.policy("compare", Fixtures.simPolicy(tmp, "global_fifo").toString(),
				Fixtures.simPolicy(tmp, "local_only").toString(), Fixtures.simPolicy(tmp, "cfs_cwc").toString(),
				"-w", "cpu-bound", "--cores", "4", "--duration", "200ms", "--param", "slice=8ms", "--out", out.toString());
		assertEquals(0, r.status(), r.err());
		for (String f : new String[] { "compare.json", "compare.csv", "report.html", "latency-cdf.svg", "latency-cdf.png",
				"compare-utilisation.svg", "compare-wasted.png", "global_fifo-metrics.json", "local_only-metrics.json",
				"cfs_cwc-metrics.json" }) {
			assertTrue(Files.exists(out.resolve(f)), f);
		}
		JsonNode c = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
		assertEquals(3, c.get("policies").size());
		JsonNode fifo = c.get("policies").get(0);
		JsonNode local = c.get("policies").get(1);
		assertEquals("global_fifo", fifo.get("name").asText());
		assertEquals(0, fifo.get("wasted_core_ns").asLong());
		assertTrue(local.get("wasted_core_ns").asLong() > 0, "local_only strands the hogs on core 0");
		assertTrue(Files.readString(out.resolve("cfs_cwc-metrics.json")).contains("\"slice\" : 8000000"));
		assertTrue(Files.readString(out.resolve("local_only-metrics.json")).contains("\"params\" : { }"),
				"--param goes only to the policies that declare it");
	}

	@Test
	void aParameterNoComparedPolicyHasIsAUsageError() throws Exception {
		Cli.Result r = Cli.policy("compare", Fixtures.simPolicy(tmp, "global_fifo").toString(), "--param", "x=1",
				"--out", tmp.resolve("o").toString());
		assertEquals(2, r.status());
		assertTrue(r.err().contains("no compared policy has a parameter 'x'"), r.err());
	}
}
