package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policy.dsl.policy.Event;
import org.policy.dsl.semantics.EventType;
import org.policy.dsl.semantics.ThreadState;

/** The one table of event types, and the docs page that shows it. */
class EventTypeTableTest {
	@Test
	void theSemanticsPageShowsTheTableTheToolsRead() throws IOException {
		String page = Files.readString(Path.of("../docs/semantics.md"));
		assertTrue(page.contains(EventType.markdownTable()),
				"docs/semantics.md must contain, verbatim:\n" + EventType.markdownTable());
	}

	@Test
	void everyEventHasItsRow() {
		for (Event e : Event.values()) {
			assertEquals(e, EventType.of(e).event());
		}
		assertEquals(List.of(Event.NEW, Event.TICK, Event.YIELD, Event.BLOCK, Event.UNBLOCK, Event.TERMINATE,
				Event.SCHEDULE), EventType.mandatoryEvents());
	}

	@Test
	void aTickMayLeaveItsTargetRunningButOnlyOnItsOwnCore() {
		EventType tick = EventType.TICK;
		assertTrue(tick.allowsEnd(ThreadState.RUNNING, 2, 2));
		assertFalse(tick.allowsEnd(ThreadState.RUNNING, 1, 2));
		assertTrue(tick.allowsEnd(ThreadState.READY, 1, 2));
		assertFalse(tick.allowsEnd(ThreadState.BLOCKED, 2, 2));
	}

	@Test
	void eachOtherTargetedEventAllowsExactlyItsOneEndState() {
		int[] states = { ThreadState.NEW, ThreadState.RUNNING, ThreadState.READY, ThreadState.BLOCKED,
				ThreadState.TERMINATED };
		for (EventType type : EventType.values()) {
			if (!type.hasTarget() || type == EventType.TICK) {
				continue;
			}
			for (int s : states) {
				assertEquals(s == type.onlyAfter().machineState(), type.allowsEnd(s, 0, 0), type + " " + s);
			}
		}
	}
}
