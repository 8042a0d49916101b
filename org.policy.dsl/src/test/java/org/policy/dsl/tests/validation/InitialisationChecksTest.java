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
public class InitialisationChecksTest extends ValidationAssertions {

	@Test
	public void aCoreAttributeWithoutInitialValue() throws Exception {
		String text = policy("""
				core { time busy_since; }""");
		assertIssues(text,
				"ERROR 2:13 core attribute 'busy_since' needs an initial value: cores exist before any event runs");
		assertCodes(text, IssueCodes.CORE_ATTRIBUTE_NOT_INITIALISED);
	}

	@Test
	public void aThreadAttributeThatNewDoesNotAssign() throws Exception {
		String text = policy("""
				thread { time deadline; }
				on tick(t) {
					if (now > t.deadline) {
						t => self.q;
					}
				}""");
		assertIssues(text, "ERROR 4:14 'deadline' may be uninitialised: it has no initial value and 'on new' does not"
				+ " assign it on every path");
		assertCodes(text, IssueCodes.UNINITIALISED_READ);
	}

	@Test
	public void aReadInNewBeforeTheAssignmentOnSomePath() throws Exception {
		assertIssues(policy("""
				thread { int prio; }
				on new(t) {
					if (t.load > 0) {
						t.prio = 1;
					}
					t.load = t.prio;
					t => self.q;
				}"""),
				"ERROR 7:13 'prio' may be uninitialised here: it has no initial value and 'on new' has not assigned it"
						+ " yet on the path where 'if (t.load > 0)' (line 4) is false");
	}

	@Test
	public void insertingIntoAQueueOrderedByAnAttributeNotYetAssigned() throws Exception {
		assertIssues(policy("""
				thread { time deadline; }
				shared queue edf ordered by lowest deadline;
				on new(t) {
					t => edf;
					t.deadline = now;
				}"""),
				"ERROR 5:7 queue 'edf' is ordered by 'deadline', which may be uninitialised here: it has no initial"
						+ " value and 'on new' has not assigned it yet");
	}

	@Test
	public void anInitialValueReadingNow() throws Exception {
		String text = policy("""
				thread { time since = now; }""");
		assertIssues(text, "ERROR 2:23 the initial value of 'since' may use only params, constants and literals, not 'now'");
		assertCodes(text, IssueCodes.INITIAL_VALUE_NOT_CONSTANT);
	}

	@Test
	public void anInitialValueReadingAnotherAttribute() throws Exception {
		assertIssues(policy("""
				core { time floor = 0; time start = self.floor + 1; }"""),
				"ERROR 2:37 the initial value of 'start' may use only params, constants and literals, not 'self.floor'");
	}

	@Test
	public void initialValuesMayUseParamsAndNone() throws Exception {
		assertIssues(policy("""
				param int base = 10;
				thread { int weight = base * 2 + 1; thread waker = none; }
				core { core buddy = none; }"""));
	}

	@Test
	public void aParamDefaultReadingNow() throws Exception {
		String text = policy("""
				param time g = now in [100us, 10ms];""");
		assertIssues(text, "WARNING 2:12 param 'g' is never read",
				"ERROR 2:16 the default and range of param 'g' may use only other params, constants and literals, not 'now'");
		assertCodes(text, IssueCodes.UNUSED_PARAM, IssueCodes.INITIAL_VALUE_NOT_CONSTANT);
	}

	@Test
	public void paramsWhoseDefaultsNameEachOther() throws Exception {
		String text = policy("""
				param int a = b;
				param int b = a + 1;
				param int c = c;
				thread { int w = a + b + c; }""");
		assertIssues(text, "ERROR 2:11 param 'a' depends on itself: a -> b -> a",
				"ERROR 3:11 param 'b' depends on itself: b -> a -> b",
				"ERROR 4:11 param 'c' depends on itself: c -> c");
	}

	@Test
	public void aConstantNamingAParamAndNow() throws Exception {
		String text = policy("""
				param int p = 1;
				const time c = now + p;
				thread { time x = c; }""");
		assertIssues(text, "ERROR 3:16 the value of constant 'c' may use only literals and other constants, not 'now'");
		assertCodes(text, IssueCodes.INITIAL_VALUE_NOT_CONSTANT);
	}

	@Test
	public void constantsNamingLaterOnesAndThemselves() throws Exception {
		String text = policy("""
				const int a = b + 1;
				const int b = 2;
				const int c[] = { c[0] };
				thread { int x = a + c[0]; }""");
		assertIssues(text, "ERROR 2:15 constant 'a' may name only constants declared above it, and 'b' is declared below",
				"ERROR 4:19 constant 'c' cannot be defined by itself");
		assertCodes(text, IssueCodes.CONSTANT_ORDER, IssueCodes.CONSTANT_ORDER);
	}

	@Test
	public void constantsInInitialValuesAndDefaults() throws Exception {
		assertIssues(policy("""
				const int base = 1024;
				const int w[] = { base, base / 2 };
				param int p = max(base, 16) in [1, 4096];
				thread { int x = clamp(w[1] + p, 0, log2(base) * 100); }"""));
	}
}
