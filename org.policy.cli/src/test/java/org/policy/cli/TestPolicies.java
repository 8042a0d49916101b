package org.policy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small policies for the tests, written into a test's temporary directory. */
final class TestPolicies {

	/** The smallest valid policy: one per-core FIFO queue and every mandatory handler. */
	static final String CLEAN = """
			policy tiny {
				core {
					queue ready ordered by fifo;
				}

				on new(t) { t => self.ready; }
				on tick(t) { t => self.ready; }
				on yield(t) { t => self.ready; }
				on block(t) { t => blocked; }
				on unblock(t) { t => self.ready; }
				on terminate(t) { t => terminated; }
				on schedule {
					if (!empty(self.ready)) {
						first(self.ready) => self.current;
					}
				}
			}
			""";

	/** {@link #CLEAN} with the closing brace of the block handler (line 9) missing. */
	static final String MISSING_BRACE = CLEAN.replace("on block(t) { t => blocked; }", "on block(t) { t => blocked;");

	/** {@link #CLEAN} where the new handler (line 6) names a queue that does not exist. */
	static final String UNKNOWN_QUEUE = CLEAN.replace("on new(t) { t => self.ready; }", "on new(t) { t => self.redy; }");

	private TestPolicies() {
	}

	/**
	 * Writes a policy file. A policy called {@code tiny} is renamed after the file, as the language
	 * expects (it warns when a policy's name and its file's differ).
	 */
	static Path write(Path dir, String name, String text) {
		try {
			Path file = dir.resolve(name);
			Files.createDirectories(file.getParent());
			String base = file.getFileName().toString().replaceFirst("\\.policy$", "");
			return Files.writeString(file, text.replaceFirst("^policy tiny ", "policy " + base + " "));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
