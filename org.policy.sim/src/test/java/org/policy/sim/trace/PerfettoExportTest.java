package org.policy.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Topology;
import org.policy.sim.TestPolicies;
import org.policy.sim.engine.SimOptions;
import org.policy.sim.engine.Simulator;
import org.policy.sim.metrics.SimResult;

class PerfettoExportTest {
	@Test
	void exportsOneCompleteEventPerSegmentOnItsCoreTrack() throws Exception {
		SimResult r = new Simulator(TestPolicies.get("rr_one"), Map.of(),
				TestPolicies.rtapp("{'tasks': {'a': {'instance': 2, 'loop': 1, 'run': 3000}}}"),
				SimOptions.of(Topology.flat(1), 1_000_000_000L, 1).withHz(1000)).run();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PerfettoExport.write(out, r);
		JsonNode trace = new ObjectMapper().readTree(out.toByteArray());
		JsonNode events = trace.get("traceEvents");
		int complete = 0;
		for (JsonNode e : events) {
			if (e.get("ph").asText().equals("X")) {
				assertEquals(0, e.get("tid").asInt());
				assertEquals(1000.0, e.get("dur").asDouble(), 1e-9, "1ms slices, in µs");
				assertEquals(complete * 1000.0, e.get("ts").asDouble(), 1e-9);
				assertEquals("t" + (complete % 2) + " a", e.get("name").asText());
				complete++;
			}
		}
		assertEquals(6, complete);
	}

	@Test
	void microsecondsAreExactDecimals() {
		assertEquals("1234.567", PerfettoExport.micros(1_234_567));
		assertEquals("5", PerfettoExport.micros(5000));
		assertEquals("0.001", PerfettoExport.micros(1));
	}
}
