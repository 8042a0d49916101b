package org.policy.cli.sweep;

/**
 * The two-sided 95 % quantile of Student's t distribution for an integer number of degrees of freedom,
 * from the distribution's closed form for integer ν (Abramowitz and Stegun 26.7.3 and 26.7.4: a finite
 * sum in θ = atan(t/√ν)), inverted by bisection. Exact to double precision, and no dependency for one
 * number.
 */
public final class StudentT {
	private StudentT() {
	}

	/** t such that P(|T| ≤ t) = 0.95 for T with {@code df} ≥ 1 degrees of freedom (12.706 for 1, 2.228 for 10). */
	public static double quantile975(int df) {
		if (df < 1) {
			throw new IllegalArgumentException("degrees of freedom must be at least 1, not " + df);
		}
		double lo = 0;
		double hi = 1000;
		for (int i = 0; i < 200 && lo < hi; i++) {
			double mid = (lo + hi) / 2;
			if (mid == lo || mid == hi) {
				break;
			}
			if (centralProbability(mid, df) < 0.95) {
				lo = mid;
			} else {
				hi = mid;
			}
		}
		return hi;
	}

	/** A(t|ν) = P(|T| ≤ t). */
	static double centralProbability(double t, int df) {
		double theta = Math.atan(t / Math.sqrt(df));
		double c2 = Math.cos(theta) * Math.cos(theta);
		double s = Math.sin(theta);
		if (df % 2 == 1) {
			if (df == 1) {
				return 2 * theta / Math.PI;
			}
			// θ + sinθ cosθ (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + ... up to cos^(ν-3)θ)
			double term = 1;
			double sum = 1;
			for (int k = 2; k <= df - 3; k += 2) {
				term *= c2 * k / (k + 1);
				sum += term;
			}
			return 2 / Math.PI * (theta + s * Math.cos(theta) * sum);
		}
		// sinθ (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + ... up to cos^(ν-2)θ)
		double term = 1;
		double sum = 1;
		for (int k = 1; k <= df - 3; k += 2) {
			term *= c2 * k / (k + 1);
			sum += term;
		}
		return s * sum;
	}
}
