package org.policy.cli.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 digests: run ids, derived seeds and the SPEC hash are functions of text, never of order or time. */
public final class RunIds {
	private RunIds() {
	}

	public static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("the JVM lacks SHA-256", e);
		}
	}

	public static String hex(String text, int chars) {
		return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8))).substring(0, chars);
	}

	/**
	 * The seed of replicate {@code replicate} at the workload coordinates: the first 63 bits of
	 * SHA-256(sweep seed, workload, cores, topology, replicate). The policy and its parameters are left
	 * out on purpose: every policy of a sweep meets the same random workload (common random numbers, so
	 * differences between policies are not sampling noise between workloads), and adding a policy or a
	 * parameter value changes no other run.
	 */
	public static long seed(long sweepSeed, String workload, int cores, String topology, int replicate) {
		byte[] h = sha256(String.join("\n", Long.toString(sweepSeed), workload, Integer.toString(cores), topology,
				Integer.toString(replicate)).getBytes(StandardCharsets.UTF_8));
		long v = 0;
		for (int i = 0; i < 8; i++) {
			v = (v << 8) | (h[i] & 0xff);
		}
		return v & Long.MAX_VALUE;
	}

	/** The SPEC's hash: of every run's id, in canonical order (each id covers everything its run depends on). */
	public static String specHash(List<String> ids) {
		return hex(String.join("\n", ids), 64);
	}
}
