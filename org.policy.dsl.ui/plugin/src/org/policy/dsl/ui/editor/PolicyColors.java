package org.policy.dsl.ui.editor;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

/** The colours of the syntax highlighting, close to Eclipse's Java editor. */
final class PolicyColors {
	private PolicyColors() {
	}

	static final TextAttribute KEYWORD = new TextAttribute(new Color(new RGB(127, 0, 85)), null, SWT.BOLD);
	static final TextAttribute COMMENT = new TextAttribute(new Color(new RGB(63, 127, 95)));
	static final TextAttribute NUMBER = new TextAttribute(new Color(new RGB(0, 0, 192)));
	static final TextAttribute DEFAULT = new TextAttribute(null);
}
