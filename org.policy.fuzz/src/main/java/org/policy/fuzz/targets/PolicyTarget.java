package org.policy.fuzz.targets;

import java.util.List;
import java.util.Map;
import org.policy.dsl.load.Diagnostic;
import org.policy.dsl.load.LoadedPolicy;
import org.policy.dsl.load.PolicyLoader;
import org.policy.fuzz.FuzzInput;
import org.policy.fuzz.Kind;
import org.policy.fuzz.Observation;
import org.policy.fuzz.Target;

/**
 * Policy text through what every command does first, in-process (no files, no CLI: this is the kind
 * run by the million): parse, link and check with {@link PolicyLoader}, and compile what has no errors.
 * Every diagnostic must be positioned, and an exception a library caught and logged is the input's
 * exception ({@link LoggedErrors}).
 */
public final class PolicyTarget implements Target {
	/** The name the text is loaded under; diagnostics start with it. */
	public static final String NAME = "fuzz.policy";
	private final PolicyLoader loader = new PolicyLoader();
	private final LoggedErrors logged = LoggedErrors.attach();

	@Override
	public Kind kind() {
		return Kind.POLICY;
	}

	@Override
	public Observation run(FuzzInput input) {
		String text = input.content();
		logged.take(); // what earlier inputs or the set-up logged is not this input's
		LoadedPolicy loaded = loader.loadText(NAME, text);
		List<String> lines = loaded.diagnostics().stream().map(Diagnostic::format).toList();
		if (!loaded.hasErrors() && loaded.policy().isPresent()) {
			loaded.compile();
		}
		return new Observation(-1, "", "", lines, Map.of(NAME, text), logged.take(), false, List.of(), List.of());
	}
}
