package org.policy.dsl.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.dsl.policy.EventHandler;

class PolicyLoaderTest {

	private static final String CLEAN = """
			policy tiny {
				core { queue ready ordered by fifo; }
				on new(t) { t => self.ready; }
				on tick(t) { t => self.ready; }
				on yield(t) { t => self.ready; }
				on block(t) { t => blocked; }
				on unblock(t) { t => self.ready; }
				on terminate(t) { t => terminated; }
				on schedule { if (!empty(self.ready)) { first(self.ready) => self.current; } }
			}
			""";

	private final PolicyLoader loader = new PolicyLoader();

	@TempDir
	Path dir;

	@Test
	void aCleanPolicyGivesItsModelAndNoDiagnostics() {
		LoadedPolicy loaded = loader.loadText("tiny.policy", CLEAN);

		assertEquals(List.of(), loaded.diagnostics());
		assertFalse(loaded.hasErrors());
		assertEquals("tiny", loaded.policy().orElseThrow().getName());
		assertEquals(7, loaded.policy().orElseThrow().getDeclarations().stream()
				.filter(EventHandler.class::isInstance).count());
	}

	@Test
	void syntaxAndLinkingErrorsAreDiagnosticsInPositionOrder() {
		String text = CLEAN.replace("t => self.ready; }\n\ton tick", "t => self.redy; }\n\ton tick")
				.replace("on terminate(t) { t => terminated; }", "on terminate(t) { t => terminated; ");

		LoadedPolicy loaded = loader.loadText("tiny.policy", text);

		assertTrue(loaded.hasErrors());
		assertEquals(List.of(
				new Diagnostic("tiny.policy", 3, 24, Severity.ERROR, "unknown core attribute or queue 'redy'"),
				new Diagnostic("tiny.policy", 9, 2, Severity.ERROR, "missing '}' at 'on'")),
				loaded.diagnostics());
	}

	@Test
	void requireNoErrorsGivesACleanPolicyBack() throws Exception {
		LoadedPolicy loaded = loader.loadText("tiny.policy", CLEAN);

		assertEquals(loaded, loaded.requireNoErrors());
		assertEquals("tiny", loaded.model().getName());
		assertEquals("tiny", loaded.compile().name());
	}

	@Test
	void requireNoErrorsListsEveryErrorAndNoWarning() {
		String text = CLEAN.replace("t => self.ready; }\n\ton tick", "t => self.redy; }\n\ton tick")
				.replace("on terminate(t) { t => terminated; }", "on terminate(t) { t => terminated; ");

		InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
				() -> loader.loadText("tiny.policy", text).requireNoErrors());

		assertEquals("tiny.policy:3:24: error: unknown core attribute or queue 'redy'\n"
				+ "tiny.policy:9:2: error: missing '}' at 'on'", e.getMessage());
	}

	@Test
	void requireNoErrorsRefusesTextThatIsNoPolicyAtOneMessage() {
		InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
				() -> loader.loadText("empty.policy", "").requireNoErrors());

		assertTrue(e.getMessage().startsWith("empty.policy:1:1: error: "), e.getMessage());
	}

	@Test
	void theModelOfAPolicyWithErrorsIsNotHanded() {
		LoadedPolicy loaded = loader.loadText("tiny.policy", CLEAN.replace("self.ready; }\n\ton tick", "self.redy; }\n\ton tick"));

		assertThrows(IllegalStateException.class, loaded::model);
		assertThrows(IllegalStateException.class, loaded::compile);
	}

	@Test
	void filesLoadIntoOneResourceSetInTheOrderGiven() throws Exception {
		Path b = Files.writeString(dir.resolve("b.policy"), CLEAN);
		Path a = Files.writeString(dir.resolve("a.policy"), CLEAN.replace("policy tiny", "policy other"));

		List<LoadedPolicy> loaded = loader.loadAll(List.of(
				new PolicyFile("b.policy", b), new PolicyFile("a.policy", a), new PolicyFile("again", b)));

		assertEquals(List.of("b.policy", "a.policy"), loaded.stream().map(LoadedPolicy::name).toList());
		assertEquals("other", loaded.get(1).policy().orElseThrow().getName());
		assertTrue(loaded.get(0).resource().getResourceSet() == loaded.get(1).resource().getResourceSet());
	}

	@Test
	void aFileThatCannotBeReadIsALoadException() {
		PolicyLoadException e = assertThrows(PolicyLoadException.class,
				() -> loader.load(new PolicyFile("gone.policy", dir.resolve("gone.policy"))));
		assertEquals("gone.policy: no such file", e.getMessage());
	}

	@Test
	void theTextIsReadAsUtf8() {
		LoadedPolicy loaded = loader.loadText("tiny.policy", "// tâche, ordonnanceur\n" + CLEAN);

		assertEquals(List.of(), loaded.diagnostics());
	}

	@Test
	void aByteOrderMarkIsNoCharacterOfThePolicy() throws Exception {
		byte[] text = CLEAN.replace("t => self.ready; }\n\ton tick", "t => self.redy; }\n\ton tick")
				.getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[text.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(text, 0, withBom, 3, text.length);
		Path file = Files.write(dir.resolve("tiny.policy"), withBom);

		LoadedPolicy loaded = loader.load(new PolicyFile("tiny.policy", file));

		// the same position as without the mark
		assertEquals(List.of(new Diagnostic("tiny.policy", 3, 24, Severity.ERROR,
				"unknown core attribute or queue 'redy'")), loaded.diagnostics());
		assertEquals(List.of(), loader.loadText("tiny.policy", "\uFEFF" + CLEAN).diagnostics());
	}

	@Test
	void bytesThatAreNotUtf8AreOneErrorWhereTheyAre() throws Exception {
		byte[] text = ("policy tiny {\n  // caf" + "\u0000").getBytes(StandardCharsets.UTF_8);
		text[text.length - 1] = (byte) 0xE9; // Latin-1 'é'
		Path file = Files.write(dir.resolve("latin1.policy"), text);

		LoadedPolicy loaded = loader.load(new PolicyFile("latin1.policy", file));

		assertEquals(List.of(new Diagnostic("latin1.policy", 2, 9, Severity.ERROR,
				"the file is not UTF-8 text: byte 0xE9 cannot start or continue a character here")),
				loaded.diagnostics());
		assertTrue(loaded.policy().isEmpty());
	}

	@Test
	void aFileWithANulByteIsNotText() {
		LoadedPolicy loaded = loader.loadText("nul.policy", "policy tiny {\n\0\0\0");

		assertEquals(List.of(new Diagnostic("nul.policy", 2, 1, Severity.ERROR,
				"the file is not text: it contains a NUL byte")), loaded.diagnostics());
	}

	@Test
	void controlCharactersInMessagesAreWrittenAsEscapes() {
		LoadedPolicy loaded = loader.loadText("tiny.policy", CLEAN.replace("on tick(t) { t => self.ready; }",
				"on tick(t) { \u0001 t => self.ready; }"));

		assertEquals(List.of(new Diagnostic("tiny.policy", 4, 15, Severity.ERROR,
				"mismatched input '\\u0001' expecting '}'"),
				new Diagnostic("tiny.policy", 5, 2, Severity.ERROR, "missing EOF at 'on'")), loaded.diagnostics());
	}
}
