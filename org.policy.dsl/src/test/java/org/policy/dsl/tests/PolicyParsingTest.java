package org.policy.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policy.dsl.policy.DurationLiteral;
import org.policy.dsl.policy.Param;
import org.policy.dsl.policy.Policy;

@ExtendWith(InjectionExtension.class)
@InjectWith(PolicyInjectorProvider.class)
public class PolicyParsingTest {
	@Inject
	private ParseHelper<Policy> parseHelper;

	@Test
	public void parsesAndLinksTheCfsCwcPolicy() throws Exception {
		Policy policy = parseHelper.parse(Files.readString(Path.of("../policies/cfs_cwc.policy")));
		EcoreUtil2.resolveAll(policy);
		assertTrue(policy.eResource().getErrors().isEmpty(), () -> policy.eResource().getErrors().toString());
		assertEquals("cfs_cwc", policy.getName());
	}

	@Test
	public void durationsAreNanoseconds() throws Exception {
		Policy policy = parseHelper.parse("policy p { param time a = 250us; }");
		Param a = (Param) policy.getDeclarations().get(0);
		assertEquals(250_000L, ((DurationLiteral) a.getDefault()).getValue());
	}
}
