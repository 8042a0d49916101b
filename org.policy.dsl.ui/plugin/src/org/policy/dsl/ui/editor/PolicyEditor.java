package org.policy.dsl.ui.editor;

import org.eclipse.ui.editors.text.TextEditor;

public class PolicyEditor extends TextEditor {
}
