package org.policy.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One kind per step record, each with its rt-app key; the rule of which may block is the table's. */
class StepKindTest {

	@Test
	void everyStepRecordHasExactlyOneKind() {
		Set<String> records = Arrays.stream(Step.class.getPermittedSubclasses()).map(Class::getSimpleName)
				.collect(Collectors.toSet());
		Set<String> named = Arrays.stream(StepKind.values()).map(k -> StepKind.of(instance(k)).name())
				.collect(Collectors.toSet());
		assertEquals(records.size(), StepKind.values().length);
		assertEquals(StepKind.values().length, named.size());
	}

	@Test
	void theStepsThatMayBlockAreTheOnesThatWait() {
		Set<String> blocking = Arrays.stream(StepKind.values()).filter(StepKind::blocks).map(StepKind::key)
				.collect(Collectors.toSet());
		assertEquals(Set.of("sleep", "timer", "barrier", "suspend", "wait", "sync", "lock"), blocking);
		assertEquals(true, new Step.Lock("m").blocks());
		assertEquals(false, new Step.Unlock("m").blocks());
	}

	@Test
	void keysAreRtAppsEventNames() {
		for (StepKind k : StepKind.values()) {
			assertEquals(k, StepKind.of(k.key()));
		}
		assertEquals(null, StepKind.of("mem"));
	}

	private static Step instance(StepKind kind) {
		return switch (kind) {
			case RUN -> new Step.Run(1);
			case RUNTIME -> new Step.Runtime(1);
			case SLEEP -> new Step.Sleep(1);
			case TIMER -> new Step.Timer("t", 1, false);
			case YIELD -> new Step.Yield();
			case FORK -> new Step.Fork("t");
			case BARRIER -> new Step.Barrier("b");
			case SUSPEND -> new Step.Suspend("");
			case RESUME -> new Step.Resume("t");
			case WAIT -> new Step.Wait("c", null);
			case SIGNAL -> new Step.Signal("c");
			case BROAD -> new Step.Broad("c");
			case SYNC -> new Step.Sync("c", "m");
			case LOCK -> new Step.Lock("m");
			case UNLOCK -> new Step.Unlock("m");
		};
	}
}
