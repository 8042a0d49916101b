package org.policy.dsl.ide.hover;

import com.google.inject.Inject;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/** The language server's hover: {@link PolicyHover} as Markdown. */
public class PolicyHoverService extends HoverService {

	@Inject
	private PolicyHover policyHover;

	@Override
	public Hover hover(Document document, XtextResource resource, HoverParams params, CancelIndicator cancelIndicator) {
		int offset = document.getOffSet(params.getPosition());
		return policyHover.hoverAt(resource, offset)
				.map(info -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, info.toMarkdown()),
						new Range(document.getPosition(info.offset()), document.getPosition(info.offset() + info.length()))))
				.orElse(IHoverService.EMPTY_HOVER);
	}
}
