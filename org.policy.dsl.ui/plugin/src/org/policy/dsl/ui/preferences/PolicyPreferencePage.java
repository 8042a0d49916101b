package org.policy.dsl.ui.preferences;

import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.policy.dsl.ui.PolicyUiPlugin;

/** Window > Preferences > Policy. */
public class PolicyPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	public PolicyPreferencePage() {
		super(GRID);
		setDescription("Verify, Simulate and Generate C run the toolchain's 'policy' command on the saved file.");
	}

	@Override
	public void init(IWorkbench workbench) {
		setPreferenceStore(PolicyUiPlugin.get().getPreferenceStore());
	}

	@Override
	protected void createFieldEditors() {
		addField(new StringFieldEditor(PolicyPreferences.COMMAND, "'policy' command (path or name on PATH):",
				getFieldEditorParent()));
		for (String tool : new String[] { "verify", "simulate", "generate" }) {
			addField(new StringFieldEditor(PolicyPreferences.ARGUMENTS_PREFIX + tool, "Extra arguments of " + tool + ":",
					getFieldEditorParent()));
		}
	}
}
