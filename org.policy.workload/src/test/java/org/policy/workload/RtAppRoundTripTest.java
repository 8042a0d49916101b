package org.policy.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the writer writes, the reader reads back to the same model; and writing it again gives the same bytes. */
class RtAppRoundTripTest {

	@Property(tries = 400)
	void writtenFilesReadBackToTheSameModel(@ForAll("files") RtAppFile file) throws Exception {
		String text = RtAppWriter.text(file);
		RtAppFile back = read(text);
		assertEquals(comparable(file), comparable(back), text);
		assertEquals(text, RtAppWriter.text(back));
	}

	private static RtAppFile read(String text) throws WorkloadException, IOException {
		return RtAppReader.read("w.json", new StringReader(text));
	}

	/** The model without what only a read file has: positions and warnings. */
	private static List<Object> comparable(RtAppFile f) {
		List<Object> tasks = new ArrayList<>();
		for (RtAppTask t : f.tasks()) {
			Arrivals a = t.arrivals() == null ? null : new Arrivals(t.arrivals().meanGapNs(), t.arrivals().count());
			tasks.add(new RtAppTask(t.name(), t.instances(), t.loops(), t.delayUs(), t.deadlineUs(), a, t.distributions(),
					t.phases(), null, t.sched(), t.taskgroup(), t.cpus()));
		}
		return List.of(f.name(), f.global(), tasks, String.valueOf(f.verifierRun()));
	}

	@Provide
	Arbitrary<RtAppFile> files() {
		Arbitrary<RtAppFile.Global> global = Combinators.combine(Arbitraries.of(-1L, 1L, 10L),
				Arbitraries.of("SCHED_OTHER", "SCHED_FIFO", null), Arbitraries.of("CPU0", "120", null),
				Arbitraries.longs().injectNull(0.5), groupWeights()).as(RtAppFile.Global::new);
		Arbitrary<List<RtAppTask>> tasks = Arbitraries.integers().between(1, 4).flatMap(n -> {
			List<Arbitrary<RtAppTask>> each = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				each.add(task("t" + i));
			}
			return Combinators.combine(each).as(list -> list);
		});
		return Combinators.combine(global, tasks, verifierRun().injectNull(0.5))
				.as((g, t, run) -> new RtAppFile("w.json", g, t, run, List.of()));
	}

	private Arbitrary<RtAppTask> task(String name) {
		Arbitrary<Arrivals> arrivals = Combinators.combine(Arbitraries.longs().between(1, 10_000_000_000L),
				Arbitraries.of(-1L, 0L, 5L)).as(Arrivals::new).injectNull(0.7);
		Arbitrary<List<RtAppPhase>> phased = phase().list().ofMinSize(1).ofMaxSize(3).map(list -> {
			List<RtAppPhase> named = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				RtAppPhase p = list.get(i);
				named.add(new RtAppPhase("p" + (i + 1), p.loops(), p.distributions(), p.steps(), p.cpus()));
			}
			return named;
		});
		Arbitrary<List<RtAppPhase>> inline = step().list().ofMinSize(1).ofMaxSize(4)
				.map(steps -> List.of(new RtAppPhase(null, 1, Map.of(), steps)));
		Arbitrary<RtAppTask> plain = Combinators.combine(Arbitraries.of(0, 1, 3), Arbitraries.of(-1L, 1L, 7L),
				Arbitraries.of(0L, 500L), Arbitraries.of(-1L, 10_000L), arrivals, distributions(),
				Arbitraries.oneOf(phased, inline))
				.as((instances, loops, delay, deadline, arr, dist, phases) -> new RtAppTask(name, instances, loops, delay,
						deadline, arr, dist, phases, null));
		return Combinators.combine(plain, sched(), taskgroup(), cpus().injectNull(0.5)).as((t, sched, group,
				cpus) -> new RtAppTask(t.name(), t.instances(), t.loops(), t.delayUs(), t.deadlineUs(), t.arrivals(),
						t.distributions(), t.phases(), null, sched, group, cpus));
	}

	/** rt-app's cpus: one CPU, a few, with the largest number Linux has. */
	private Arbitrary<Cpus> cpus() {
		return Arbitraries.integers().between(0, Cpus.MAX_CPU).edgeCases(e -> e.add(0)).array(int[].class).ofMinSize(1)
				.ofMaxSize(4).map(Cpus::of);
	}

	private static final String[] GROUPS = { "/a", "/b", "/x/y" };

	/** The root group (no key, or "/") or one of a few paths, some nested. */
	private Arbitrary<String> taskgroup() {
		return Arbitraries.of("/", GROUPS[0], GROUPS[1], GROUPS[2]).injectNull(0.4);
	}

	/** cpu.weights of some of the paths (at the ends of the range too), used by a task or not. */
	private Arbitrary<Map<String, Integer>> groupWeights() {
		return Arbitraries.maps(Arbitraries.of(GROUPS), Arbitraries.integers().between(RtAppFile.MIN_GROUP_WEIGHT,
				RtAppFile.MAX_GROUP_WEIGHT).edgeCases(e -> e.add(RtAppFile.DEFAULT_GROUP_WEIGHT))).ofMaxSize(3);
	}

	/** Every class, nice values at both ends, SCHED_DEADLINE triples with equal and distinct members. */
	private Arbitrary<SchedParams> sched() {
		Arbitrary<SchedParams> other = Arbitraries.integers().between(SchedParams.MIN_NICE, SchedParams.MAX_NICE)
				.edgeCases(e -> e.add(0)).map(SchedParams::nice);
		Arbitrary<SchedParams> deadline = Combinators.combine(Arbitraries.longs().between(1, 100_000),
				Arbitraries.longs().between(0, 50_000), Arbitraries.longs().between(0, 50_000))
				.as((runtime, slack1, slack2) -> SchedParams.deadline(runtime, runtime + slack1, runtime + slack1 + slack2));
		Arbitrary<SchedParams> unsimulated = Arbitraries.of(SchedParams.Policy.IDLE, SchedParams.Policy.FIFO,
				SchedParams.Policy.RR).map(SchedParams::unsimulated);
		return Arbitraries.oneOf(Arbitraries.just(SchedParams.DEFAULT), other, deadline, unsimulated);
	}

	private Arbitrary<RtAppPhase> phase() {
		return Combinators.combine(Arbitraries.of(-1L, 1L, 4L), distributions(), step().list().ofMinSize(1).ofMaxSize(4),
				cpus().injectNull(0.6)).as((loops, dist, steps, cpus) -> new RtAppPhase("p", loops, dist, steps, cpus));
	}

	private Arbitrary<Map<String, Distribution>> distributions() {
		Arbitrary<Distribution> d = Combinators.combine(Arbitraries.of(Distribution.Kind.class),
				Arbitraries.of(0.0, 0.25, 1.0)).as(Distribution::new);
		return Arbitraries.maps(Arbitraries.of("run", "runtime", "sleep"), d).ofMaxSize(3);
	}

	private Arbitrary<Step> step() {
		Arbitrary<Long> us = Arbitraries.longs().between(0, 1_000_000);
		Arbitrary<String> name = Arbitraries.of("a", "b", "unique1", "");
		Arbitrary<String> nonEmpty = Arbitraries.of("a", "b", "unique1");
		return Arbitraries.oneOf(us.map(Step.Run::new), us.map(Step.Runtime::new), us.map(Step.Sleep::new),
				Combinators.combine(nonEmpty, Arbitraries.longs().between(1, 100_000), Arbitraries.of(true, false))
						.as(Step.Timer::new),
				Arbitraries.just(new Step.Yield()), Arbitraries.just(new Step.Fork("t0")), nonEmpty.map(Step.Barrier::new),
				name.map(Step.Suspend::new), nonEmpty.map(Step.Resume::new),
				Combinators.combine(nonEmpty, nonEmpty.injectNull(0.5)).as(Step.Wait::new), nonEmpty.map(Step.Signal::new),
				nonEmpty.map(Step.Broad::new), Combinators.combine(nonEmpty, nonEmpty.injectNull(0.5)).as(Step.Sync::new),
				nonEmpty.map(Step.Lock::new), nonEmpty.map(Step.Unlock::new));
	}

	private Arbitrary<VerifierRun> verifierRun() {
		Arbitrary<List<VerifierRun.Event>> events = Arbitraries.of("tick", "balance", "advance", "block").list()
				.ofMaxSize(5).map(kinds -> {
					List<VerifierRun.Event> out = new ArrayList<>();
					out.add(new VerifierRun.Event(1, "new", 0, 0, 0, 0));
					for (String k : kinds) {
						int step = out.size() + 1;
						out.add(k.equals("advance") ? new VerifierRun.Event(step, k, step * 1000L, -1, -1, 1000)
								: new VerifierRun.Event(step, k, 0, 1, k.equals("block") ? 0 : -1, 0));
					}
					return out;
				});
		Arbitrary<VerifierRun.Outcome> outcome = Combinators.combine(Arbitraries.of(true, false),
				Arbitraries.strings().ofMaxLength(20), Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(3))
				.as((fault, message, state) -> new VerifierRun.Outcome(fault, 3, fault ? -1 : 1, message, state))
				.injectNull(0.3);
		Arbitrary<Map<String, Long>> params = Arbitraries.maps(Arbitraries.of("slice", "thresh"), Arbitraries.longs())
				.ofMaxSize(2);
		return Combinators.combine(Arbitraries.of("cfs", "fifo"), Arbitraries.of("wc", "cwc", null), params, events,
				outcome).as((policy, property, p, ev, out) -> new VerifierRun(policy, property, 2, 2, p, 1000, ev, out));
	}
}
