package org.policy.dsl.load;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.policy.dsl.PolicyStandaloneSetup;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.dsl.semantics.PolicyTooLargeException;

/**
 * Turns policy text into a validated EMF resource: parses it, resolves its names and runs the
 * language's checks, and reports what they found as {@link Diagnostic}s. Every command that reads
 * policies (check, verify, simulate, generate) goes through here.
 */
public final class PolicyLoader {

	private static final Map<String, Object> LOAD_OPTIONS = Map.of(XtextResource.OPTION_ENCODING, "UTF-8");

	/** Creating the language's injector is the expensive part of start-up: do it once per process. */
	private static final class Language {
		static final Injector INJECTOR = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
	}

	private final Injector injector;

	public PolicyLoader() {
		this.injector = Language.INJECTOR;
	}

	/** Loads and validates one file. */
	public LoadedPolicy load(PolicyFile file) throws PolicyLoadException {
		return loadAll(List.of(file)).get(0);
	}

	/**
	 * Loads every file into one resource set, then validates each. A file named twice (even with
	 * different spellings of its path) is loaded once, under the first name it was given.
	 *
	 * @return one result per distinct file, in the order given
	 * @throws PolicyLoadException if a file cannot be read
	 */
	public List<LoadedPolicy> loadAll(List<PolicyFile> files) throws PolicyLoadException {
		Map<URI, PolicyFile> distinct = new LinkedHashMap<>();
		for (PolicyFile file : files) {
			distinct.putIfAbsent(uriOf(file), file);
		}
		ResourceSet set = newResourceSet();
		Map<String, Resource> loaded = new LinkedHashMap<>();
		Map<String, Diagnostic> undecodable = new LinkedHashMap<>();
		for (Map.Entry<URI, PolicyFile> entry : distinct.entrySet()) {
			PolicyFile file = entry.getValue();
			Resource resource = newResource(set, entry.getKey());
			byte[] bytes;
			try {
				bytes = Files.readAllBytes(file.path());
			} catch (IOException e) {
				throw new PolicyLoadException(file.name() + ": " + reason(e), e);
			}
			PolicyText.Decoded text = PolicyText.decode(file.name(), bytes);
			if (text.error() != null) {
				undecodable.put(file.name(), text.error());
			} else {
				parse(resource, text.text());
			}
			loaded.put(file.name(), resource);
		}
		List<LoadedPolicy> result = new ArrayList<>();
		loaded.forEach((name, resource) -> result.add(undecodable.containsKey(name)
				? new LoadedPolicy(name, resource, List.of(undecodable.get(name)))
				: validate(name, resource)));
		return result;
	}

	/** Loads and validates policy text that is not in a file (tests, editors); {@code name} labels it. */
	public LoadedPolicy loadText(String name, String text) {
		Resource resource = newResource(newResourceSet(),
				URI.createURI("inmemory:/").appendSegment(URI.encodeSegment(name, false)));
		PolicyText.Decoded decoded = PolicyText.decode(name, text.getBytes(StandardCharsets.UTF_8));
		if (decoded.error() != null) {
			return new LoadedPolicy(name, resource, List.of(decoded.error()));
		}
		parse(resource, decoded.text());
		return validate(name, resource);
	}

	/** Parses text already decoded by {@link PolicyText} (so without a byte-order mark). */
	private static void parse(Resource resource, String text) {
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), LOAD_OPTIONS);
		} catch (IOException e) {
			throw new UncheckedIOException(e); // cannot happen: the bytes are in memory
		}
	}

	private LoadedPolicy validate(String name, Resource resource) {
		List<Issue> issues = injector.getInstance(IResourceValidator.class)
				.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
		List<Diagnostic> diagnostics = new ArrayList<>();
		for (Issue issue : issues) {
			toDiagnostic(name, issue).ifPresent(diagnostics::add);
		}
		CompiledPolicy compiled = null;
		if (diagnostics.stream().noneMatch(Diagnostic::isError)
				&& !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Policy policy) {
			try {
				compiled = CompiledPolicy.of(policy);
				compiled.newInterpreter();
			} catch (PolicyTooLargeException e) {
				compiled = null;
				diagnostics.add(tooLarge(name, e));
			}
		}
		diagnostics.sort(Diagnostic.ORDER);
		return new LoadedPolicy(name, resource, diagnostics, compiled);
	}

	/**
	 * A policy free of errors that does not fit the limits of the JVM class it compiles to: found by
	 * compiling it (a few milliseconds; the tools that run it reuse that compilation), so that `check`
	 * says so as well as the tools that run it.
	 */
	private static Diagnostic tooLarge(String name, PolicyTooLargeException e) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(e.where());
		int line = node == null ? 1 : node.getStartLine();
		int column = node == null ? 1 : NodeModelUtils.getLineAndColumn(node, node.getOffset()).getColumn();
		return new Diagnostic(name, line, column, Severity.ERROR, e.getMessage());
	}

	private static Optional<Diagnostic> toDiagnostic(String name, Issue issue) {
		Severity severity = switch (issue.getSeverity()) {
			case ERROR -> Severity.ERROR;
			case WARNING -> Severity.WARNING;
			case INFO -> Severity.INFO;
			case IGNORE -> null;
		};
		if (severity == null) {
			return Optional.empty();
		}
		// Xtext's lines and columns are 1-based; an issue without a node has none.
		int line = Math.max(1, orOne(issue.getLineNumber()));
		int column = Math.max(1, orOne(issue.getColumn()));
		String message = issue.getMessage() == null ? "(no message)" : visible(issue.getMessage());
		return Optional.of(new Diagnostic(name, line, column, severity, message));
	}

	/**
	 * The message with control characters written as {@code \\u0001}: the parser quotes the input it
	 * stumbled on, and a raw control character would garble the terminal that prints it.
	 */
	static String visible(String message) {
		StringBuilder out = new StringBuilder(message.length());
		message.chars().forEach(c -> {
			if (Character.isISOControl(c) && c != '\n' && c != '\t') {
				out.append(String.format("\\u%04X", c));
			} else {
				out.append((char) c);
			}
		});
		return out.toString();
	}

	private static int orOne(Integer value) {
		return value == null ? 1 : value;
	}

	private ResourceSet newResourceSet() {
		return injector.getInstance(XtextResourceSet.class);
	}

	private Resource newResource(ResourceSet set, URI uri) {
		Resource resource = injector.getInstance(IResourceFactory.class).createResource(uri);
		set.getResources().add(resource);
		return resource;
	}

	private static URI uriOf(PolicyFile file) throws PolicyLoadException {
		try {
			return URI.createFileURI(file.path().toRealPath().toString());
		} catch (IOException e) {
			throw new PolicyLoadException(file.name() + ": " + reason(e), e);
		}
	}

	private static String reason(IOException e) {
		if (e instanceof NoSuchFileException) {
			return "no such file";
		}
		if (e instanceof AccessDeniedException) {
			return "permission denied";
		}
		return "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
	}
}
