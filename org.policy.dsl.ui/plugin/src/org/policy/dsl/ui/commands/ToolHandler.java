package org.policy.dsl.ui.commands;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Policy > Verify / Simulate / Generate C: runs {@code policy <tool> FILE} (the command's parameter
 * {@value #TOOL_PARAMETER} names the tool) on the saved file, see {@link PolicyTool}.
 */
public class ToolHandler extends AbstractHandler {

	public static final String TOOL_PARAMETER = "org.policy.dsl.ui.tool";

	@Override
	public Object execute(ExecutionEvent event) {
		String tool = event.getParameter(TOOL_PARAMETER);
		IFile file = Selections.policyFile(event);
		if (file == null || tool == null) {
			PolicyConsole.println("policy " + tool + ": select a .policy file or open one in the editor");
			return null;
		}
		IEditorPart editor = HandlerUtil.getActiveEditor(event);
		if (editor != null && editor.isDirty() && file.equals(editor.getEditorInput().getAdapter(IFile.class))) {
			editor.doSave(null); // the tools read the file, not the editor
		}
		PolicyTool.schedule(tool, file);
		return null;
	}
}
