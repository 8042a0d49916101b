package org.policy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code policy --version}: the Maven project version, put into version.properties at build time. */
public final class VersionProvider implements IVersionProvider {

	@Override
	public String[] getVersion() {
		return new String[] { "policy " + version() };
	}

	/** The version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
	public static String version() {
		Properties properties = new Properties();
		try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
			if (in == null) {
				return "(unknown version)";
			}
			properties.load(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return properties.getProperty("version", "(unknown version)");
	}
}
