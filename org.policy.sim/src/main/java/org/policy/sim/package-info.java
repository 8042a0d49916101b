/**
 * The discrete-event multicore simulator: the engine ({@code engine}, which runs the reference semantics
 * of {@code org.policy.dsl.semantics}), rt-app workloads ({@code workload}), trace import ({@code trace}),
 * metrics ({@code metrics}), plots ({@code plot}) and the report; {@link org.policy.sim.Simulation} is its
 * entry point.
 *
 * <p>Allowed dependencies: {@code org.policy.dsl}, {@code org.policy.workload} (the rt-app model, which
 * {@code workload} flattens), Jackson, JFreeChart and JFreeSVG. No command-line code
 * (the {@code simulate}, {@code compare} and {@code simulate-bench} commands live in {@code org.policy.cli}).
 */
package org.policy.sim;
