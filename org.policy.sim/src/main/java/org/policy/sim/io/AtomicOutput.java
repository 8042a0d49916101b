package org.policy.sim.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output directory filled all at once: files are written into a hidden temporary sibling and
 * moved into place only when everything succeeded, so a failure leaves no half-written file.
 *
 * <pre>
 * try (AtomicOutput out = AtomicOutput.open(dir)) {
 *     write(out.staging());   // any files
 *     out.commit();
 * }                           // closing without commit deletes the staging directory
 * </pre>
 */
public final class AtomicOutput implements AutoCloseable {
	private final Path target;
	private final Path staging;
	private boolean committed;

	private AtomicOutput(Path target, Path staging) {
		this.target = target;
		this.staging = staging;
	}

	public static AtomicOutput open(Path target) throws IOException {
		Path absolute = target.toAbsolutePath().normalize();
		Path parent = absolute.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
			throw new IOException(target + " exists and is not a directory");
		}
		Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
		return new AtomicOutput(absolute, staging);
	}

	/** Where to write the files. */
	public Path staging() {
		return staging;
	}

	/** Moves every staged file into the target directory (creating it), replacing files of the same name. */
	public void commit() throws IOException {
		if (!Files.exists(target)) {
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
				committed = true;
				return;
			} catch (AtomicMoveNotSupportedException e) {
				Files.createDirectories(target);
			}
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
			entries.forEach(files::add);
		}
		files.sort(Comparator.naturalOrder());
		for (Path f : files) {
			Files.move(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		Files.delete(staging);
		committed = true;
	}

	@Override
	public void close() throws IOException {
		if (!committed && Files.exists(staging)) {
			try (Stream<Path> walk = Files.walk(staging)) {
				for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
	}
}
