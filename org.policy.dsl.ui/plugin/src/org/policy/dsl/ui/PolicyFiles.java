package org.policy.dsl.ui;

import java.util.function.Consumer;
import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;

/**
 * The text of a policy file as the user sees it: the editor's document when the file is open (unsaved
 * changes included), else the file's contents, through Eclipse's shared file buffers.
 */
public final class PolicyFiles {
	private PolicyFiles() {
	}

	/** Calls {@code work} with the file's document. */
	public static void withDocument(IFile file, Consumer<IDocument> work) throws CoreException {
		withDocument(file, false, work);
	}

	/**
	 * Calls {@code work} with the file's document; with {@code save}, changes made to a document that no
	 * editor shows are written to the file (an open editor keeps them as unsaved changes, as usual).
	 */
	public static void withDocument(IFile file, boolean save, Consumer<IDocument> work) throws CoreException {
		ITextFileBufferManager buffers = FileBuffers.getTextFileBufferManager();
		buffers.connect(file.getFullPath(), LocationKind.IFILE, null);
		try {
			ITextFileBuffer buffer = buffers.getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
			work.accept(buffer.getDocument());
			if (save && !buffer.isShared() && buffer.isDirty()) {
				buffer.commit(null, true);
			}
		} finally {
			buffers.disconnect(file.getFullPath(), LocationKind.IFILE, null);
		}
	}

	/** The URI under which the language sees the file (the same as its editor's). */
	public static String uri(IFile file) {
		return file.getLocationURI() != null ? file.getLocationURI().toString() : "workspace:" + file.getFullPath();
	}
}
