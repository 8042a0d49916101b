package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.IssueCodes;

/** The cost of an event: loops nest at most CostChecks.MAX_LOOP_DEPTH (4) deep. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class CostChecksTest extends ValidationAssertions {
	private static final String TOO_DEEP = "loops nested 5 deep (foreach, aggregates, balance and the functions called):"
			+ " at most 4, since an event costs (cores or threads)^depth";

	@Test
	public void fourNestedLoopsAreAllowed() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					foreach a in cores { foreach b in cores { foreach c in cores { foreach d in cores { t.load += 1; } } } }
				}"""));
	}

	@Test
	public void aFifthNestedForeachIsAnErrorAtThatLoop() throws Exception {
		String text = policy("""
				on tick(t) {
					foreach a in cores { foreach b in cores { foreach c in cores { foreach d in cores {
						foreach e in cores { t.load += 1; }
					} } } }
				}""");
		assertIssues(text, "ERROR 4:3 " + TOO_DEEP);
		assertCodes(text, IssueCodes.LOOPS_TOO_DEEP);
	}

	@Test
	public void anAggregateIsALoop() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					foreach a in cores { foreach b in cores { foreach c in cores { foreach d in cores {
						t.load = count(x in cores where runnable(x) > 0);
					} } } }
				}"""),
				"ERROR 4:12 " + TOO_DEEP);
	}

	@Test
	public void theLoopsOfACalledFunctionCount() throws Exception {
		assertIssues(policy("""
				function int running() = count(x in cores where runnable(x) > 0);
				on tick(t) {
					foreach a in cores { foreach b in cores { foreach c in cores { foreach d in cores {
						t.load = running();
					} } } }
				}"""),
				"ERROR 5:12 " + TOO_DEEP + " ('running' has loops 1 deep)");
	}

	@Test
	public void aCollectionIsEvaluatedOnceSoItAddsNoLevel() throws Exception {
		assertIssues(policy("""
				function core busiest() = max(x in cores by runnable(x));
				on tick(t) {
					foreach a in cores { foreach b in cores { foreach c in cores {
						foreach d in busiest().q { t.load += 1; }
					} } }
				}"""));
	}
}
