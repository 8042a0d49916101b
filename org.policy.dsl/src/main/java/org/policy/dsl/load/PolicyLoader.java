package org.policy.dsl.load;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.PolicyStandaloneSetup;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;

/**
 * Text to checked model: parses a policy, links it, runs every static check, and positions each
 * finding. Every tool that reads a policy file (check, verify, simulate, generate) goes through here,
 * so they all accept and reject exactly the same files.
 */
public final class PolicyLoader {
	private static Injector injector;

	/** A loaded policy: its model (null when it did not parse at all) and what the checks found. */
	public record Loaded(String file, Policy policy, List<Diagnostic> diagnostics) {
		public boolean hasErrors() {
			return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
		}

		/** The policy ready to run; only for a policy without errors. */
		public CompiledPolicy compile() {
			if (policy == null || hasErrors()) {
				throw new IllegalStateException(file + " has errors; check it first");
			}
			return CompiledPolicy.of(policy);
		}
	}

	private PolicyLoader() {
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/**
	 * Loads and checks a file.
	 *
	 * @param displayName how diagnostics name the file (as the user typed it)
	 * @throws IOException when the file cannot be read
	 */
	public static Loaded load(Path file, String displayName) throws IOException {
		return load(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().toString(), displayName);
	}

	/** Loads and checks policy text; {@code uriPath} names the resource (its file name matters to checks). */
	public static Loaded load(String text, String uriPath, String displayName) throws IOException {
		Injector in = injector();
		XtextResourceSet set = in.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createFileURI(uriPath));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		List<Issue> issues = in.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
				CancelIndicator.NullImpl);
		List<Diagnostic> diagnostics = new ArrayList<>();
		for (Issue issue : issues) {
			diagnostics.add(new Diagnostic(displayName, orOne(issue.getLineNumber()), orOne(issue.getColumn()),
					severity(issue), issue.getMessage()));
		}
		Collections.sort(diagnostics);
		Policy policy = resource.getContents().isEmpty() ? null : (Policy) resource.getContents().get(0);
		return new Loaded(displayName, policy, List.copyOf(diagnostics));
	}

	private static int orOne(Integer value) {
		return value == null || value < 1 ? 1 : value;
	}

	private static Diagnostic.Severity severity(Issue issue) {
		return switch (issue.getSeverity()) {
			case ERROR -> Diagnostic.Severity.ERROR;
			case WARNING -> Diagnostic.Severity.WARNING;
			default -> Diagnostic.Severity.INFO;
		};
	}
}
