package org.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.policy.cli.Cli.policy;
import static org.policy.cli.TestPolicies.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policy.cli.Cli.Result;

/** A flag given twice is a usage error naming it; options meant to repeat still repeat. */
class RepeatedOptionsTest {

	/** A policy with two parameters, so that setting both is allowed and setting one twice is not. */
	private static final String PARAMS = TestPolicies.CLEAN.replace("core {",
			"param int a = 1 in [0, 9];\n\tparam int b = 1 in [0, 9];\n\tcore {");

	@TempDir
	Path dir;

	private static Result usage(String command, String message) {
		return new Result(2, "", "policy: " + message + "\nTry 'policy " + command + " --help' for more information.\n");
	}

	@Test
	void aFlagOfOneValueGivenTwiceIsRefused() {
		Path p = write(dir, "p.policy", TestPolicies.CLEAN);
		String out = dir.resolve("out").toString();
		assertEquals(usage("simulate", "option '--cores' (N) should be specified only once"),
				policy("simulate", p.toString(), "--cores", "4", "--cores", "8", "--out", out));
		assertEquals(usage("simulate", "option '--cores' (N) should be specified only once"),
				policy("simulate", p.toString(), "-c", "4", "--cores=8", "--out", out));
		assertEquals(usage("verify", "option '--cores' (N) should be specified only once"),
				policy("verify", p.toString(), "--cores", "4", "--cores", "8"));
		assertEquals(usage("simulate", "option '--out' (DIR) should be specified only once"),
				policy("simulate", p.toString(), "--out", out, "--out", out));
		assertEquals(usage("check", "option '--werror' should be specified only once"),
				policy("check", "--werror", "--werror", p.toString()));
	}

	@Test
	void theSameParameterTwiceIsRefused() {
		Path p = write(dir, "p.policy", PARAMS);
		String out = dir.resolve("out").toString();
		assertEquals(usage("simulate", "--param: 'a' is given twice (a=2, then a=3); give each name once"),
				policy("simulate", p.toString(), "-p", "a=2", "--param", "a=3", "-d", "5ms", "--out", out));
		assertEquals(usage("compare", "--param: 'a' is given twice (a=2, then a = 3); give each name once"),
				policy("compare", p.toString(), "-p", "a=2", "-p", "a = 3", "-d", "5ms", "--out", out));
		assertEquals(usage("verify", "--param: 'b' is given twice (b=2, then b=2); give each name once"),
				policy("verify", p.toString(), "-p", "b=2", "--param", "b=2", "--cores", "1", "--threads", "1"));
	}

	@Test
	void differentParametersStillRepeat() {
		Path p = write(dir, "p.policy", PARAMS);
		Result r = policy("verify", p.toString(), "-p", "a=2", "--param", "b=3", "--cores", "1", "--threads", "1");
		assertEquals(0, r.status(), r.err());
		r = policy("simulate", p.toString(), "-p", "a=2", "-p", "b=3", "-d", "5ms", "--no-plots", "--out",
				dir.resolve("out").toString());
		assertEquals(0, r.status(), r.err());
	}
}
