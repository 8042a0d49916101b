package org.policy.verifier;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.policy.dsl.PolicyStandaloneSetup;
import org.policy.dsl.policy.Policy;
import org.policy.dsl.semantics.CompiledPolicy;

/**
 * Reads a policy file and compiles it for the interpreter, refusing a file with syntax or name errors
 * ({@code file:line:col: message} for each). The language's other static checks are the checker's job
 * ({@code policy check}); the verifier assumes a checked policy and reports run-time faults as such.
 */
public final class PolicySource {
	private static Injector injector;

	private PolicySource() {
	}

	/** A policy file could not be used; the message lists every problem, one {@code file:line:col: message} per line. */
	public static final class LoadException extends Exception {
		private static final long serialVersionUID = 1L;

		public LoadException(String message) {
			super(message);
		}
	}

	public static CompiledPolicy load(Path file) throws LoadException {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			throw new LoadException(file + ": no such file");
		} catch (IOException e) {
			throw new LoadException(file + ": cannot read: " + e.getMessage());
		}
		return parse(text, file.toString());
	}

	/** Parses policy text; {@code name} is used in messages and as the resource name. */
	public static CompiledPolicy parse(String text, String name) throws LoadException {
		XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("verify.policy"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		} catch (IOException e) {
			throw new LoadException(name + ": cannot read: " + e.getMessage());
		}
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Policy)) {
			throw new LoadException(errors(name, resource, name + ":1:1: not a policy"));
		}
		Policy policy = (Policy) resource.getContents().get(0);
		EcoreUtil2.resolveAll(policy);
		if (!resource.getErrors().isEmpty()) {
			throw new LoadException(errors(name, resource, null));
		}
		return CompiledPolicy.of(policy);
	}

	private static String errors(String name, Resource resource, String fallback) {
		List<String> lines = new ArrayList<>();
		for (Resource.Diagnostic d : resource.getErrors()) {
			lines.add(name + ":" + Math.max(1, d.getLine()) + ":" + Math.max(1, d.getColumn()) + ": " + d.getMessage());
		}
		if (lines.isEmpty() && fallback != null) {
			lines.add(fallback);
		}
		return String.join("\n", lines);
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}
}
