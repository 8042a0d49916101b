package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.IssueCodes;

/** {@code preempt c;}: where it may be, what it takes, and the handler it needs. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class PreemptChecksTest extends ValidationAssertions {

	@Test
	public void aWakeUpMayPreemptAnyCore() throws Exception {
		assertIssues(policy("""
				on unblock(t) {
					t => cpu(t).q;
					preempt cpu(t);
				}
				on new(t) {
					t => self.q;
					preempt self;
				}
				on preempt(t) {
					t => self.q;
				}"""));
	}

	@Test
	public void preemptOutsideNewAndUnblock() throws Exception {
		String text = policy("""
				on tick(t) {
					preempt self;
				}
				on preempt(t) { t => self.q; }""");
		assertIssues(text, "ERROR 3:2 'preempt' is allowed only in 'on new' and 'on unblock': it asks a core to"
				+ " reschedule for a thread that has just become ready");
		assertCodes(text, IssueCodes.PREEMPT_PLACE);
	}

	@Test
	public void preemptWithoutItsHandler() throws Exception {
		String text = policy("""
				on unblock(t) {
					t => cpu(t).q;
					preempt cpu(t);
				}""");
		assertIssues(text, "ERROR 4:2 'preempt' needs a handler 'on preempt(t)': it says where the thread running on"
				+ " the preempted core goes");
		assertCodes(text, IssueCodes.MISSING_HANDLER);
	}

	@Test
	public void preemptTakesACore() throws Exception {
		String text = policy("""
				on unblock(t) {
					t => cpu(t).q;
					preempt t;
				}
				on preempt(t) { t => self.q; }""");
		assertIssues(text, "ERROR 4:10 'preempt' takes a core; 't' is a thread");
		assertCodes(text, IssueCodes.PREEMPT_TYPE);
	}

	@Test
	public void aPreemptHandlerMustLeaveItsThreadReady() throws Exception {
		assertIssues(policy("""
				on unblock(t) {
					t => cpu(t).q;
					preempt cpu(t);
				}
				on preempt(t) { }"""),
				"ERROR 6:4 preempt handler leaves t running: every path must end with t ready");
	}
}
