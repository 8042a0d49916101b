package org.policy.dsl.ide.outline;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * The language server's document symbols: the {@link PolicyOutline} tree. (Xtext's flat list for clients
 * without hierarchical symbols is derived from this one.)
 */
public class PolicyDocumentSymbols extends HierarchicalDocumentSymbolService {

	@Inject
	private PolicyOutline outline;

	@Override
	public List<DocumentSymbol> getSymbols(XtextResource resource, CancelIndicator cancelIndicator) {
		String text = resource.getParseResult() == null ? "" : resource.getParseResult().getRootNode().getText();
		return outline.outline(resource).map(root -> List.of(symbol(root, text))).orElse(List.of());
	}

	private static DocumentSymbol symbol(OutlineNode node, String text) {
		List<DocumentSymbol> children = new ArrayList<>();
		for (OutlineNode child : node.children()) {
			children.add(symbol(child, text));
		}
		DocumentSymbol symbol = new DocumentSymbol(node.label(), kind(node.kind()),
				range(text, node.offset(), node.length()), range(text, node.selectionOffset(), node.selectionLength()),
				node.detail().isEmpty() ? null : node.detail(), children);
		return symbol;
	}

	static SymbolKind kind(OutlineKind kind) {
		return switch (kind) {
			case POLICY -> SymbolKind.Module;
			case PARAM, CONSTANT -> SymbolKind.Constant;
			case TABLE -> SymbolKind.Array;
			case THREAD_ATTRIBUTES, CORE_ATTRIBUTES -> SymbolKind.Struct;
			case ATTRIBUTE -> SymbolKind.Field;
			case QUEUE, SHARED_QUEUE -> SymbolKind.Array;
			case CORE_STATES -> SymbolKind.Enum;
			case CORE_STATE, LEVEL -> SymbolKind.EnumMember;
			case TOPOLOGY -> SymbolKind.Namespace;
			case FUNCTION -> SymbolKind.Function;
			case HANDLER, BALANCE -> SymbolKind.Event;
		};
	}

	private static Range range(String text, int offset, int length) {
		return new Range(position(text, offset), position(text, offset + length));
	}

	private static Position position(String text, int offset) {
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < offset && i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new Position(line, offset - lineStart);
	}
}
