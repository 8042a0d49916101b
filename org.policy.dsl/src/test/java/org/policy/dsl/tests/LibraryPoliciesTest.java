package org.policy.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.policy.dsl.policy.Policy;

/**
 * Every policy of the library ({@code policies/*.policy}) and of the tutorial
 * ({@code policies/tutorial/*.policy}) parses, links, and is named after its file.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class LibraryPoliciesTest {
	/** Tests run in the module directory, next to the library. */
	private static final Path LIBRARY = Path.of("../policies");
	private static final Path TUTORIAL = LIBRARY.resolve("tutorial");

	@Inject
	private ParseHelper<Policy> parseHelper;

	static List<Path> libraryPolicies() throws IOException {
		return policiesIn(LIBRARY);
	}

	static List<Path> tutorialPolicies() throws IOException {
		return policiesIn(TUTORIAL);
	}

	private static List<Path> policiesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".policy"))
					.sorted()
					.collect(Collectors.toList());
		}
	}

	@Test
	public void theLibraryHasAtLeastEightPolicies() throws IOException {
		List<Path> policies = libraryPolicies();
		assertTrue(policies.size() >= 8, () -> "only " + policies.size() + " policies in " + LIBRARY);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("libraryPolicies")
	public void libraryPolicyParsesAndLinks(Path file) throws Exception {
		parsesAndLinks(file);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tutorialPolicies")
	public void tutorialPolicyParsesAndLinks(Path file) throws Exception {
		parsesAndLinks(file);
	}

	private void parsesAndLinks(Path file) throws Exception {
		Policy policy = parseHelper.parse(Files.readString(file));
		assertNotNull(policy, () -> file + ": nothing parsed");
		EcoreUtil2.resolveAll(policy);
		List<Diagnostic> errors = policy.eResource().getErrors();
		assertTrue(errors.isEmpty(), () -> errors.stream()
				.map(error -> file + ":" + error.getLine() + ":" + error.getColumn() + ": " + error.getMessage())
				.collect(Collectors.joining("\n")));
		String fileName = file.getFileName().toString();
		assertEquals(fileName.substring(0, fileName.length() - ".policy".length()), policy.getName(),
				() -> file + ": the policy must be named after its file");
	}
}
