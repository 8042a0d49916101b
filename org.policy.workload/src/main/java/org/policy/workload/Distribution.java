package org.policy.workload;

import java.util.SplittableRandom;

/**
 * A random duration around a mean: the {@code "policy-sim"} extension's way to make rt-app's fixed
 * durations vary. The mean is the rt-app value itself, so the same file runs unchanged under rt-app.
 *
 * @param kind   exponential, uniform or normal
 * @param spread for uniform: the half-width as a fraction of the mean (0.5 → [0.5·mean, 1.5·mean]);
 *               for normal: the standard deviation as a fraction of the mean; unused for exponential
 */
public record Distribution(Kind kind, double spread) {
	public enum Kind {
		EXPONENTIAL, UNIFORM, NORMAL
	}

	/** A duration in ns (≥ 0) drawn around {@code mean}. */
	public long sample(long mean, SplittableRandom random) {
		double value = switch (kind) {
			case EXPONENTIAL -> -mean * Math.log(1.0 - random.nextDouble());
			case UNIFORM -> mean * (1.0 - spread + 2.0 * spread * random.nextDouble());
			case NORMAL -> mean * (1.0 + spread * random.nextGaussian());
		};
		return value <= 0 ? 0 : Math.round(value);
	}
}
