package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;

/** Syntax errors and unknown names: reported by the parser and by linking, at the exact place. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class SyntaxAndLinkingTest extends ValidationAssertions {

	@Test
	public void aMissingClosingBrace() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					if (t.load > 0) {
						t => self.q;
				}"""),
				"ERROR 6:1 missing '}' at 'thread'");
	}

	@Test
	public void aMissingNameIsCalledANameNotByItsTokenName() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					var = 1;
				}"""),
				"ERROR 3:6 missing a name at '='");
	}

	@Test
	public void anUnknownName() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					t.load = lod;
				}"""),
				"ERROR 3:11 unknown name 'lod'");
	}

	@Test
	public void anUnknownThreadAttribute() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					t.lod = 1;
				}"""),
				"ERROR 3:4 unknown thread attribute 'lod'");
	}

	@Test
	public void anUnknownCoreMember() throws Exception {
		assertIssues(policy("""
				on yield(t) {
					t => self.qq;
				}"""),
				"ERROR 3:12 unknown core attribute or queue 'qq'");
	}

	@Test
	public void anIntHasNoMembers() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					t.load = t.load.x;
				}"""),
				"ERROR 3:18 '.x' needs a thread or a core, not an int");
	}

	@Test
	public void aTransitionToAnUndeclaredState() throws Exception {
		assertIssues(policy("""
				on block(t) {
					t => waiting;
				}"""),
				"ERROR 3:7 unknown name 'waiting'");
	}

	@Test
	public void anUnknownFunction() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					t.load = wieght(t);
				}"""),
				"ERROR 3:11 unknown function 'wieght'");
	}
}
