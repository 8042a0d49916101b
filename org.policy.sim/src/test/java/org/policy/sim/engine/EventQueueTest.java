package org.policy.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventQueueTest {
	@Test
	void equalTimesPopInSchedulingOrder() {
		EventQueue q = new EventQueue();
		q.schedule(10, 0, 1, 0);
		q.schedule(5, 0, 2, 0);
		q.schedule(10, 0, 3, 0);
		q.schedule(5, 0, 4, 0);
		int[] order = new int[4];
		for (int i = 0; i < 4; i++) {
			order[i] = q.a(q.pop());
		}
		assertEquals("[2, 4, 1, 3]", java.util.Arrays.toString(order));
		assertTrue(q.isEmpty());
	}

	/** Random schedules, cancels and pops agree with a sorted map keyed by (time, sequence). */
	@Test
	void agreesWithASortedMapUnderRandomOperations() {
		for (long seed = 1; seed <= 20; seed++) {
			SplittableRandom random = new SplittableRandom(seed);
			EventQueue q = new EventQueue();
			TreeMap<long[], Integer> reference = new TreeMap<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
					: Long.compare(x[1], y[1]));
			List<long[]> pending = new ArrayList<>();
			long seq = 0;
			long now = 0;
			for (int step = 0; step < 5000; step++) {
				int op = random.nextInt(10);
				if (op < 5 || reference.isEmpty()) {
					long at = now + random.nextInt(100);
					int payload = random.nextInt();
					int slot = q.schedule(at, 0, payload, 0);
					long[] key = { at, seq++, slot };
					reference.put(key, payload);
					pending.add(key);
				} else if (op < 7) {
					long[] key = pending.remove(random.nextInt(pending.size()));
					q.cancel((int) key[2]);
					reference.remove(key);
				} else {
					long[] key = reference.firstKey();
					int payload = reference.remove(key);
					pending.remove(key);
					int slot = q.pop();
					assertEquals(key[0], q.time(slot));
					assertEquals(payload, q.a(slot));
					now = key[0];
				}
				assertEquals(reference.size(), q.size());
			}
		}
	}

	@Test
	void cancellingAnEventThatIsNotPendingIsAnError() {
		EventQueue q = new EventQueue();
		int slot = q.schedule(1, 0, 0, 0);
		q.pop();
		assertThrows(IllegalStateException.class, () -> q.cancel(slot));
	}
}
