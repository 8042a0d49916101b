/**
 * Fuzzing of every input the tools accept (policy text, rt-app workloads, traces, flag sets, LSP message
 * streams) against one oracle ({@link org.policy.fuzz.Oracle}); {@code policy fuzz} runs any number of
 * inputs (docs/fuzzing.md).
 *
 * <p>Allowed dependencies: {@code org.policy.cli} (it runs the real commands), the feature modules whose
 * inputs it builds (dsl, dsl.ide, sim) and picocli (for {@code policy fuzz}); its generators are plain
 * seeded Java, so that a run is reproducible from its seed and index.
 */
package org.policy.fuzz;
