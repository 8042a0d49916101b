package org.policy.dsl.ide.editor;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.TextRegion;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.ide.PolicyIdeSetup;
import org.policy.dsl.ide.hover.HoverInfo;
import org.policy.dsl.ide.hover.PolicyHover;
import org.policy.dsl.ide.outline.OutlineNode;
import org.policy.dsl.ide.outline.PolicyOutline;
import org.policy.dsl.ide.quickfix.Edit;
import org.policy.dsl.ide.quickfix.Fix;
import org.policy.dsl.ide.quickfix.PolicyQuickFixes;

/**
 * Everything an editor needs from the language, on plain text and offsets, with no LSP and no Eclipse
 * types: parse, check, complete, hover, outline, quick fixes, format. The Eclipse plugin is a thin
 * adapter over this class; the language server uses the same services through Xtext's LSP layer
 * (bound in {@link org.policy.dsl.ide.PolicyIdeModule}). Thread-safe: every call works on the resource it
 * is given, and {@link #parse} makes a new one each time.
 */
public class PolicyEditorServices {

	@Inject
	private Provider<XtextResourceSet> resourceSets;
	@Inject
	private Provider<XtextResource> resources;
	@Inject
	private IResourceValidator validator;
	@Inject
	private Provider<ContentAssistContextFactory> contextFactories;
	@Inject
	private IdeContentProposalProvider proposals;
	@Inject
	private Provider<IdeContentProposalAcceptor> acceptors;
	@Inject
	private ExecutorService executor;
	@Inject
	private PolicyHover hover;
	@Inject
	private PolicyOutline outline;
	@Inject
	private PolicyQuickFixes quickFixes;
	@Inject
	private Provider<IFormatter2> formatters;
	@Inject
	private Provider<FormatterRequest> formatterRequests;
	@Inject
	private TextRegionAccessBuilder regionAccess;
	@Inject
	private IGrammarAccess grammar;

	/** The services of the policy language (registers it with EMF, once per JVM is enough). */
	public static PolicyEditorServices create() {
		Injector injector = new PolicyIdeSetup().createInjectorAndDoEMFRegistration();
		return injector.getInstance(PolicyEditorServices.class);
	}

	/** The keywords of the language that are words ({@code policy}, {@code on}, {@code blocked}, ...), sorted. */
	public SortedSet<String> keywords() {
		SortedSet<String> words = new TreeSet<>();
		for (String keyword : GrammarUtil.getAllKeywords(grammar.getGrammar())) {
			if (Character.isLetter(keyword.charAt(0))) {
				words.add(keyword);
			}
		}
		return words;
	}

	/** Parses {@code text} as the policy at {@code uri} (any URI ending in {@code .policy}). */
	public XtextResource parse(String uri, String text) {
		// The resource comes from this injector, not from EMF's global registry: another injector of the
		// language (say, a language server in the same JVM) may have registered itself there since, and
		// content assist needs the resource parsed with this injector's grammar.
		XtextResourceSet resourceSet = resourceSets.get();
		XtextResource resource = resources.get();
		resource.setURI(URI.createURI(uri));
		resourceSet.getResources().add(resource);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
					Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return resource;
	}

	/** Syntax errors, unresolved names and every check of the language, in document order. */
	public List<Issue> check(XtextResource resource) {
		List<Issue> issues = new ArrayList<>(validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl));
		issues.sort((a, b) -> Integer.compare(offset(a), offset(b)));
		return issues;
	}

	/** Completion proposals at {@code offset} of {@code text} (the text {@code resource} was parsed from). */
	public List<ContentAssistEntry> complete(XtextResource resource, String text, int offset) {
		ContentAssistContextFactory factory = contextFactories.get();
		factory.setPool(executor);
		ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
		IdeContentProposalAcceptor acceptor = acceptors.get();
		proposals.createProposals(Arrays.asList(contexts), acceptor);
		List<ContentAssistEntry> entries = new ArrayList<>();
		acceptor.getEntries().forEach(entries::add);
		return entries;
	}

	public Optional<HoverInfo> hover(XtextResource resource, int offset) {
		return hover.hoverAt(resource, offset);
	}

	public Optional<OutlineNode> outline(XtextResource resource) {
		return outline.outline(resource);
	}

	public boolean hasFixes(String issueCode) {
		return quickFixes.handles(issueCode);
	}

	public List<Fix> fixes(XtextResource resource, Issue issue) {
		return quickFixes.fixes(resource, issue.getCode(), offset(issue), issue.getLength() == null ? 0 : issue.getLength(),
				issue.getData());
	}

	public List<Fix> fixes(XtextResource resource, String issueCode, int offset, int length, String[] data) {
		return quickFixes.fixes(resource, issueCode, offset, length, data);
	}

	/**
	 * The edits that give the policy its standard layout (see
	 * {@link org.policy.dsl.ide.formatting.PolicyFormatter}); none for a text with syntax errors, whose
	 * structure is not known.
	 */
	public List<Edit> format(XtextResource resource) {
		ITextRegionAccess access = regionAccess.forNodeModel(resource).create();
		if (access.hasSyntaxError()) {
			return List.of();
		}
		FormatterRequest request = formatterRequests.get();
		request.setAllowIdentityEdits(false);
		request.setFormatUndefinedHiddenRegionsOnly(false);
		request.setTextRegionAccess(access);
		MapBasedPreferenceValues preferences = new MapBasedPreferenceValues();
		preferences.put("indentation", "\t");
		request.setPreferences(preferences);
		return formatters.get().format(request).stream()
				.map(r -> new Edit(r.getOffset(), r.getLength(), r.getReplacementText())).toList();
	}

	/** {@code text} in the standard layout (unchanged if it has syntax errors). */
	public String formatted(String text) {
		XtextResource resource = parse("inmemory:/formatted.policy", text);
		return new Fix("format", format(resource)).applyTo(text);
	}

	private static int offset(Issue issue) {
		return issue.getOffset() == null ? 0 : issue.getOffset();
	}
}
