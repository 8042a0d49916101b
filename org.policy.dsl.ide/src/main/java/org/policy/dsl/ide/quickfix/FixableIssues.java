package org.policy.dsl.ide.quickfix;

/**
 * The issue codes that have quick fixes. The first two are the codes of the language's checks
 * ({@code org.policy.dsl.validation.IssueCodes.MISSING_HANDLER} and {@code TARGET_FINAL_STATE}); they are
 * repeated here as strings because codes are a stable interface ("a code never changes meaning once
 * released") and this module must not break while the checks evolve. The last one is Xtext's code for an
 * unresolved name.
 */
public final class FixableIssues {
	private FixableIssues() {
	}

	/** A mandatory handler is missing. */
	public static final String MISSING_HANDLER = "org.policy.dsl.missingHandler";
	/** A path of a handler leaves the target in a state its event type does not allow. */
	public static final String TARGET_FINAL_STATE = "org.policy.dsl.targetFinalState";
	/** A name that resolves to nothing. */
	public static final String UNKNOWN_NAME = org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC;
}
