package org.policy.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.commands.PolicyConsole;
import org.policy.dsl.ui.commands.PolicyTool;
import org.policy.dsl.ui.editor.PolicyEditor;
import org.policy.dsl.ui.markers.PolicyMarkers;
import org.policy.dsl.ui.outline.PolicyOutlinePage;
import org.policy.dsl.ui.preferences.PolicyPreferences;
import org.policy.dsl.ui.quickfix.PolicyMarkerResolutionGenerator;

/**
 * The editor in a real Eclipse workbench: a project with a policy that has a mistake, opened in the
 * policy editor; the problem marker, completion, hover, outline and quick fix as a user meets them, and a
 * screenshot of it all in target/screenshots/editor.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyEditorWorkbenchTest {

	/**
	 * A small policy; the test misspells one attribute in it. The language server's tests use the same
	 * file (org.policy.dsl.ide/src/test/resources; this build's pom passes its path).
	 */
	static final String POLICY = fixture();
	static final String BROKEN = POLICY.replace("t.started = now;", "t.startd = now;");

	private static String fixture() {
		try {
			return Files.readString(Path.of(System.getProperty("policy.fixture")));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static IFile file;
	static PolicyEditor editor;

	@BeforeAll
	static void openThePolicyInTheWorkbench() throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("demo");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		file = project.getFile("fifo.policy");
		file.create(new ByteArrayInputStream(BROKEN.getBytes(StandardCharsets.UTF_8)), true, null);

		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		Shell shell = page.getWorkbenchWindow().getShell();
		shell.setBounds(shell.getDisplay().getBounds()); // Xvfb has no window manager to maximise it
		page.showView(IPageLayout.ID_PROJECT_EXPLORER);
		page.showView(IPageLayout.ID_OUTLINE);
		page.showView(IPageLayout.ID_PROBLEM_VIEW);
		IEditorPart part = IDE.openEditor(page, file);
		assertInstanceOf(PolicyEditor.class, part, "*.policy opens in the policy editor");
		editor = (PolicyEditor) part;
	}

	private static List<IMarker> problems(String type, int severity) {
		try {
			return Arrays.stream(file.findMarkers(type, true, IResource.DEPTH_ZERO))
					.filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == severity).toList();
		} catch (CoreException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	@Order(1)
	void theMisspeltAttributeIsAnErrorMarkerAtItsLine() {
		Ui.waitUntil("the error marker", 60, () -> !problems(PolicyMarkers.CHECK, IMarker.SEVERITY_ERROR).isEmpty());
		IMarker marker = problems(PolicyMarkers.CHECK, IMarker.SEVERITY_ERROR).get(0);
		assertEquals("unknown thread attribute 'startd'", marker.getAttribute(IMarker.MESSAGE, ""));
		int line = 1 + (int) BROKEN.substring(0, BROKEN.indexOf("startd")).chars().filter(c -> c == '\n').count();
		assertEquals(line, marker.getAttribute(IMarker.LINE_NUMBER, -1));
		assertEquals(BROKEN.indexOf("startd"), marker.getAttribute(IMarker.CHAR_START, -1));
	}

	@Test
	@Order(2)
	void contentAssistAfterAThreadProposesItsAttributes() {
		ISourceViewer viewer = editor.viewer();
		int offset = BROKEN.indexOf("t.startd") + 2;
		ICompletionProposal[] proposals = editor.configuration().completionProcessor()
				.computeCompletionProposals(viewer, offset);
		List<String> shown = Arrays.stream(proposals).map(ICompletionProposal::getDisplayString).toList();
		assertTrue(shown.stream().anyMatch(p -> p.startsWith("started")), shown::toString);
		assertTrue(shown.stream().noneMatch(p -> p.startsWith("ready")), "a core queue is no thread attribute: " + shown);
	}

	@Test
	@Order(3)
	void hoverShowsTheDeclarationAndItsComment() {
		ISourceViewer viewer = editor.viewer();
		ITextHover hover = editor.configuration().getTextHover(viewer, IDocument.DEFAULT_CONTENT_TYPE);
		int offset = BROKEN.indexOf("slice) {") + 1;
		String text = hover.getHoverInfo(viewer, hover.getHoverRegion(viewer, offset));
		assertEquals("param time slice = 4ms in [1ms, 100ms]\n\nHow long a thread runs before it is preempted.", text);
	}

	@Test
	@Order(4)
	void theOutlineViewShowsTheDeclarations() {
		PolicyOutlinePage outline = (PolicyOutlinePage) editor.getAdapter(IContentOutlinePage.class);
		Ui.waitUntil("the outline", 30, () -> outline.shown() != null && outline.getControl() != null);
		Tree tree = (Tree) outline.getControl();
		assertEquals("fifo : policy", tree.getItem(0).getText());
		List<String> children = Arrays.stream(tree.getItem(0).getItems()).map(i -> i.getText()).toList();
		assertEquals("slice : time", children.get(0));
		assertTrue(children.contains("on block(t)"), children::toString);
	}

	@Test
	@Order(5)
	void screenshotWithTheProblemAndTheCompletionPopup() throws Exception {
		editor.setFocus();
		editor.selectAndReveal(BROKEN.indexOf("t.startd") + 2, 0);
		editor.viewer().getTextOperationTarget().doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
		Ui.settle(1500);
		Path png = Ui.screenshot("editor.png");
		assertTrue(Files.size(png) > 10_000, "a real picture: " + png);
		Shell popup = Arrays.stream(editor.viewer().getTextWidget().getDisplay().getShells())
				.filter(s -> s != editor.getSite().getShell() && s.isVisible()).findFirst().orElse(null);
		assertTrue(popup != null, "the completion popup is open");
		popup.close();
		Ui.settle(200);
	}

	@Test
	@Order(6)
	void theQuickFixCorrectsTheNameAndTheMarkerGoes() {
		IMarker marker = problems(PolicyMarkers.CHECK, IMarker.SEVERITY_ERROR).get(0);
		assertTrue(new PolicyMarkerResolutionGenerator().hasResolutions(marker));
		IMarkerResolution[] resolutions = new PolicyMarkerResolutionGenerator().getResolutions(marker);
		assertEquals("Change to 'started'", resolutions[0].getLabel());
		resolutions[0].run(marker);
		assertEquals(POLICY, editor.document().get(), "the fix went into the open editor");
		assertTrue(editor.isDirty(), "as an unsaved change");
		Ui.waitUntil("the error marker to go", 60, () -> problems(PolicyMarkers.CHECK, IMarker.SEVERITY_ERROR).isEmpty());
		editor.doSave(null);
	}

	@Test
	@Order(7)
	void formatGivesTheStandardLayout() {
		IDocument document = editor.document();
		document.set(POLICY.replace("\tcore states { active, idle }", "  core states{active,idle}"));
		editor.format();
		assertEquals(POLICY, document.get());
		editor.doSave(null);
	}

	@Test
	@Order(8)
	void theCheckCommandOfThePolicyMenuReportsToTheConsole() throws Exception {
		editor.setFocus();
		IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
		handlers.executeCommand("org.policy.dsl.ui.check", null);
		TextConsole console = (TextConsole) PolicyConsole.get();
		Ui.waitUntil("the check report", 30,
				() -> console.getDocument().get().contains("policy check fifo.policy: 0 error(s)"));
	}

	@Test
	@Order(9)
	void verifyRunsThePolicyCommandAndItsErrorsBecomeMarkers() throws Exception {
		// A stand-in for bin/policy that reports a counterexample the way the toolchain does.
		Path tool = Files.createTempFile("policy", ".sh", PosixFilePermissions.asFileAttribute(
				PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.writeString(tool, "#!/bin/sh\necho \"$2:16:2: error: not work-conserving: core 1 idles while core 0 has 2 threads ($1)\"\nexit 1\n");
		PolicyUiPlugin.get().getPreferenceStore().setValue(PolicyPreferences.COMMAND, tool.toString());

		Job job = PolicyTool.schedule("verify", file);
		Ui.waitUntil("policy verify", 60, () -> job.getResult() != null);
		List<IMarker> markers = problems(PolicyMarkers.TOOL, IMarker.SEVERITY_ERROR);
		assertEquals(1, markers.size());
		assertEquals("not work-conserving: core 1 idles while core 0 has 2 threads (verify)",
				markers.get(0).getAttribute(IMarker.MESSAGE, ""));
		assertEquals(16, markers.get(0).getAttribute(IMarker.LINE_NUMBER, -1));
		IConsole console = PolicyConsole.get();
		assertTrue(Arrays.asList(ConsolePlugin.getDefault().getConsoleManager().getConsoles()).contains(console));
		Ui.waitUntil("the console output", 30,
				() -> ((TextConsole) console).getDocument().get().contains("policy verify exited with status 1"));
	}
}
