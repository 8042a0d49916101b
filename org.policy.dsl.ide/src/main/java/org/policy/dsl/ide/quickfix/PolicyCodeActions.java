package org.policy.dsl.ide.quickfix;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;

/** The language server's quick fixes: {@link PolicyQuickFixes} for each diagnostic the client sends back. */
public class PolicyCodeActions implements ICodeActionService2 {

	@Inject
	private PolicyQuickFixes quickFixes;

	@Override
	public List<Either<Command, CodeAction>> getCodeActions(Options options) {
		List<String> only = options.getCodeActionParams().getContext().getOnly();
		if (only != null && !only.isEmpty() && !only.contains(CodeActionKind.QuickFix)) {
			return List.of();
		}
		List<Either<Command, CodeAction>> actions = new ArrayList<>();
		for (Diagnostic diagnostic : options.getCodeActionParams().getContext().getDiagnostics()) {
			String code = diagnostic.getCode() == null ? null : diagnostic.getCode().getLeft();
			if (!quickFixes.handles(code)) {
				continue;
			}
			actions.addAll(options.getLanguageServerAccess().doSyncRead(options.getURI(), context -> {
				Document document = context.getDocument();
				int start = document.getOffSet(diagnostic.getRange().getStart());
				int end = document.getOffSet(diagnostic.getRange().getEnd());
				List<Either<Command, CodeAction>> found = new ArrayList<>();
				for (Fix fix : quickFixes.fixes((org.eclipse.xtext.resource.XtextResource) context.getResource(), code, start, end - start, data(diagnostic))) {
					found.add(Either.forRight(toCodeAction(fix, diagnostic, document, options.getURI())));
				}
				return found;
			}));
		}
		return actions;
	}

	private static CodeAction toCodeAction(Fix fix, Diagnostic diagnostic, Document document, String uri) {
		List<TextEdit> edits = new ArrayList<>();
		for (Edit edit : fix.edits()) {
			edits.add(new TextEdit(new Range(document.getPosition(edit.offset()),
					document.getPosition(edit.offset() + edit.length())), edit.text()));
		}
		CodeAction action = new CodeAction(fix.label());
		action.setKind(CodeActionKind.QuickFix);
		action.setDiagnostics(List.of(diagnostic));
		action.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
		return action;
	}

	/** The issue data Xtext put into the diagnostic (a string array, as JSON after a round trip). */
	private static String[] data(Diagnostic diagnostic) {
		Object data = diagnostic.getData();
		if (data instanceof String[] strings) {
			return strings;
		}
		if (data instanceof com.google.gson.JsonArray array) {
			String[] strings = new String[array.size()];
			for (int i = 0; i < array.size(); i++) {
				strings[i] = array.get(i).isJsonPrimitive() ? array.get(i).getAsString() : array.get(i).toString();
			}
			return strings;
		}
		return null;
	}
}
