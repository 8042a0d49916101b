package org.policy.generator.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimises a sequence on which the C and the reference disagree: removes chunks of events
 * (halving the chunk size) while they still disagree. The driver's skip rules make every
 * subsequence a valid sequence.
 */
final class Shrinker {
	private final Reference reference;
	private final CDriver driver;

	Shrinker(Reference reference, CDriver driver) {
		this.reference = reference;
		this.driver = driver;
	}

	boolean disagree(Sequence s) throws IOException, InterruptedException {
		return !reference.run(s).equals(driver.run(List.of(s)));
	}

	Sequence shrink(Sequence s) throws IOException, InterruptedException {
		List<Event> events = new ArrayList<>(s.events());
		for (int chunk = Math.max(1, events.size() / 2); chunk >= 1; chunk /= 2) {
			boolean removed = true;
			while (removed) {
				removed = false;
				for (int i = 0; i < events.size(); ) {
					List<Event> candidate = new ArrayList<>(events.subList(0, i));
					candidate.addAll(events.subList(Math.min(events.size(), i + chunk), events.size()));
					if (disagree(s.withEvents(candidate))) {
						events = candidate;
						removed = true;
					} else {
						i += chunk;
					}
				}
			}
		}
		return s.withEvents(events);
	}
}
