package org.policy.sim;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.PolicyStandaloneSetup;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;
import org.policy.sim.io.UnreadableInputException;

/**
 * Turns a policy file (or text) into a {@link CompiledPolicy}: parse, resolve, run the language's
 * checks, compile. The simulator only ever runs a policy without errors; errors come back as
 * {@code file:line:col: message} lines in a {@link PolicyException}.
 */
public final class PolicySource {
	private static final class Language {
		static final Injector INJECTOR = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
	}

	/** A policy could not be read or has errors; the message lists them, one per line. */
	public static final class PolicyException extends Exception {
		private static final long serialVersionUID = 1L;

		public PolicyException(String message) {
			super(message);
		}
	}

	private PolicySource() {
	}

	/**
	 * @throws UnreadableInputException when the file does not exist or cannot be read
	 * @throws PolicyException          when it has errors
	 */
	public static CompiledPolicy load(Path file) throws PolicyException, UnreadableInputException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw new UnreadableInputException(file + ": no such file");
		} catch (IOException e) {
			throw new UnreadableInputException(file + ": cannot read: " + e.getMessage());
		}
		return compile(file.toString(), new String(bytes, StandardCharsets.UTF_8));
	}

	/** Compiles policy text; {@code name} labels it in messages. */
	public static CompiledPolicy compile(String name, String text) throws PolicyException {
		Injector injector = Language.INJECTOR;
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		Resource resource = set.createResource(URI.createURI("inmemory:/" + URI.encodeSegment(
				name.endsWith(".policy") ? name : name + ".policy", false)));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
					Map.of(XtextResource.OPTION_ENCODING, "UTF-8"));
		} catch (IOException e) {
			throw new PolicyException(name + ": cannot read: " + e.getMessage());
		}
		List<Issue> issues = new ArrayList<>(injector.getInstance(IResourceValidator.class)
				.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl));
		issues.removeIf(i -> i.getSeverity() != org.eclipse.xtext.diagnostics.Severity.ERROR);
		issues.sort(Comparator.comparing((Issue i) -> i.getLineNumber() == null ? 0 : i.getLineNumber())
				.thenComparing(i -> i.getColumn() == null ? 0 : i.getColumn()));
		if (!issues.isEmpty() || resource.getContents().isEmpty()) {
			StringBuilder out = new StringBuilder();
			for (Issue i : issues) {
				out.append(out.length() == 0 ? "" : "\n").append(name).append(':')
						.append(i.getLineNumber() == null ? 1 : i.getLineNumber()).append(':')
						.append(i.getColumn() == null ? 1 : i.getColumn()).append(": error: ").append(i.getMessage());
			}
			throw new PolicyException(out.length() == 0 ? name + ": not a policy" : out.toString());
		}
		return CompiledPolicy.of((Policy) resource.getContents().get(0));
	}
}
