package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.dsl.ide.tests.Policies.FIFO;
import static org.policy.dsl.ide.tests.Policies.offsetOf;

import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language server in this JVM, driven through its LSP interface as an editor would. */
class LanguageServerTest {

	@TempDir
	static Path workspace;

	static LanguageServerImpl server;
	static RecordingClient client;
	static InitializeResult initialized;

	@BeforeAll
	static void start() throws Exception {
		server = Guice.createInjector(new ServerModule()).getInstance(LanguageServerImpl.class);
		client = new RecordingClient();
		server.connect(client);
		initialized = server.initialize(Lsp.initializeParams(workspace)).get();
		server.initialized(new InitializedParams());
	}

	@AfterAll
	static void stop() throws Exception {
		server.shutdown().get();
	}

	/**
	 * Opens {@code text} as a new file of the workspace and returns its URI. Each test has its own folder
	 * (named {@code folder}), and the file is named after the policy, as the checks want.
	 */
	private static String open(String folder, String text) throws Exception {
		java.util.regex.Matcher name = java.util.regex.Pattern.compile("policy (\\w+)").matcher(text);
		name.find();
		Path file = Files.createDirectories(workspace.resolve(folder)).resolve(name.group(1) + ".policy");
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "policy", 1, text)));
		return uri;
	}

	@Test
	void theServerAdvertisesTheEditorFeatures() {
		var capabilities = initialized.getCapabilities();
		assertTrue(capabilities.getHoverProvider().getLeft());
		assertTrue(capabilities.getDefinitionProvider().getLeft());
		assertTrue(capabilities.getDocumentSymbolProvider().getLeft());
		assertTrue(capabilities.getDocumentFormattingProvider().getLeft());
		assertTrue(capabilities.getCodeActionProvider().getLeft());
		assertTrue(capabilities.getRenameProvider() != null);
		assertTrue(capabilities.getCompletionProvider() != null);
	}

	@Test
	void diagnosticsFollowTheTextAsItChanges() throws Exception {
		String broken = FIFO.replace("t.started = now;", "t.startd = now;");
		String uri = open("changing", broken);
		List<Diagnostic> diagnostics = client.diagnosticsFor(uri);
		assertEquals(1, diagnostics.size(), diagnostics::toString);
		Diagnostic unknown = diagnostics.get(0);
		assertEquals("unknown thread attribute 'startd'", unknown.getMessage().getLeft());
		assertEquals(Lsp.position(broken, offsetOf(broken, "startd")), unknown.getRange().getStart());

		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(FIFO))));
		assertEquals(List.of(), client.diagnosticsFor(uri));
	}

	@Test
	void textNestedTooDeeplyIsOneDiagnosticAtTheTokenThatCrossesTheLimit() throws Exception {
		String deep = FIFO.replace("t.started = now;", "t.started = now" + " + 1".repeat(100_000) + ";");
		String uri = open("deep", deep);
		List<Diagnostic> diagnostics = client.diagnosticsFor(uri);
		assertEquals(1, diagnostics.size(), diagnostics::toString);
		assertEquals("expression nested too deeply (more than 200 levels)", diagnostics.get(0).getMessage().getLeft());
		assertEquals(DiagnosticSeverity.Error, diagnostics.get(0).getSeverity());
		// the 197th '+': the if's block is at depth 3 (policy, handler, if), 't.' adds one, each '+' one
		int plus = offsetOf(deep, "now + 1") + 4 + 4 * 196;
		assertEquals(Lsp.position(deep, plus), diagnostics.get(0).getRange().getStart());
	}

	@Test
	void completionProposesTheThreadAttributes() throws Exception {
		String text = FIFO.replace("t.started = now;", "t. = now;");
		String uri = open("complete", text);
		Either<List<CompletionItem>, org.eclipse.lsp4j.CompletionList> result = server.getTextDocumentService()
				.completion(new CompletionParams(new TextDocumentIdentifier(uri), Lsp.position(text, offsetOf(text, "t. =") + 2)))
				.get();
		List<String> labels = result.getRight().getItems().stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.contains("started"), () -> labels + " " + result + " at " + Lsp.position(text, offsetOf(text, "t. =") + 2));
		assertTrue(!labels.contains("ready"), labels::toString);
	}

	@Test
	void hoverShowsTheDeclarationAndItsComment() throws Exception {
		String uri = open("hover", FIFO);
		Hover hover = server.getTextDocumentService()
				.hover(new HoverParams(new TextDocumentIdentifier(uri), Lsp.position(FIFO, offsetOf(FIFO, "slice) {") + 2)))
				.get();
		assertEquals("markdown", hover.getContents().getRight().getKind());
		assertEquals("```policy\nparam time slice = 4ms in [1ms, 100ms]\n```\n\nHow long a thread runs before it is preempted.",
				hover.getContents().getRight().getValue());
	}

	@Test
	void definitionJumpsFromAUseToTheDeclaration() throws Exception {
		String uri = open("definition", FIFO);
		Either<List<? extends Location>, List<? extends org.eclipse.lsp4j.LocationLink>> result = server.getTextDocumentService()
				.definition(new DefinitionParams(new TextDocumentIdentifier(uri), Lsp.position(FIFO, offsetOf(FIFO, "slice) {"))))
				.get();
		Location location = result.getLeft().get(0);
		assertEquals(uri, location.getUri());
		assertEquals(Lsp.position(FIFO, offsetOf(FIFO, "slice = 4ms")), location.getRange().getStart());
	}

	@Test
	void documentSymbolsAreTheOutline() throws Exception {
		String uri = open("symbols", FIFO);
		List<Either<org.eclipse.lsp4j.SymbolInformation, DocumentSymbol>> symbols = server.getTextDocumentService()
				.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get();
		assertEquals(1, symbols.size());
		DocumentSymbol policy = symbols.get(0).getRight();
		assertEquals("fifo", policy.getName());
		assertEquals(SymbolKind.Module, policy.getKind());
		DocumentSymbol block = policy.getChildren().stream().filter(s -> s.getName().equals("on block(t)")).findFirst().orElseThrow();
		assertEquals(SymbolKind.Event, block.getKind());
		assertEquals(Lsp.position(FIFO, offsetOf(FIFO, "on block(t)")), block.getSelectionRange().getStart());
		DocumentSymbol slice = policy.getChildren().get(0);
		assertEquals("slice", slice.getName());
		assertEquals("time", slice.getDetail());
		assertEquals(SymbolKind.Constant, slice.getKind());
	}

	@Test
	void formattingUsesTheEditorsIndentation() throws Exception {
		String cramped = "policy p { core { queue ready ordered by fifo; } on schedule { if(!empty(self.ready)){ first(self.ready)=>self.current; } } }";
		String uri = open("format", cramped);
		List<? extends TextEdit> edits = server.getTextDocumentService()
				.formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true))).get();
		assertEquals("""
				policy p {
				  core {
				    queue ready ordered by fifo;
				  }
				  on schedule {
				    if (!empty(self.ready)) {
				      first(self.ready) => self.current;
				    }
				  }
				}
				""", Lsp.apply(cramped, edits));
	}

	@Test
	void renameChangesTheDeclarationAndEveryUse() throws Exception {
		String uri = open("rename", FIFO);
		WorkspaceEdit edit = server.getTextDocumentService()
				.rename(new RenameParams(new TextDocumentIdentifier(uri), Lsp.position(FIFO, offsetOf(FIFO, "started = 0")), "since"))
				.get();
		List<TextEdit> edits = new java.util.ArrayList<>();
		if (edit.getChanges() != null) {
			edits.addAll(edit.getChanges().get(uri));
		} else {
			edit.getDocumentChanges().get(0).getLeft().getEdits().forEach(e -> edits.add(e.getLeft()));
		}
		assertEquals(FIFO.replace("started", "since"), Lsp.apply(FIFO, edits));
	}

	@Test
	void codeActionsOfferDidYouMeanForAnUnknownName() throws Exception {
		String broken = FIFO.replace("> slice)", "> slise)");
		String uri = open("actions", broken);
		List<Diagnostic> diagnostics = client.diagnosticsFor(uri);
		List<Either<Command, CodeAction>> actions = server.getTextDocumentService()
				.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), diagnostics.get(0).getRange(),
						new CodeActionContext(diagnostics)))
				.get();
		CodeAction fix = actions.get(0).getRight();
		assertEquals("Change to 'slice'", fix.getTitle());
		Map<String, List<TextEdit>> changes = fix.getEdit().getChanges();
		assertEquals(FIFO, Lsp.apply(broken, changes.get(uri)));
	}
}
