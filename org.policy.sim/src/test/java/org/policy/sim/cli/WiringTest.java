package org.policy.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The commands work as subcommands of a parent declared like the {@code policy} command (inherited
 * standard help options), which is how org.policy.cli registers them.
 */
class WiringTest {
	@TempDir
	Path tmp;

	@Command(name = "policy", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
			subcommands = { SimulateCommand.class, CompareCommand.class, BenchCommand.class })
	static final class Parent implements Runnable {
		@Override
		public void run() {
		}
	}

	@Test
	void subcommandsOfAPolicyLikeParent() throws Exception {
		CliRun help = CliRun.of(new Parent(), "simulate", "--help");
		assertEquals(0, help.status(), help.err());
		assertTrue(help.out().contains("--workload") && help.out().contains("--param"), help.out());
		CliRun compareHelp = CliRun.of(new Parent(), "compare", "--help");
		assertEquals(0, compareHelp.status(), compareHelp.err());
		CliRun benchHelp = CliRun.of(new Parent(), "simulate-bench", "--help");
		assertEquals(0, benchHelp.status(), benchHelp.err());
		Path out = tmp.resolve("o");
		CliRun run = CliRun.of(new Parent(), "simulate", CliRun.policy(tmp, "global_fifo").toString(), "-w", "cpu-bound",
				"--duration", "10ms", "--no-plots", "--out", out.toString());
		assertEquals(0, run.status(), run.err());
		assertTrue(Files.exists(out.resolve("metrics.json")));
		CliRun usage = CliRun.of(new Parent(), "simulate", "--out", out.toString());
		assertEquals(2, usage.status());
		assertTrue(usage.err().contains("Missing required parameter: 'POLICY'"), usage.err());
	}
}
