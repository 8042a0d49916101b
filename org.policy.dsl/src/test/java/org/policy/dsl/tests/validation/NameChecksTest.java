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
public class NameChecksTest extends ValidationAssertions {

	@Test
	public void aCoreStateDeclaredTwice() throws Exception {
		String text = policy("""
				core states { idle, busy, idle }""");
		assertIssues(text,
				"ERROR 2:27 'idle' is declared twice in this policy");
		assertCodes(text, IssueCodes.DUPLICATE_DECLARATION);
	}

	@Test
	public void aParamAndAFunctionShareOneNamespace() throws Exception {
		assertIssues(policy("""
				param int weight = 1;
				function int weight(thread u) = u.load;
				on tick(t) { t.load = weight + weight(t); }"""),
				"ERROR 3:14 'weight' is declared twice in this policy");
	}

	@Test
	public void aThreadAttributeDeclaredTwice() throws Exception {
		String text = policy("""
				thread { int x = 1; time x = 0; }""");
		assertIssues(text, "ERROR 2:26 'x' is declared twice among the thread attributes");
		assertCodes(text, IssueCodes.DUPLICATE_MEMBER);
	}

	@Test
	public void aCoreAttributeNamedLikeAQueue() throws Exception {
		assertIssues(policy("""
				core { queue r ordered by fifo; int r = 0; }"""),
				"WARNING 2:14 queue 'r' never receives a thread: no transition moves a thread into it",
				"ERROR 2:37 'r' is declared twice among the core attributes and queues");
	}

	@Test
	public void twoHandlersForOneEvent() throws Exception {
		assertIssues(policy("""
				on tick(t) { }
				on tick(u) { }"""),
				"ERROR 3:4 'on tick' is declared twice: a policy has one handler per event");
	}

	@Test
	public void aLocalDeclaredTwiceInOneBlock() throws Exception {
		String text = policy("""
				on tick(t) {
					var n = t.load;
					var n = 2;
					t.load = n;
				}""");
		assertIssues(text,
				"WARNING 3:6 local 'n' is never read",
				"ERROR 4:6 'n' is declared twice in this block");
		assertCodes(text, IssueCodes.UNUSED_LOCAL, IssueCodes.DUPLICATE_LOCAL);
	}

	@Test
	public void aLocalHidingALocalOfAnEnclosingBlock() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					var n = t.load;
					foreach c in cores {
						var n = runnable(c);
						t.load = n;
					}
					t.load = n;
				}"""),
				"ERROR 5:7 'n' hides the 'n' of line 3; give it another name (hidden names are confusing in kernel code)");
	}

	@Test
	public void anAggregateVariableHidingTheHandlersThread() throws Exception {
		String text = policy("""
				on tick(t) { t.load = count(t in self.q); }""");
		assertIssues(text,
				"ERROR 2:29 't' hides the 't' of line 2; give it another name (hidden names are confusing in kernel code)");
		assertCodes(text, IssueCodes.SHADOWED_NAME);
	}

	@Test
	public void aFunctionParameterDeclaredTwice() throws Exception {
		String text = policy("""
				function int f(core c, core c) = runnable(c);""");
		assertIssues(text,
				"ERROR 2:29 'c' is declared twice in the parameters of 'f'");
		assertCodes(text, IssueCodes.DUPLICATE_PARAMETER);
	}

	@Test
	public void anUnknownTopologyLevel() throws Exception {
		String text = policy("""
				topology { smt, socket }""");
		assertIssues(text,
				"ERROR 2:17 unknown topology level 'socket': the levels are smt, llc, numa and machine");
		assertCodes(text, IssueCodes.UNKNOWN_LEVEL);
	}

	@Test
	public void aPolicyNotNamedAfterItsFile() throws Exception {
		assertIssuesIn(policy(""), "q.policy",
				"WARNING 1:8 policy 'p' should be named 'q', after its file 'q.policy'");
		assertCodesIn(policy(""), "q.policy", IssueCodes.POLICY_NAME_NOT_FILE_NAME);
	}
}
