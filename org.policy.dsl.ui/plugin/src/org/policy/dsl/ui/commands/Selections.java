package org.policy.dsl.ui.commands;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;

/** The policy file a command is about: the active editor's, else the selected file. */
final class Selections {
	private Selections() {
	}

	static IFile policyFile(ExecutionEvent event) {
		IEditorPart editor = HandlerUtil.getActiveEditor(event);
		if (editor != null && HandlerUtil.getActivePart(event) == editor) {
			IFile file = editor.getEditorInput().getAdapter(IFile.class);
			if (isPolicy(file)) {
				return file;
			}
		}
		ISelection selection = HandlerUtil.getCurrentSelection(event);
		if (selection instanceof IStructuredSelection structured) {
			IFile file = Adapters.adapt(structured.getFirstElement(), IFile.class);
			if (isPolicy(file)) {
				return file;
			}
		}
		if (editor != null) {
			IFile file = editor.getEditorInput().getAdapter(IFile.class);
			return isPolicy(file) ? file : null;
		}
		return null;
	}

	private static boolean isPolicy(IFile file) {
		return file != null && "policy".equals(file.getFileExtension());
	}
}
