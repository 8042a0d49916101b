package org.policy.fuzz.gen;

import java.util.SplittableRandom;
import org.policy.fuzz.FuzzInput;

/** Makes inputs of one kind from a random source; the same source state gives the same input. */
public interface Generator {
	FuzzInput next(SplittableRandom random);
}
