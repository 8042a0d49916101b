package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.IssueCodes;

/** Warnings. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class UsageChecksTest extends ValidationAssertions {

	@Test
	public void aLocalNeverRead() throws Exception {
		String text = policy("""
				on tick(t) { var n = t.load; }""");
		assertIssues(text, "WARNING 2:18 local 'n' is never read");
		assertCodes(text, IssueCodes.UNUSED_LOCAL);
	}

	@Test
	public void aLocalOnlyAssigned() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					var n = 1;
					n += t.load;
				}"""),
				"WARNING 3:6 local 'n' is never read");
	}

	@Test
	public void aParamNeverRead() throws Exception {
		String text = policy("""
				param int n = 1;""");
		assertIssues(text, "WARNING 2:11 param 'n' is never read");
		assertCodes(text, IssueCodes.UNUSED_PARAM);
	}

	@Test
	public void anIfWithALiteralCondition() throws Exception {
		String text = policy("""
				on tick(t) { if (true) { t => self.q; } }""");
		assertIssues(text, "WARNING 2:18 the condition is always true: write the statements without 'if'");
		assertCodes(text, IssueCodes.CONSTANT_CONDITION);
	}

	@Test
	public void anIfWithAFalseCondition() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					if (false) {
						t => self.q;
					} else {
						t.load = 0;
					}
				}"""),
				"WARNING 3:6 the condition is always false: the statements under this 'if' never run");
	}

	@Test
	public void aQueueNeverFilled() throws Exception {
		String text = policy("""
				shared queue rt ordered by fifo;""");
		assertIssues(text, "WARNING 2:14 queue 'rt' never receives a thread: no transition moves a thread into it");
		assertCodes(text, IssueCodes.QUEUE_NEVER_FILLED);
	}

	@Test
	public void aConstantNeverRead() throws Exception {
		String text = policy("""
				const int unused[] = { 1 };""");
		assertIssues(text, "WARNING 2:11 constant 'unused' is never read");
		assertCodes(text, IssueCodes.UNUSED_CONSTANT);
	}
}
