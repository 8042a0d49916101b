package org.policy.dsl.ide.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared fixtures: the policy library and a small policy. */
final class Policies {
	private Policies() {
	}


	/** A small complete policy; tests cut pieces out of it. */
	static final String FIFO = """
			// A global-order FIFO per core.
			policy fifo {
				// How long a thread runs before it is preempted.
				param time slice = 4ms in [1ms, 100ms];

				thread {
					time started = 0; // when it last got a core
				}

				core {
					queue ready ordered by fifo;
				}

				core states { active, idle }

				on new(t) {
					t => self.ready;
				}
				on tick(t) {
					if (now - t.started > slice) {
						t => self.ready;
					}
				}
				on yield(t) {
					t => self.ready;
				}
				on block(t) {
					t => blocked;
				}
				on unblock(t) {
					t => self.ready;
				}
				on terminate(t) {
					t => terminated;
				}
				on schedule {
					if (!empty(self.ready)) {
						var t = first(self.ready);
						t.started = now;
						t => self.current;
					}
				}
				on enter_idle {
					self => idle;
				}
			}
			""";

	static Path library() {
		return Path.of(System.getProperty("policy.library", "../policies"));
	}

	static List<Path> libraryPolicies() {
		try (Stream<Path> files = Files.list(library())) {
			return files.filter(p -> p.toString().endsWith(".policy")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static int offsetOf(String text, String marker) {
		int offset = text.indexOf(marker);
		if (offset < 0 || text.indexOf(marker, offset + 1) >= 0) {
			throw new IllegalArgumentException("marker must occur exactly once: " + marker);
		}
		return offset;
	}
}
