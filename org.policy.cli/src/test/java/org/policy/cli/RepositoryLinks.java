package org.policy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders of the repository linked into a test's work folder, so that commands written for the repository
 * root (bin/policy, policies/...) run there while what they write lands in the work folder.
 */
final class RepositoryLinks {
	/** The repository root, from a module's folder. */
	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private RepositoryLinks() {
	}

	static void link(Path work, String... folders) throws IOException {
		for (String f : folders) {
			Files.createSymbolicLink(work.resolve(f), ROOT.resolve(f));
		}
	}

	/** The links go before JUnit cleans up, which would warn about links that leave the directory. */
	static void unlink(Path work, String... folders) throws IOException {
		for (String f : folders) {
			Files.delete(work.resolve(f));
		}
	}
}
