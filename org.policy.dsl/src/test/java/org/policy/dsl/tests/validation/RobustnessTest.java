package org.policy.dsl.tests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.tests.PolicyInjectorProvider;
import org.policy.dsl.validation.PolicyValidator;

/**
 * The checks run on whatever the parser recovers from a broken file (that is what an editor shows while
 * one types), so none may throw. Xtext would swallow a NullPointerException from a check and only log
 * other exceptions; this runs the validator directly and records every one.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class RobustnessTest {

	/** The validator, not registered anywhere, remembering instead of swallowing what its checks throw. */
	public static class RecordingValidator extends PolicyValidator {
		final List<Throwable> thrown = new ArrayList<>();

		@Override
		public void register(EValidatorRegistrar registrar) {
			// used directly, never through the registry
		}

		@Override
		protected void handleExceptionDuringValidation(Throwable exception) {
			thrown.add(exception);
		}
	}

	private static final Pattern TOKEN = Pattern.compile("\\d+[a-z]*|\\w+|=>|[<>=!+\\-]=|&&|\\|\\||\\S");

	@Inject
	private ParseHelper<Policy> parser;
	@Inject
	private Provider<XtextResourceSet> resourceSets;
	@Inject
	private Injector injector;

	/** Every construct of the language, in a valid policy. */
	private static final String EVERYTHING = PolicyTexts.policy("""
			param time slice = 4ms in [1ms, 100ms];
			param int spread = 2;
			thread { time deadline; int prio = spread * 2; thread waker = none; }
			core { time floor = 0; core buddy = none; }
			shared queue edf ordered by lowest deadline;
			topology { smt, llc, machine }
			function int weight(core c) {
				var total = 0;
				foreach u in c.q {
					if (u.prio > 1) {
						total += u.prio;
					} else if (u.prio == 1) {
						total -= 1;
					} else {
						return total;
					}
				}
				return total + sum(u in c.q of abs(u.prio)) + size(domain(c, llc));
			}
			function bool urgent(thread u) = u.deadline - now < slice && !(u.waker == none);
			on new(t) {
				t.deadline = now + slice;
				if (urgent(t)) { t => edf; } else { t => min(c in cores by weight(c)).q; }
			}
			on tick(t) {
				if (exists(u in edf where u.deadline < t.deadline) || count(c in idle) > 0) {
					t => edf;
				}
			}
			on schedule {
				if (!empty(edf)) {
					first(edf) => self.current;
				} else if (all(c in domain(self, smt) where runnable(c) >= 1)) {
					var next = first(self.q);
					if (next != none && next in self.q && cpu(next) == self) {
						next => self.current;
					}
				}
				self => busy;
			}
			on enter_idle { self => idle; }
			on exit_idle { foreach c in idle { if (c == self) { self => busy; } } }
			on balance every slice on enter_idle per level {
				filter c: runnable(c) >= 2 && c.floor <= self.floor;
				select max by weight(c);
				migrate u from c.q ordered by lowest u.deadline where u.prio > 0;
				stop: runnable(self) >= 1;
				on move {
					var lag = u.deadline - c.floor;
					if (lag > 0) {
						u.deadline = self.floor + lag;
					}
				}
			}""");

	@Test
	public void theRichSampleIsClean() throws Exception {
		RecordingValidator validator = injector.getInstance(RecordingValidator.class);
		List<String> issues = new ArrayList<>();
		Policy policy = parser.parse(EVERYTHING, URI.createURI("inmemory:/p.policy"), resourceSets.get());
		EcoreUtil2.resolveAll(policy);
		assertEquals(List.of(), policy.eResource().getErrors().stream().map(Object::toString).toList());
		BasicDiagnostic chain = new BasicDiagnostic();
		for (TreeIterator<EObject> all = EcoreUtil2.eAll(policy); all.hasNext();) {
			EObject object = all.next();
			validator.validate(object.eClass(), object, chain, new HashMap<>());
		}
		chain.getChildren().forEach(d -> issues.add(d.getMessage()));
		assertEquals(List.of(), issues);
	}

	@Test
	public void noCheckThrowsOnCfsCwcWithOneTokenRemovedOrReplaced() throws Exception {
		mutateAndValidate(Files.readString(Path.of("../policies/cfs_cwc.policy")));
	}

	@Test
	public void noCheckThrowsOnTheRichSampleWithOneTokenRemovedOrReplaced() throws Exception {
		mutateAndValidate(EVERYTHING);
	}

	private void mutateAndValidate(String text) throws Exception {
		List<int[]> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			tokens.add(new int[] {matcher.start(), matcher.end()});
		}
		Random random = new Random(42);
		RecordingValidator validator = injector.getInstance(RecordingValidator.class);
		List<String> failures = new ArrayList<>();
		int diagnostics = 0;
		for (int i = 0; i < tokens.size(); i++) {
			int[] token = tokens.get(i);
			int[] other = tokens.get(random.nextInt(tokens.size()));
			String replacement = text.substring(other[0], other[1]);
			// every token removed; every third replaced by another token of the text (enough, and the build stays fast)
			List<String> variants = i % 3 == 0
					? List.of(text.substring(0, token[0]) + text.substring(token[1]),
							text.substring(0, token[0]) + replacement + text.substring(token[1]))
					: List.of(text.substring(0, token[0]) + text.substring(token[1]));
			for (String variant : variants) {
				validator.thrown.clear();
				diagnostics += validateAll(validator, variant);
				for (Throwable exception : validator.thrown) {
					failures.add("token " + i + " '" + text.substring(token[0], token[1]) + "': " + exception);
				}
			}
		}
		assertEquals(List.of(), failures);
		// most variants do not parse, and after a syntax error the checks of what is absent skip
		// (PolicyCheck.isIncomplete): the others still report, a few per variant that parses
		assertTrue(diagnostics > tokens.size() / 10, "the checks did not run: " + diagnostics + " diagnostics");
	}

	/** Runs the checks on every object of {@code text}; the number of issues they report. */
	private int validateAll(RecordingValidator validator, String text) throws Exception {
		Policy policy = parser.parse(text, URI.createURI("inmemory:/cfs_cwc.policy"), resourceSets.get());
		if (policy == null) {
			return 0;
		}
		EcoreUtil2.resolveAll(policy);
		BasicDiagnostic chain = new BasicDiagnostic();
		validator.validate(policy.eClass(), policy, chain, new HashMap<>());
		for (TreeIterator<EObject> all = policy.eAllContents(); all.hasNext();) {
			EObject object = all.next();
			validator.validate(object.eClass(), object, chain, new HashMap<>());
		}
		return chain.getChildren().size();
	}
}
