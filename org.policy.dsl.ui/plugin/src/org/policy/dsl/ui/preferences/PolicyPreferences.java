package org.policy.dsl.ui.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.jface.preference.IPreferenceStore;
import org.policy.dsl.ui.PolicyUiPlugin;

/** The plugin's preferences: where the {@code policy} command is, and extra arguments per tool. */
public final class PolicyPreferences extends AbstractPreferenceInitializer {

	/** The {@code policy} executable: a path, or a name looked up on PATH. */
	public static final String COMMAND = "policyCommand";
	public static final String ARGUMENTS_PREFIX = "arguments.";

	@Override
	public void initializeDefaultPreferences() {
		IPreferenceStore store = PolicyUiPlugin.get().getPreferenceStore();
		// POLICY_COMMAND lets an installation point at its checkout's bin/policy without clicking.
		String fromEnvironment = System.getenv("POLICY_COMMAND");
		store.setDefault(COMMAND, fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "policy");
		store.setDefault(ARGUMENTS_PREFIX + "verify", "");
		store.setDefault(ARGUMENTS_PREFIX + "simulate", "");
		store.setDefault(ARGUMENTS_PREFIX + "generate", "");
	}

	public static String command() {
		return PolicyUiPlugin.get().getPreferenceStore().getString(COMMAND);
	}

	public static String extraArguments(String tool) {
		return PolicyUiPlugin.get().getPreferenceStore().getString(ARGUMENTS_PREFIX + tool);
	}
}
