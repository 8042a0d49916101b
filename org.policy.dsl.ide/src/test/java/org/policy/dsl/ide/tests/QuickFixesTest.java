package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.dsl.ide.tests.Policies.FIFO;
import static org.policy.dsl.ide.tests.Services.SERVICES;
import static org.policy.dsl.ide.tests.Policies.offsetOf;

import java.util.List;
import java.util.Map;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.policy.dsl.ide.quickfix.Fix;
import org.policy.dsl.ide.quickfix.FixableIssues;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.Interpreter;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadState;
import org.policy.dsl.semantics.Topology;

class QuickFixesTest {

	private static XtextResource parse(String text) {
		return SERVICES.parse("memory:/fifo.policy", text);
	}

	private static List<Issue> errors(String text) {
		return SERVICES.check(parse(text)).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
	}

	private static String withoutHandler(String text, String header) {
		int start = text.indexOf("\t" + header);
		int end = text.indexOf("\n\t}\n", start) + 4;
		return text.substring(0, start) + text.substring(end);
	}

	@Test
	void anUnknownAttributeIsFixedByTheNameSpeltAlmostTheSame() {
		String text = FIFO.replace("t.started = now;", "t.startd = now;");
		XtextResource resource = parse(text);
		Issue issue = SERVICES.check(resource).get(0);
		List<Fix> fixes = SERVICES.fixes(resource, issue);
		assertEquals(List.of("Change to 'started'"), fixes.stream().map(Fix::label).toList());
		assertEquals(FIFO, fixes.get(0).applyTo(text));
	}

	@Test
	void anUnknownNameIsFixedByTheVisibleNamesClosestToIt() {
		String text = FIFO.replace("> slice)", "> slise)");
		XtextResource resource = parse(text);
		Issue issue = SERVICES.check(resource).stream().filter(i -> i.getSeverity() == Severity.ERROR).findFirst().orElseThrow();
		assertEquals("unknown name 'slise'", issue.getMessage());
		List<Fix> fixes = SERVICES.fixes(resource, issue);
		assertEquals("Change to 'slice'", fixes.get(0).label());
		assertEquals(List.of(), errors(fixes.get(0).applyTo(text)));
	}

	@Test
	void aNameFarFromEveryVisibleNameHasNoFix() {
		String text = FIFO.replace("> slice)", "> quantum)");
		XtextResource resource = parse(text);
		Issue issue = SERVICES.check(resource).stream().filter(i -> i.getSeverity() == Severity.ERROR).findFirst().orElseThrow();
		assertEquals(List.of(), SERVICES.fixes(resource, issue));
	}

	@Test
	void aMissingHandlerIsInsertedBeforeTheClosingBraceAndBehavesAsItsEventTypeSays() {
		String text = withoutHandler(FIFO, "on block(t)");
		XtextResource resource = parse(text);
		List<Fix> fixes = SERVICES.fixes(resource, FixableIssues.MISSING_HANDLER, offsetOf(text, "fifo {"), 4, null);
		assertEquals(List.of("Add handler 'on block'"), fixes.stream().map(Fix::label).toList());
		String fixed = fixes.get(0).applyTo(text);
		assertTrue(fixed.endsWith("\t\tself => idle;\n\t}\n\n\ton block(t) {\n\t\tt => blocked;\n\t}\n}\n"), fixed);
		assertEquals(List.of(), errors(fixed));

		Run run = new Run(fixed, 1, 2);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		run.interpreter.block(run.machine, 0);
		assertEquals(ThreadState.BLOCKED, run.machine.state(0));
	}

	@Test
	void allMissingHandlersTogetherMakeAPolicyThatRuns() {
		String text = """
				policy bare {
					core {
						queue ready ordered by fifo;
					}
				}
				""";
		XtextResource resource = parse(text);
		List<Fix> fixes = SERVICES.fixes(resource, FixableIssues.MISSING_HANDLER, offsetOf(text, "bare"), 4, null);
		assertEquals(8, fixes.size(), "one per mandatory handler, and all of them");
		Fix all = fixes.get(7);
		assertEquals("Add all 7 missing handlers", all.label());
		String fixed = all.applyTo(text);
		assertEquals(List.of(), errors(fixed), fixed);
		assertEquals(fixed, SERVICES.formatted(fixed), "the inserted handlers are in the standard layout");

		// Every event type's contract holds for the skeletons: the interpreter checks it on each event.
		Run run = new Run(fixed, 2, 3);
		for (int t = 0; t < 3; t++) {
			run.interpreter.create(run.machine, 0, t);
		}
		run.endEvent(0);
		int running = run.machine.current(0);
		run.interpreter.tick(run.machine, 0);
		run.interpreter.yield(run.machine, 0);
		assertEquals(ThreadState.READY, run.machine.state(running));
		run.endEvent(0);
		int blocked = run.machine.current(0);
		run.interpreter.block(run.machine, 0);
		assertEquals(ThreadState.BLOCKED, run.machine.state(blocked));
		run.endEvent(0);
		run.interpreter.unblock(run.machine, 1, blocked);
		assertEquals(ThreadState.READY, run.machine.state(blocked));
		run.endEvent(1);
		int terminated = run.machine.current(0);
		run.interpreter.terminate(run.machine, 0);
		assertEquals(ThreadState.TERMINATED, run.machine.state(terminated));
	}

	@Test
	void theIssueDataNarrowsTheFixToTheNamedHandler() {
		String text = withoutHandler(withoutHandler(FIFO, "on block(t)"), "on terminate(t)");
		XtextResource resource = parse(text);
		List<Fix> fixes = SERVICES.fixes(resource, FixableIssues.MISSING_HANDLER, 0, 0, new String[] { "terminate" });
		assertEquals(List.of("Add handler 'on terminate'"), fixes.stream().map(Fix::label).toList());
	}

	@Test
	void aBlockHandlerThatForgetsToBlockGetsTheTransitionAppended() {
		String text = FIFO.replace("\t\tt => blocked;\n", "\t\tt.started = now;\n");
		XtextResource resource = parse(text);
		int inHandler = offsetOf(text, "on block(t)") + 3;
		List<Fix> fixes = SERVICES.fixes(resource, FixableIssues.TARGET_FINAL_STATE, inHandler, 5, null);
		assertEquals(List.of("Append 't => blocked;' to 'on block'"), fixes.stream().map(Fix::label).toList());
		String fixed = fixes.get(0).applyTo(text);
		assertTrue(fixed.contains("\ton block(t) {\n\t\tt.started = now;\n\t\tt => blocked;\n\t}\n"), fixed);

		Run run = new Run(fixed, 1, 1);
		run.interpreter.create(run.machine, 0, 0);
		run.endEvent(0);
		run.interpreter.block(run.machine, 0);
		assertEquals(ThreadState.BLOCKED, run.machine.state(0));
	}

	@Test
	void aOneLineHandlerGetsTheTransitionOnItsLine() {
		String text = FIFO.replace("on terminate(t) {\n\t\tt => terminated;\n\t}", "on terminate(x) { }");
		XtextResource resource = parse(text);
		List<Fix> fixes = SERVICES.fixes(resource, FixableIssues.TARGET_FINAL_STATE, offsetOf(text, "{ }"), 3, null);
		assertTrue(fixes.get(0).applyTo(text).contains("on terminate(x) { x => terminated; }"));
	}

	@Test
	void otherIssuesHaveNoFixes() {
		XtextResource resource = parse(FIFO);
		assertEquals(List.of(), SERVICES.fixes(resource, "org.policy.dsl.unusedLocal", 0, 1, null));
		assertEquals(List.of(), SERVICES.fixes(resource, FixableIssues.MISSING_HANDLER, 0, 1, null), "none is missing");
	}

	/** The reference semantics running a policy text. */
	private static final class Run {
		final Interpreter interpreter;
		final Machine machine;

		Run(String text, int cores, int threads) {
			XtextResource resource = parse(text);
			Policy policy = (Policy) resource.getContents().get(0);
			EcoreUtil2.resolveAll(policy);
			CompiledPolicy compiled = CompiledPolicy.of(policy);
			interpreter = compiled.newInterpreter(Map.of());
			machine = compiled.newMachine(Topology.flat(cores), threads);
			interpreter.initialise(machine);
			interpreter.boot(machine);
		}

		/** Ends an event on {@code core}, then delivers every pending reschedule (a kick latency of 0). */
		void endEvent(int core) {
			interpreter.complete(machine, core);
			for (int c = machine.nextPendingReschedule(0); c < machine.cores(); c = machine.nextPendingReschedule(0)) {
				interpreter.reschedule(machine, c);
			}
		}
	}
}
