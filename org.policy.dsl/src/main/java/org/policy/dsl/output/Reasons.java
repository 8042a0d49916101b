package org.policy.dsl.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why an I/O operation on an output failed, in words ({@code read-only file system}, {@code permission
 * denied}), never a path: Java's exceptions carry the temporary path as their message, which would tell
 * the user about a file that no longer exists instead of the reason.
 */
final class Reasons {
	private Reasons() {
	}

	/**
	 * @param where the directory the operation was in (to tell "the file system refuses" from a real
	 *              missing file)
	 */
	static String of(IOException e, Path where) {
		return of(e, where, null);
	}

	/** Like {@link #of(IOException, Path)}; the text of {@code hidden} (the staging path) becomes {@code shownAs}. */
	static String of(IOException e, Path hidden, Path shownAs) {
		String reason = reason(e, hidden);
		if (hidden != null && shownAs != null) {
			reason = reason.replace(hidden.toString(), shownAs.toString());
		}
		return reason;
	}

	private static String reason(IOException e, Path where) {
		if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
			return lowercaseFirst(fs.getReason().strip());
		}
		if (e instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof NoSuchFileException) {
			// /proc and the like answer "no such file" to creating anything in a directory that exists
			return where != null && Files.isDirectory(where) ? "the file system does not allow creating files there"
					: "no such file or directory";
		}
		if (e instanceof FileAlreadyExistsException) {
			return "already exists";
		}
		if (e instanceof NotDirectoryException) {
			return "not a directory";
		}
		if (e instanceof DirectoryNotEmptyException) {
			return "directory not empty";
		}
		if (e instanceof FileSystemException) {
			return "the file system refused (" + e.getClass().getSimpleName() + ")";
		}
		String message = e.getMessage();
		return message == null || message.isBlank() ? e.getClass().getSimpleName() : lowercaseFirst(message.strip());
	}

	private static String lowercaseFirst(String s) {
		if (s.length() >= 2 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
			return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
		}
		return s;
	}
}
