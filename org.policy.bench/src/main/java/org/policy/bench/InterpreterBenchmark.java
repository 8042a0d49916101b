package org.policy.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyFile;
import org.policy.dsl.load.PolicyLoader;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.Topology;

/**
 * Cost of one event of the reference semantics on a large machine (64 cores, 1000 threads), the
 * simulator's hot path. Run: {@code java -jar org.policy.bench/target/benchmarks.jar}
 * ({@code -p policy=policies/rr.policy} for another policy; run from the repository root).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBenchmark {
	private static final int CORES = 64;
	private static final int THREADS = 1000;

	@Param("policies/cfs_cwc.policy")
	public String policy;

	private Interpreter interpreter;
	private Machine machine;
	private int core;
	private long now;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		LoadedPolicy loaded = new PolicyLoader().load(PolicyFile.of(policy));
		if (loaded.hasErrors()) {
			throw new IllegalStateException(loaded.diagnostics().toString());
		}
		CompiledPolicy compiled = loaded.compile();
		interpreter = compiled.newInterpreter();
		machine = compiled.newMachine(Topology.of(CORES, 2, 16, 0), THREADS);
		interpreter.initialise(machine);
		interpreter.boot(machine);
		for (int t = 0; t < THREADS; t++) {
			interpreter.create(machine, t % CORES, t);
			interpreter.complete(machine, t % CORES);
		}
		for (int c = machine.nextPendingReschedule(0); c < CORES; c = machine.nextPendingReschedule(0)) {
			interpreter.reschedule(machine, c);
		}
	}

	private int nextCore() {
		core = core + 1 == CORES ? 0 : core + 1;
		now += 100_000;
		machine.setNow(now);
		return core;
	}

	/** A timer tick on a busy core, and the pick that follows when it preempts. */
	@Benchmark
	public int tick() {
		int c = nextCore();
		interpreter.tick(machine, c);
		interpreter.complete(machine, c);
		return machine.current(c);
	}

	/** A thread blocks, its core picks another, and the thread is woken again. */
	@Benchmark
	public int blockScheduleUnblock() {
		int c = nextCore();
		int t = machine.current(c);
		interpreter.block(machine, c);
		interpreter.complete(machine, c);
		interpreter.unblock(machine, c, t);
		return machine.current(c);
	}

	/** One steal attempt by a core (the victim search scans every core of its domains). */
	@Benchmark
	public int balance() {
		return interpreter.balance(machine, nextCore());
	}
}
