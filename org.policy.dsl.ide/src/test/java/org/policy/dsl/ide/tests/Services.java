package org.policy.dsl.ide.tests;

import org.policy.dsl.ide.editor.PolicyEditorServices;

/** The editor services for the tests, created on first use. */
final class Services {
	private Services() {
	}

	/**
	 * The editor services. Creating them registers the language with EMF's global registry, replacing
	 * any earlier registration: the language server test, which has its own injector, must not touch
	 * them (content assist fails when a resource was parsed with another injector's grammar).
	 */
	static final PolicyEditorServices SERVICES = PolicyEditorServices.create();
}
