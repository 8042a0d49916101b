package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.IssueCodes;

@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class InputChecksTest extends ValidationAssertions {

	@Test
	public void everyInputOfTheTableIsAccepted() throws Exception {
		assertIssues(policy("""
				thread { input int nice; input int weight; input time runtime; input time deadline; input time period;
					input int group; input int group_weight; }
				core { input int id; input int capacity; int score = 0; }
				on tick(t) {
					self.score = t.weight + t.nice + self.id + self.capacity;
					if (t.runtime + t.deadline + t.period > 0) {
						t => self.q;
					}
				}"""));
	}

	@Test
	public void anUnknownThreadInput() throws Exception {
		String text = policy("""
				thread { input int priority; }""");
		assertIssues(text, "ERROR 2:20 'priority' is not a thread input; the thread inputs are nice, weight, runtime,"
				+ " deadline, period, group and group_weight");
		assertCodes(text, IssueCodes.UNKNOWN_INPUT);
	}

	@Test
	public void aThreadInputDeclaredOnACore() throws Exception {
		assertIssues(policy("""
				core { input int weight; }"""),
				"ERROR 2:18 'weight' is not a core input; the core inputs are id and capacity");
	}

	@Test
	public void anInputOfTheWrongType() throws Exception {
		String text = policy("""
				thread { input int deadline; }""");
		assertIssues(text, "ERROR 2:16 input 'deadline' is a time");
		assertCodes(text, IssueCodes.INPUT_TYPE);
	}

	@Test
	public void anInputWithAnInitialValue() throws Exception {
		String text = policy("""
				thread { input int weight = 1024; }""");
		assertIssues(text, "ERROR 2:29 an input has no initial value: the environment sets 'weight'");
		assertCodes(text, IssueCodes.INPUT_INITIALISED);
	}

	@Test
	public void anInputCannotBeAssigned() throws Exception {
		assertIssues(policy("""
				thread { input int weight; }
				on tick(t) {
					t.weight = 1;
				}"""), "ERROR 4:2 't.weight' is an input, set by the environment, and cannot be assigned");
	}

	@Test
	public void aCoreInputNeedsNoInitialValueAndAThreadInputIsNeverUninitialised() throws Exception {
		assertIssues(policy("""
				thread { input time deadline; }
				core { input int capacity; }
				shared queue edf ordered by lowest deadline;
				on new(t) {
					t => edf;
				}
				on schedule {
					if (!empty(edf) && self.capacity > 0) {
						first(edf) => self.current;
					}
				}"""));
	}
}
