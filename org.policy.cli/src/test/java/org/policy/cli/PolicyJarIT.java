package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.policy.cli.Cli.assertNoStackTrace;
import static org.policy.cli.TestPolicies.CLEAN;
import static org.policy.cli.TestPolicies.MISSING_BRACE;
import static org.policy.cli.TestPolicies.write;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.Cli.Result;

/** The shaded jar, run through bin/policy as a user would (failsafe runs this after `package`). */
class PolicyJarIT {

	private static final Path JAR = Path.of(System.getProperty("policy.jar", "target/policy.jar")).toAbsolutePath();
	private static final Path LAUNCHER = Path.of("../bin/policy").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	@Test
	void versionThroughTheLauncher() throws Exception {
		assertEquals(new Result(0, "policy " + System.getProperty("policy.expectedVersion") + "\n", ""),
				run(LAUNCHER.toString(), "--version"));
	}

	@Test
	void checkThroughTheLauncher() throws Exception {
		Path clean = write(dir, "clean.policy", CLEAN);
		Path broken = write(dir, "broken.policy", MISSING_BRACE);

		assertEquals(new Result(0, "", ""), run(LAUNCHER.toString(), "check", clean.toString()));
		assertEquals(new Result(1, broken + ":10:2: error: missing '}' at 'on'\n", ""),
				run(LAUNCHER.toString(), "check", clean.toString(), broken.toString()));
		assertEquals(new Result(2, "", ""
				+ "policy: missing required parameter: 'FILE'\n"
				+ "Try 'policy check --help' for more information.\n"), run(LAUNCHER.toString(), "check"));
	}

	@Test
	void theLauncherFollowsSymlinks() throws Exception {
		Path link = Files.createSymbolicLink(dir.resolve("policy"), LAUNCHER);
		Path linkToLink = Files.createSymbolicLink(Files.createDirectory(dir.resolve("bin")).resolve("p"),
				Path.of("../policy"));

		assertEquals(0, run(link.toString(), "--version").status());
		assertEquals(0, run(linkToLink.toString(), "--version").status());
	}

	@Test
	void theLauncherSaysHowToBuildAMissingJar() throws Exception {
		Path copy = Files.copy(LAUNCHER, Files.createDirectories(dir.resolve("repo/bin")).resolve("policy"));

		Result result = run(copy.toString(), "--version");

		assertEquals(2, result.status());
		assertEquals("", result.out());
		assertTrue(result.err().contains("mvn -B -q package -DskipTests"), result.err());
	}

	@Test
	void theJarMergesWhatXtextAndEmfNeed() throws IOException {
		try (JarFile jar = new JarFile(JAR.toFile())) {
			String pluginProperties = read(jar, "plugin.properties");
			for (String plugin : List.of("EMF Ecore", "EMF Common", "EMF XML/XMI Persistence", "Xtext Core")) {
				assertTrue(pluginProperties.contains("pluginName = " + plugin), plugin);
			}
			assertEquals("org.policy.cli.PolicyCommand", jar.getManifest().getMainAttributes().getValue("Main-Class"));
			assertTrue(jar.stream().noneMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")),
					"no signature files");
			assertEquals(null, jar.getEntry("log4j.properties"), "Xtext's log4j.properties logs to stdout");
		}
	}

	@Test
	void emfFindsItsMessagesInTheJar() throws Exception {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { JAR.toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			// Through the ResourceLocator interface: reflecting on EcorePlugin itself needs Eclipse's workspace classes.
			Object ecorePlugin = loader.loadClass("org.eclipse.emf.ecore.plugin.EcorePlugin").getField("INSTANCE").get(null);
			String message = (String) loader.loadClass("org.eclipse.emf.common.util.ResourceLocator")
					.getMethod("getString", String.class, Object[].class)
					.invoke(ecorePlugin, "_UI_DanglingReference_diagnostic", new Object[] { "f", "o", "r" });
			assertEquals("The feature 'f' of 'o' contains a dangling reference 'r'", message);
		}
	}

	private static String read(JarFile jar, String name) throws IOException {
		ZipEntry entry = jar.getEntry(name);
		assertNotNull(entry, name);
		return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
	}

	private Result run(String... command) throws Exception {
		Path out = Files.createTempFile(dir, "out", ".txt");
		Path err = Files.createTempFile(dir, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(out.toFile())
				.redirectError(err.toFile());
		builder.environment().remove("POLICY_DEBUG");
		builder.environment().remove("POLICY_JAVA_OPTS");
		Process process = builder.start();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
		Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
		assertNoStackTrace(result.out());
		assertNoStackTrace(result.err());
		assertFalse(result.err().contains("log4j"), result.err());
		return result;
	}
}
