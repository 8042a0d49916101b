package org.policy.dsl.load;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A policy file to load.
 *
 * @param name the name to show in diagnostics: the path as the user typed it
 * @param path where to read it
 */
public record PolicyFile(String name, Path path) {

	public PolicyFile {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(path, "path");
	}

	public static PolicyFile of(String name) {
		return new PolicyFile(name, Path.of(name));
	}
}
