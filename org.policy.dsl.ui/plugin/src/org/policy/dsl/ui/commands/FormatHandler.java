package org.policy.dsl.ui.commands;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.policy.dsl.ui.editor.PolicyEditor;

/** Policy > Format (Ctrl+Shift+F in the editor): the language's standard layout. */
public class FormatHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		IEditorPart editor = HandlerUtil.getActiveEditor(event);
		if (editor instanceof PolicyEditor policyEditor) {
			policyEditor.format();
		}
		return null;
	}
}
