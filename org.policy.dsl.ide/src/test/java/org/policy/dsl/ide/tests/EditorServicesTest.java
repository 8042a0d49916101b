package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.dsl.ide.tests.Policies.FIFO;
import static org.policy.dsl.ide.tests.Services.SERVICES;
import static org.policy.dsl.ide.tests.Policies.offsetOf;

import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.policy.dsl.ide.hover.HoverInfo;
import org.policy.dsl.ide.outline.OutlineKind;
import org.policy.dsl.ide.outline.OutlineNode;
import org.policy.dsl.semantics.EventType;
import org.policy.dsl.semantics.Input;

class EditorServicesTest {

	private static XtextResource parse(String text) {
		return SERVICES.parse("memory:/fifo.policy", text);
	}

	@Test
	void theKeywordsAreTheGrammarsWords() {
		var keywords = SERVICES.keywords();
		assertTrue(keywords.containsAll(List.of("policy", "param", "on", "blocked", "foreach", "balance", "enter_idle")), keywords::toString);
		assertFalse(keywords.contains("{"));
		assertFalse(keywords.contains("=>"));
	}

	@Test
	void aCorrectPolicyHasNoErrors() {
		List<Issue> errors = SERVICES.check(parse(FIFO)).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
		assertEquals(List.of(), errors);
	}

	@Test
	void anUnknownAttributeIsAnErrorAtItsName() {
		String text = FIFO.replace("t.started = now;", "t.startd = now;");
		List<Issue> issues = SERVICES.check(parse(text));
		Issue issue = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).findFirst().orElseThrow();
		assertEquals("unknown thread attribute 'startd'", issue.getMessage());
		assertEquals(offsetOf(text, "startd"), issue.getOffset());
		assertEquals("startd".length(), issue.getLength());
		assertEquals(org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC, issue.getCode());
	}

	@Test
	void completionAfterAThreadProposesItsAttributesOnly() {
		String text = FIFO.replace("t.started = now;", "t.s = now;");
		int offset = offsetOf(text, "t.s =") + 3;
		List<String> proposals = SERVICES.complete(parse(text), text, offset).stream()
				.map(ContentAssistEntry::getProposal).toList();
		assertEquals(List.of("started"), proposals, "the prefix 's' selects the thread attribute 'started'");
		assertEquals("thread attribute : time",
				SERVICES.complete(parse(text), text, offset).get(0).getDescription(), "said in the language's words");

		String empty = FIFO.replace("t.started = now;", "t. = now;");
		List<String> all = SERVICES.complete(parse(empty), empty, offsetOf(empty, "t. =") + 2).stream()
				.map(ContentAssistEntry::getProposal).toList();
		assertTrue(all.contains("started"), all::toString);
		assertFalse(all.contains("ready"), "'ready' is a core queue, not a thread attribute: " + all);
		assertFalse(all.contains("current"), "'.current' is a core's, not a thread's: " + all);

		String onCore = FIFO.replace("t.started = now;", "t.started = now; self. ;");
		List<String> ofCore = SERVICES.complete(parse(onCore), onCore, offsetOf(onCore, "self. ;") + 5).stream()
				.map(ContentAssistEntry::getProposal).toList();
		assertTrue(ofCore.contains("current") && ofCore.contains("ready"), ofCore::toString);
	}

	@Test
	void completionWhereAHandlerMayStartOffersTheMissingOnes() {
		String text = FIFO.replace("""
					on block(t) {
						t => blocked;
					}
				""", "");
		int offset = offsetOf(text, "\ton unblock");
		List<ContentAssistEntry> entries = SERVICES.complete(parse(text), text, offset);
		ContentAssistEntry block = entries.stream().filter(e -> e.getLabel() != null && e.getLabel().startsWith("on block"))
				.findFirst().orElseThrow(() -> new AssertionError(entries.toString()));
		assertEquals("on block(t) {\n\tt => blocked;\n}", block.getProposal());
		assertTrue(entries.stream().noneMatch(e -> "on tick(t) { ... }".equals(e.getLabel())), "tick exists already");
		assertTrue(entries.stream().map(ContentAssistEntry::getProposal).noneMatch(";"::equals), "no punctuation");
	}

	@Test
	void hoverOverAUseShowsTheDeclarationAndTheCommentAboveIt() {
		XtextResource resource = parse(FIFO);
		int use = offsetOf(FIFO, "slice) {") + 1;
		HoverInfo hover = SERVICES.hover(resource, use).orElseThrow();
		assertEquals("param time slice = 4ms in [1ms, 100ms]", hover.signature());
		assertEquals("How long a thread runs before it is preempted.", hover.documentation());
		assertEquals(offsetOf(FIFO, "slice) {"), hover.offset());
		assertEquals(5, hover.length());
	}

	@Test
	void hoverOverAnAttributeUsesItsEndOfLineComment() {
		XtextResource resource = parse(FIFO);
		HoverInfo hover = SERVICES.hover(resource, offsetOf(FIFO, "started = now") + 2).orElseThrow();
		assertEquals("thread { time started = 0; }", hover.signature());
		assertEquals("when it last got a core", hover.documentation());
	}

	@Test
	void hoverOverAnInputExplainsWhatTheEnvironmentSets() {
		String text = FIFO.replace("thread {", "thread {\n\t\tinput int weight; // used for nothing");
		HoverInfo hover = SERVICES.hover(parse(text), offsetOf(text, "weight;") + 1).orElseThrow();
		assertEquals("thread { input int weight; }", hover.signature());
		assertEquals("Input, set by the environment: " + Input.WEIGHT.meaning() + ".\n\nused for nothing",
				hover.documentation());
	}

	@Test
	void hoverOverAnEventExplainsItsEventType() {
		HoverInfo hover = SERVICES.hover(parse(FIFO), offsetOf(FIFO, "on block(t)") + 4).orElseThrow();
		assertEquals("on block(t)", hover.signature());
		assertTrue(hover.documentation().startsWith(EventType.BLOCK.contract()), hover.documentation());
		assertTrue(hover.documentation().contains("**running on self** before; **blocked** at the end of every path"),
				hover.documentation());
	}

	@Test
	void hoverOverALocalShowsItsType() {
		HoverInfo hover = SERVICES.hover(parse(FIFO), offsetOf(FIFO, "t.started = now") ).orElseThrow();
		assertEquals("var t = first(self.ready)    // thread", hover.signature());
	}

	@Test
	void noHoverOverPunctuationOrWhitespace() {
		XtextResource resource = parse(FIFO);
		assertTrue(SERVICES.hover(resource, offsetOf(FIFO, "=> blocked") ).isEmpty());
		assertTrue(SERVICES.hover(resource, offsetOf(FIFO, "\n\n\tcore states") ).isEmpty());
	}

	@Test
	void theOutlineListsDeclarationsInOrderWithTheirMembers() {
		OutlineNode root = SERVICES.outline(parse(FIFO)).orElseThrow();
		assertEquals("fifo", root.label());
		assertEquals(OutlineKind.POLICY, root.kind());
		assertEquals(List.of("slice", "thread", "core", "core states", "on new(t)", "on tick(t)", "on yield(t)",
				"on block(t)", "on unblock(t)", "on terminate(t)", "on schedule", "on enter_idle"),
				root.children().stream().map(OutlineNode::label).toList());
		OutlineNode thread = root.children().get(1);
		assertEquals(List.of("started"), thread.children().stream().map(OutlineNode::label).toList());
		assertEquals("time", thread.children().get(0).detail());
		OutlineNode states = root.children().get(3);
		assertEquals(List.of("active", "idle"), states.children().stream().map(OutlineNode::label).toList());
		OutlineNode block = root.children().get(7);
		assertEquals("on block(t) {", FIFO.substring(block.selectionOffset(), block.selectionOffset() + block.selectionLength()));
		assertTrue(FIFO.substring(block.offset(), block.offset() + block.length()).endsWith("t => blocked;\n\t}"));
	}

	@Test
	void aTextWithSyntaxErrorsStillHasAnOutlineUpToTheError() {
		String broken = FIFO.replace("on yield(t) {", "on yield(t) {{");
		OutlineNode root = SERVICES.outline(parse(broken)).orElseThrow();
		assertEquals("slice", root.children().get(0).label());
	}

	@Test
	void constantsAndTablesHaveHoversAndOutlineEntries() {
		String text = FIFO.replace("\tthread {", """
					// Weights by rank.
					const int weights[] = { 1024, 820, 655 };
					const time quantum = 4ms;
					thread {""").replace("on block(t) {", "on block(t) {\n\t\tt.started = quantum * weights[2];");
		XtextResource resource = parse(text);
		HoverInfo table = SERVICES.hover(resource, offsetOf(text, "weights[2]") + 1).orElseThrow();
		assertEquals("const int weights[]    // 3 elements, indexes 0 to 2", table.signature());
		assertEquals("Weights by rank.", table.documentation());
		HoverInfo scalar = SERVICES.hover(resource, offsetOf(text, "quantum * ") + 1).orElseThrow();
		assertEquals("const time quantum = 4ms", scalar.signature());
		HoverInfo log2 = SERVICES.hover(parse(text.replace("quantum * weights[2]", "log2(quantum)")),
				offsetOf(text, "quantum * weights[2]") + 1).orElseThrow();
		assertEquals("log2", log2.signature());
		OutlineNode root = SERVICES.outline(resource).orElseThrow();
		List<OutlineNode> constants = root.children().subList(1, 3);
		assertEquals(List.of("weights", "quantum"), constants.stream().map(OutlineNode::label).toList());
		assertEquals(List.of(OutlineKind.TABLE, OutlineKind.CONSTANT), constants.stream().map(OutlineNode::kind).toList());
		assertEquals(List.of("int[3]", "time"), constants.stream().map(OutlineNode::detail).toList());
	}
}
