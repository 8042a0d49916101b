package org.policy.dsl.ui.editor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.policy.dsl.ide.hover.HoverInfo;
import org.policy.dsl.ui.PolicyUiPlugin;

/** Hover: the problems at the mouse (if any), then what the language says about the name or keyword there. */
final class PolicyTextHover implements ITextHover {

	private final PolicyEditor editor;
	private final ISourceViewer viewer;

	PolicyTextHover(PolicyEditor editor, ISourceViewer viewer) {
		this.editor = editor;
		this.viewer = viewer;
	}

	@Override
	public String getHoverInfo(ITextViewer textViewer, IRegion region) {
		List<String> parts = new ArrayList<>(problemsAt(region.getOffset()));
		hover(textViewer, region.getOffset()).ifPresent(info -> parts.add(info.toPlainText()));
		return parts.isEmpty() ? null : String.join("\n\n", parts);
	}

	@Override
	public IRegion getHoverRegion(ITextViewer textViewer, int offset) {
		return hover(textViewer, offset).map(info -> (IRegion) new Region(info.offset(), info.length()))
				.orElse(new Region(offset, 0));
	}

	private java.util.Optional<HoverInfo> hover(ITextViewer textViewer, int offset) {
		return PolicyUiPlugin.services().hover(PolicyUiPlugin.services().parse(editor.uri(), textViewer.getDocument().get()),
				offset);
	}

	private List<String> problemsAt(int offset) {
		List<String> messages = new ArrayList<>();
		IAnnotationModel model = viewer.getAnnotationModel();
		if (model == null) {
			return messages;
		}
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation annotation = it.next();
			Position position = model.getPosition(annotation);
			if (annotation instanceof MarkerAnnotation && position != null && position.includes(offset)
					&& annotation.getText() != null) {
				messages.add(annotation.getText());
			}
		}
		return messages;
	}
}
