package org.policy.dsl.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/**
 * The language's static checks, one concern per composed class, one {@code @Check} method per rule; the
 * issue codes are in {@link IssueCodes}.
 */
@ComposedChecks(validators = { TypeChecks.class, NameChecks.class, EventTypeChecks.class,
		InitialisationChecks.class, UsageChecks.class, CostChecks.class, InputChecks.class })
public class PolicyValidator extends AbstractPolicyValidator {
}
