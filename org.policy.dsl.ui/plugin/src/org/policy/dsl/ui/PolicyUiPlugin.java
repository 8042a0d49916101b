package org.policy.dsl.ui;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;
import org.policy.dsl.ide.editor.PolicyEditorServices;

/**
 * The editor bundle. It holds the language's editor services: one Guice injector of the language for the
 * whole workbench, created on first use (it takes a moment: the grammar is loaded).
 */
public class PolicyUiPlugin extends AbstractUIPlugin {

	public static final String ID = "org.policy.dsl.ui";

	private static PolicyUiPlugin instance;

	private volatile PolicyEditorServices services;

	@Override
	public void start(BundleContext context) throws Exception {
		super.start(context);
		instance = this;
	}

	@Override
	public void stop(BundleContext context) throws Exception {
		instance = null;
		super.stop(context);
	}

	public static PolicyUiPlugin get() {
		return instance;
	}

	/** The language's parse/check/complete/hover/outline/fix/format services. */
	public static PolicyEditorServices services() {
		PolicyUiPlugin plugin = get();
		if (plugin.services == null) {
			synchronized (plugin) {
				if (plugin.services == null) {
					plugin.services = PolicyEditorServices.create();
				}
			}
		}
		return plugin.services;
	}

	public static void log(String message, Throwable error) {
		ILog.of(PolicyUiPlugin.class).log(new Status(IStatus.ERROR, ID, message, error));
	}
}
