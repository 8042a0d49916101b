package org.policy.dsl.validation;

import org.eclipse.xtext.validation.Check;
import org.policy.dsl.model.PolicyModel;
import org.policy.dsl.policy.Attribute;
import org.policy.dsl.policy.PolicyPackage.Literals;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.typing.ValueType;

/**
 * Attributes declared {@code input}: what the environment tells the policy (semantics/Input has the one
 * table of them). Writing one is refused by TypeChecks, with the other attributes that cannot be
 * assigned.
 */
public class InputChecks extends PolicyCheck {

	@Check
	public void checkInputKnown(Attribute attribute) {
		if (!attribute.isInput() || attribute.getName() == null) {
			return;
		}
		Input.Owner owner = PolicyModel.isThreadAttribute(attribute) ? Input.Owner.THREAD : Input.Owner.CORE;
		if (Input.named(owner, attribute.getName()).isEmpty()) {
			error("'" + attribute.getName() + "' is not " + (owner == Input.Owner.THREAD ? "a thread" : "a core")
					+ " input; the " + owner.word() + " inputs are " + Input.namesOf(owner), attribute,
					Literals.MEMBER__NAME, IssueCodes.UNKNOWN_INPUT);
		}
	}

	@Check
	public void checkInputType(Attribute attribute) {
		Input input = Input.of(attribute).orElse(null);
		if (input != null && attribute.getType() != null && ValueType.of(attribute.getType()) != input.type()) {
			error("input '" + input.inputName() + "' is " + input.type().withArticle(), attribute,
					Literals.ATTRIBUTE__TYPE, IssueCodes.INPUT_TYPE);
		}
	}

	@Check
	public void checkInputNotInitialised(Attribute attribute) {
		if (attribute.isInput() && attribute.getInit() != null) {
			error("an input has no initial value: the environment sets '" + attribute.getName() + "'",
					attribute.getInit(), null, IssueCodes.INPUT_INITIALISED);
		}
	}
}
