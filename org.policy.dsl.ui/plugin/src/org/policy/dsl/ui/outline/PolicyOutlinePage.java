package org.policy.dsl.ui.outline;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.policy.dsl.ide.outline.OutlineNode;
import org.policy.dsl.ui.editor.PolicyEditor;

/** The Outline view of a policy: the language's outline tree; selecting an entry shows it in the editor. */
public class PolicyOutlinePage extends ContentOutlinePage {

	private final PolicyEditor editor;
	private OutlineNode root;

	public PolicyOutlinePage(PolicyEditor editor) {
		this.editor = editor;
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer viewer = getTreeViewer();
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return input instanceof Object[] roots ? roots : new Object[0];
			}

			@Override
			public Object[] getChildren(Object parent) {
				return ((OutlineNode) parent).children().toArray();
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return !((OutlineNode) element).children().isEmpty();
			}
		});
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				OutlineNode node = (OutlineNode) element;
				return node.detail().isEmpty() ? node.label() : node.label() + " : " + node.detail();
			}
		});
		viewer.setInput(input(root));
		viewer.expandToLevel(2);
	}

	/** The viewer's input: an array holding the root (an input equal to an element confuses the viewer). */
	private static Object[] input(OutlineNode root) {
		return root == null ? new Object[0] : new Object[] { root };
	}

	/** Shows a new outline (null: nothing parsed yet). Call in the UI thread. */
	public void update(OutlineNode outline) {
		root = outline;
		TreeViewer viewer = getTreeViewer();
		if (viewer != null && !viewer.getControl().isDisposed()) {
			Object[] expanded = viewer.getExpandedElements();
			viewer.setInput(input(outline));
			viewer.expandToLevel(2);
			if (expanded.length > 2) {
				viewer.expandAll();
			}
		}
	}

	/** The outline shown, for tests. */
	public OutlineNode shown() {
		return root;
	}

	@Override
	public void selectionChanged(SelectionChangedEvent event) {
		super.selectionChanged(event);
		if (event.getSelection() instanceof IStructuredSelection selection
				&& selection.getFirstElement() instanceof OutlineNode node) {
			editor.selectAndReveal(node.selectionOffset(), node.selectionLength());
		}
	}
}
