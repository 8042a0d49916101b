/**
 * Work-conservation checking by exhaustive exploration of the reference semantics
 * ({@link org.policy.verifier.Verifier#verify}), with counterexamples ({@code report}: as text and as an
 * rt-app workload the simulator replays).
 *
 * <p>Allowed dependencies: {@code org.policy.dsl}, {@code org.policy.workload} (the rt-app model the
 * counterexample files are written with) and the JDK. No command-line code (the {@code verify}
 * command lives in {@code org.policy.cli}).
 */
package org.policy.verifier;
