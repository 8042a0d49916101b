package org.policy.dsl.tests.validation;

import static org.policy.dsl.tests.validation.PolicyTexts.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.tests.PolicyInjectorProvider;

/** Valid policies have no errors and no warnings. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class CleanPoliciesTest extends ValidationAssertions {

	@Test
	public void theMinimalPolicyOfTheTestsIsClean() throws Exception {
		assertIssues(policy(""));
	}

	@Test
	public void cfsCwcIsClean() throws Exception {
		assertIssuesIn(Files.readString(Path.of("../policies/cfs_cwc.policy")), "cfs_cwc.policy");
	}

	@Test
	public void aThreadAttributeAssignedOnEveryPathOfNewMayBeReadAnywhere() throws Exception {
		assertIssues(policy("""
				thread { int prio; }
				on new(t) {
					if (t.load > 0) {
						t.prio = 1;
					} else {
						t.prio = 2;
					}
					t.load = t.prio;
					t => self.q;
				}
				on tick(t) { t.load = t.prio; }"""));
	}

	@Test
	public void tickMayLeaveItsThreadRunningOrReady() throws Exception {
		assertIssues(policy("""
				on tick(t) {
					if (t.load > 1) {
						t => self.q;
						return;
					}
					self => busy;
				}"""));
	}

	@Test
	public void aStealWithEveryClause() throws Exception {
		assertIssues(policy("""
				param int threshold = 2 in [1, 8];
				topology { smt, llc, numa, machine }
				function int weight(core c) {
					var total = 0;
					foreach u in c.q {
						total += u.load;
					}
					return total;
				}
				on balance every 10ms on enter_idle per level {
					filter c: runnable(c) >= threshold && exists(u in c.q where u.load > 0);
					select max by weight(c);
					migrate u from c.q ordered by highest u.load where u.load > 0;
					stop: runnable(self) >= 1;
					on move {
						foreach x in c.q {
							if (x.load > u.load) {
								u.load += 1;
							}
						}
					}
				}"""));
	}
	@Test
	public void idiomaticHandlersAreClean() throws Exception {
		assertIssues(policy("""
				thread { time deadline; }
				shared queue edf ordered by lowest deadline;
				function core least_loaded() {
					var best = self;
					foreach c in cores {
						if (runnable(c) < runnable(best)) {
							best = c;
						}
					}
					return best;
				}
				on new(t) {
					t.deadline = now + 10ms;
					if (t.load > 100) {
						t => edf;
						return;
					}
					var c = least_loaded();
					t => c.q;
				}
				on tick(t) {
					if (!empty(edf) && first(edf).deadline < t.deadline) {
						t => edf;
					}
				}
				on block(t) {
					t => blocked;
					if (empty(self.q)) {
						return;
					}
					self => busy;
				}
				on unblock(t) {
					if (cpu(t).current == none) {
						t => cpu(t).q;
					} else {
						t => self.q;
					}
				}
				on schedule {
					if (!empty(edf)) {
						first(edf) => self.current;
						return;
					}
					foreach c in domain(self, machine) {
						if (!empty(c.q)) {
							first(c.q) => self.current;
							return;
						}
					}
					self => idle;
				}
				topology { machine }"""));
	}
}
