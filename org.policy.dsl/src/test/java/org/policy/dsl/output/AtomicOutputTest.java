package org.policy.dsl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one output rule: checked up front, written beside, renamed into place, nothing left on failure. */
class AtomicOutputTest {

	@TempDir
	Path dir;

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void anEmptyPathIsRefusedInsteadOfMeaningTheCurrentDirectory() {
		OutputException e = assertThrows(OutputException.class, () -> AtomicOutput.directory("--out", Path.of("")));
		assertEquals("--out \"\": the directory name is empty", e.getMessage());
		e = assertThrows(OutputException.class, () -> AtomicOutput.file("--counterexample", Path.of("")));
		assertEquals("--counterexample \"\": the file name is empty", e.getMessage());
	}

	@Test
	void anExistingThingOfTheWrongKindIsRefusedAndKept() throws IOException {
		Path file = Files.writeString(dir.resolve("afile"), "keep");
		OutputException e = assertThrows(OutputException.class, () -> AtomicOutput.directory("--out", file));
		assertEquals("--out " + file + ": exists and is not a directory", e.getMessage());
		e = assertThrows(OutputException.class, () -> AtomicOutput.file("--counterexample", dir));
		assertEquals("--counterexample " + dir + ": is a directory", e.getMessage());
		assertEquals("keep", Files.readString(file));
		assertEquals(List.of("afile"), names(dir));
	}

	@Test
	void aParentThatIsAFileIsNamed() throws IOException {
		Path file = Files.writeString(dir.resolve("afile"), "keep");
		OutputException e = assertThrows(OutputException.class,
				() -> AtomicOutput.directory("--out", file.resolve("sub")));
		assertEquals("--out " + file.resolve("sub") + ": " + file + " is not a directory", e.getMessage());
	}

	@Test
	void aPlaceTheFileSystemRefusesIsReportedInWordsNotAsATemporaryPath() {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
		// works as root too: /proc refuses everyone, unlike permission bits
		OutputException e = assertThrows(OutputException.class, () -> AtomicOutput.directory("--out", Path.of("/proc/x")));
		assertEquals("--out /proc/x: cannot create files in /proc: the file system does not allow creating files there",
				e.getMessage());
		e = assertThrows(OutputException.class, () -> AtomicOutput.directory("--out", Path.of("/proc")));
		assertEquals("--out /proc: cannot create files in it: the file system does not allow creating files there",
				e.getMessage());
		e = assertThrows(OutputException.class, () -> AtomicOutput.file("--counterexample", Path.of("/proc/a/cx.json")));
		assertEquals("--counterexample /proc/a/cx.json: cannot create directory /proc/a: the file system does not "
				+ "allow creating files there", e.getMessage());
	}

	@Test
	void aReadOnlyDirectoryIsPermissionDenied() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root writes into a 555 directory");
		Path ro = Files.createDirectory(dir.resolve("ro"));
		Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			OutputException e = assertThrows(OutputException.class,
					() -> AtomicOutput.directory("--out", ro.resolve("out")));
			assertEquals("--out " + ro.resolve("out") + ": cannot create files in " + ro + ": permission denied",
					e.getMessage());
		} finally {
			Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aWriteFailureNamesTheTargetAndTheReasonNeverTheTemporary() throws IOException {
		Path target = dir.resolve("out");
		try (AtomicOutput out = AtomicOutput.directory("--out", target)) {
			OutputException e = assertThrows(OutputException.class, () -> out.write(staging -> {
				Files.writeString(staging.resolve("half.csv"), "a,b\n");
				throw new FileSystemException(staging.resolve("metrics.json").toString(), null, "No space left on device");
			}));
			assertEquals("--out " + target + ": cannot write: no space left on device", e.getMessage());
			assertFalse(e.getMessage().contains(".partial"), e.getMessage());
		}
		assertEquals(List.of(), names(dir), "neither the target nor the temporary");
	}

	@Test
	void aCommittedDirectoryAppearsWholeAndTheTemporaryIsGone() throws IOException {
		Path target = dir.resolve("out");
		try (AtomicOutput out = AtomicOutput.directory("--out", target)) {
			assertEquals(dir, out.staging().getParent(), "a sibling: the rename stays on one file system");
			assertTrue(out.staging().getFileName().toString().startsWith(".out.partial-"));
			assertFalse(Files.exists(target), "nothing at the target before the commit");
			out.write(staging -> Files.writeString(staging.resolve("metrics.json"), "{}"));
		}
		assertEquals(List.of("out"), names(dir));
		assertEquals(List.of("metrics.json"), names(target));
		assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
	}

	@Test
	void anExistingDirectoryKeepsOtherFilesAndGetsTheNewOnes() throws IOException {
		Path target = Files.createDirectory(dir.resolve("out"));
		Files.writeString(target.resolve("metrics.json"), "old");
		Files.writeString(target.resolve("notes.txt"), "mine");
		try (AtomicOutput out = AtomicOutput.directory("--out", target)) {
			out.write(staging -> Files.writeString(staging.resolve("metrics.json"), "new"));
		}
		assertEquals(List.of("metrics.json", "notes.txt"), names(target));
		assertEquals("new", Files.readString(target.resolve("metrics.json")));
		assertEquals("mine", Files.readString(target.resolve("notes.txt")));
		assertEquals(List.of("out"), names(dir));
	}

	@Test
	void aFileIsReplacedWhole() throws IOException {
		Path target = Files.writeString(dir.resolve("cx.json"), "old");
		try (AtomicOutput out = AtomicOutput.file("--counterexample", target)) {
			out.write(staging -> Files.writeString(staging, "new"));
		}
		assertEquals("new", Files.readString(target));
		assertEquals(List.of("cx.json"), names(dir));
	}

	@Test
	void missingParentsAreCreatedAndRemovedAgainWhenNothingIsCommitted() throws IOException {
		Path target = dir.resolve("a/b/out");
		try (AtomicOutput out = AtomicOutput.directory("--out", target)) {
			assertTrue(Files.isDirectory(dir.resolve("a/b")));
		}
		assertEquals(List.of(), names(dir));

		try (AtomicOutput out = AtomicOutput.directory("--out", target)) {
			out.write(staging -> Files.writeString(staging.resolve("x"), "x"));
		}
		assertEquals(List.of("x"), names(target));
	}

	@Test
	void theShutdownHookDiscardsWhatIsBeingWrittenAndACommitAfterItFails() throws IOException {
		Path target = Files.createDirectory(dir.resolve("out"));
		Files.writeString(target.resolve("metrics.json"), "previous");
		try (AtomicOutput out = AtomicOutput.directory("--out", target)) {
			Files.writeString(out.staging().resolve("metrics.json"), "half");
			PendingOutputs.discardAll(); // what the hook does on SIGTERM or SIGINT
			assertFalse(Files.exists(out.staging()));
			OutputException e = assertThrows(OutputException.class, out::commit);
			assertEquals("--out " + target + ": not written: the run was interrupted", e.getMessage());
		}
		assertEquals(List.of("out"), names(dir));
		assertEquals("previous", Files.readString(target.resolve("metrics.json")));
	}
}
