package org.policy.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.policy.dsl.semantics.Input;
import org.policy.dsl.typing.ValueType;

/** The one table of inputs, and the docs page that shows it. */
class InputTableTest {
	@Test
	void theSemanticsPageShowsTheTableTheToolsRead() throws IOException {
		String page = Files.readString(Path.of("../docs/semantics.md"));
		assertTrue(page.contains(Input.markdownTable()), "docs/semantics.md must contain, verbatim:\n" + Input.markdownTable());
	}

	@Test
	void inputsAreFoundByOwnerAndName() {
		assertEquals(Input.WEIGHT, Input.named(Input.Owner.THREAD, "weight").orElseThrow());
		assertTrue(Input.named(Input.Owner.CORE, "weight").isEmpty());
		assertEquals(ValueType.TIME, Input.named(Input.Owner.THREAD, "deadline").orElseThrow().type());
		assertEquals("id and capacity", Input.namesOf(Input.Owner.CORE));
	}
}
