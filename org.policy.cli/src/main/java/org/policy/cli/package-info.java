/**
 * The {@code policy} command: every subcommand (one class each), the one exit-status table
 * ({@link org.policy.cli.ExitStatus}), flag parsing and the messages of bad flags ({@link org.policy.cli.Flags},
 * {@code PolicyParams}), and the one handler that turns a failure into a message and a status.
 *
 * <p>Allowed dependencies: every feature module (dsl, dsl.ide, sim, verifier, generator), picocli and the
 * progress bar. Nothing depends on it but the fuzzer, which runs it.
 */
package org.policy.cli;
