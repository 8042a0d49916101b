package org.policy.generator;

import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.policy.dsl.PolicyStandaloneSetup;
import org.policy.dsl.policy.Policy;

/**
 * Loads a policy file and runs the language's checks on it. A policy with errors is refused with
 * every error as {@code file:line:col: message}: the generator only ever sees checked models.
 */
public final class PolicyFiles {
	private static Injector injector;

	private PolicyFiles() {
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/**
	 * @throws GeneratorException listing the errors, or saying why the file cannot be read
	 */
	public static Policy load(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new GeneratorException(file + ": no such policy file");
		}
		XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
		Resource resource = set.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
		EcoreUtil2.resolveAll(resource);
		IResourceValidator validator = ((XtextResource) resource).getResourceServiceProvider().getResourceValidator();
		List<String> errors = new ArrayList<>();
		for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
			if (issue.getSeverity() == Severity.ERROR) {
				errors.add(file + ":" + issue.getLineNumber() + ":" + issue.getColumn() + ": " + issue.getMessage());
			}
		}
		if (!errors.isEmpty() || resource.getContents().isEmpty()
				|| !(resource.getContents().get(0) instanceof Policy)) {
			throw new GeneratorException(errors.isEmpty() ? file + ": not a policy" : String.join("\n", errors));
		}
		return (Policy) resource.getContents().get(0);
	}
}
