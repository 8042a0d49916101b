package org.policy.dsl.output;

import java.io.IOError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one rule for everything a command writes to a path the user names ({@code --out DIR},
 * {@code --counterexample FILE}, ...): all or nothing.
 *
 * <ol>
 * <li>{@link #directory} or {@link #file} checks the path before any work starts: not empty, not an
 * existing thing of the wrong kind, its directory writable. Missing parent directories are created
 * (like {@code mkdir -p}), and removed again if the output is not committed.</li>
 * <li>The command writes into {@link #staging()}: a hidden temporary sibling of the target,
 * {@code .NAME.partial-NNN}, on the same file system, so that the last step is a rename.</li>
 * <li>{@link #commit()} renames it into place. A directory that exists already keeps the files the
 * run did not write; files of the same name are replaced, each by a rename.</li>
 * <li>{@link #close()} without a commit (an error, an OutOfMemoryError) removes the temporary, and so
 * does a shutdown hook when the JVM ends on SIGTERM or SIGINT: an interrupted run leaves the previous
 * output or nothing.</li>
 * </ol>
 *
 * Every failure is an {@link OutputException} worded by {@link Reasons}: {@code --out PATH: cannot ...:
 * reason}, with the user's path, never the temporary one.
 *
 * <pre>
 * try (AtomicOutput out = AtomicOutput.directory("--out", dir)) {   // before the long run
 *     ... run ...
 *     out.write(staging -&gt; writeFiles(staging));                  // then commits
 * }
 * </pre>
 */
public final class AtomicOutput implements AutoCloseable {

	/** Writes the output into the staging path. */
	@FunctionalInterface
	public interface Writer {
		void write(Path staging) throws IOException;
	}

	private final String flag;
	private final Path shown;
	private final Path target;
	private final boolean directory;
	private final List<Path> createdParents;
	private final Path staging;
	/** Guards the state below against the shutdown hook, which runs on another thread. */
	private final Object lock = new Object();
	private boolean committed;
	private boolean discarded;

	private AtomicOutput(String flag, Path shown, Path target, boolean directory, List<Path> createdParents,
			Path staging) {
		this.flag = flag;
		this.shown = shown;
		this.target = target;
		this.directory = directory;
		this.createdParents = createdParents;
		this.staging = staging;
	}

	/** An output directory for {@code flag} (e.g. {@code --out}); the staging path is a directory. */
	public static AtomicOutput directory(String flag, Path path) {
		return open(flag, path, true);
	}

	/** An output file for {@code flag} (e.g. {@code --counterexample}); the staging path is a file. */
	public static AtomicOutput file(String flag, Path path) {
		return open(flag, path, false);
	}

	private static AtomicOutput open(String flag, Path path, boolean directory) {
		String what = directory ? "directory" : "file";
		if (path == null || path.toString().isBlank()) {
			// picocli turns --out "" into the empty path, which resolves to the current directory
			throw new OutputException(flag + " \"\": the " + what + " name is empty", null);
		}
		Path target;
		try {
			target = path.toAbsolutePath().normalize();
		} catch (InvalidPathException | IOError e) {
			throw new OutputException(flag + " " + path + ": not a valid path", e);
		}
		Path parent = target.getParent();
		if (parent == null) {
			throw new OutputException(flag + " " + path + ": cannot write the root directory", null);
		}
		String prefix = flag + " " + path + ": ";
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.exists(target)) {
			if (directory && !Files.isDirectory(target)) {
				throw new OutputException(prefix + "exists and is not a directory", null);
			}
			if (!directory && Files.isDirectory(target)) {
				throw new OutputException(prefix + "is a directory", null);
			}
			if (!directory && !Files.isRegularFile(target)) {
				throw new OutputException(prefix + "exists and is not a regular file", null);
			}
		}
		// registered in the same critical section that creates them: a signal between the two would leave
		// the directories behind, since the shutdown hook takes this lock to see what to discard
		synchronized (PendingOutputs.class) {
			PendingOutputs.hook();
			List<Path> created = createParents(prefix, parent);
			Path staging = null;
			try {
				if (directory && Files.isDirectory(target)) {
					probe(prefix, target);
				}
				try {
					String name = "." + target.getFileName() + ".partial-";
					staging = directory ? Files.createTempDirectory(parent, name) : Files.createTempFile(parent, name, "");
					readableByAll(staging, directory);
				} catch (IOException e) {
					throw new OutputException(prefix + "cannot create files in " + shownParent(path, parent) + ": "
							+ Reasons.of(e, parent), e);
				}
				AtomicOutput output = new AtomicOutput(flag, path, target, directory, created, staging);
				PendingOutputs.add(output);
				return output;
			} catch (RuntimeException | Error e) {
				removeQuietly(staging);
				removeCreated(created);
				throw e;
			}
		}
	}

	/** Creates the missing directories above the target, outermost first; returns them innermost first. */
	private static List<Path> createParents(String prefix, Path parent) {
		List<Path> missing = new ArrayList<>();
		for (Path p = parent; p != null && !Files.isDirectory(p); p = p.getParent()) {
			if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
				throw new OutputException(prefix + p + " is not a directory", null);
			}
			missing.add(p);
		}
		List<Path> created = new ArrayList<>();
		for (int i = missing.size() - 1; i >= 0; i--) {
			Path p = missing.get(i);
			try {
				Files.createDirectory(p);
				created.add(0, p);
			} catch (IOException e) {
				removeCreated(created);
				throw new OutputException(prefix + "cannot create directory " + p + ": " + Reasons.of(e, p.getParent()),
						e);
			}
		}
		return created;
	}

	/** An existing target directory receives the files by rename at the end: make sure it can, now. */
	private static void probe(String prefix, Path dir) {
		try {
			Files.delete(Files.createTempFile(dir, ".probe-", ""));
		} catch (IOException e) {
			throw new OutputException(prefix + "cannot create files in it: " + Reasons.of(e, dir), e);
		}
	}

	/**
	 * Temporary files are private (0700, 0600); the output they become is not: a generated module folder
	 * is built, a report is served, by other users.
	 */
	private static void readableByAll(Path staging, boolean directory) throws IOException {
		try {
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
		} catch (UnsupportedOperationException e) {
			// not a POSIX file system: its defaults apply
		}
	}

	private static Object shownParent(Path path, Path absoluteParent) {
		Path given = path.getParent();
		return given != null ? given : absoluteParent;
	}

	/** Where to write: a directory for {@link #directory}, a file for {@link #file}. */
	public Path staging() {
		return staging;
	}

	/**
	 * Runs {@code writer} on the staging path, then {@link #commit()}s. An I/O error is reported as an
	 * {@link OutputException} about the target, in the same words as every other output failure.
	 */
	public void write(Writer writer) {
		try {
			writer.write(staging);
		} catch (IOException e) {
			throw new OutputException(flag + " " + shown + ": cannot write: " + Reasons.of(e, staging, target), e);
		}
		commit();
	}

	/** Moves the staged output into place (see the class comment). */
	public void commit() {
		synchronized (lock) {
			if (discarded) {
				throw new OutputException(flag + " " + shown + ": not written: the run was interrupted", null);
			}
			try {
				if (!directory || !Files.exists(target)) {
					move(staging, target);
				} else {
					mergeInto(target);
				}
				committed = true;
			} catch (IOException e) {
				throw new OutputException(flag + " " + shown + ": cannot write: " + Reasons.of(e, staging, target), e);
			}
		}
		PendingOutputs.remove(this);
	}

	private void mergeInto(Path dir) throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
			entries.forEach(files::add);
		}
		files.sort(Comparator.naturalOrder());
		for (Path f : files) {
			Path dest = dir.resolve(f.getFileName().toString());
			if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
				throw new OutputException(flag + " " + shown + ": cannot write: " + f.getFileName()
						+ " in it is a directory", null);
			}
			move(f, dest);
		}
		Files.delete(staging);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (AtomicMoveNotSupportedException e) {
			// the target is a mount point of another file system: a copy is the best there is
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Removes the staging path (and the parents this output created) unless it was committed. */
	@Override
	public void close() {
		discard();
	}

	/** Called on close and by the shutdown hook; idempotent, never throws. */
	void discard() {
		synchronized (lock) {
			if (committed || discarded) {
				return;
			}
			discarded = true;
			removeQuietly(staging);
			removeCreated(createdParents);
		}
		PendingOutputs.remove(this);
	}

	/**
	 * Deletes a file or a directory tree, a few times over: on a signal the command's own thread may still
	 * be writing into it while the shutdown hook deletes it.
	 */
	static void removeQuietly(Path path) {
		if (path == null) {
			return;
		}
		for (int attempt = 0; attempt < 5 && Files.exists(path, LinkOption.NOFOLLOW_LINKS); attempt++) {
			try (Stream<Path> walk = Files.walk(path)) {
				for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			} catch (IOException | RuntimeException e) {
				// try again: what remains is retried, and a file system that refuses keeps it
			}
		}
	}

	/** Removes the directories {@link #createParents} made, innermost first, if they are still empty. */
	private static void removeCreated(List<Path> created) {
		for (Path p : created) {
			try {
				Files.deleteIfExists(p);
			} catch (IOException e) {
				return; // not empty (someone else wrote there) or not ours to remove any more
			}
		}
	}
}
