package org.policy.cli;

/**
 * A subcommand contributed by a module the CLI does not depend on, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/org.policy.cli.ExtraCommand} file) when that module is on the class path. The
 * fuzzer ({@code org.policy.fuzz}, {@code policy fuzz}) is one: it runs the CLI in-process, so the CLI cannot
 * depend on it, and as a developer tool it stays out of the shipped jar ({@code bin/policy fuzz} adds it).
 * The class must be a picocli {@code @Command} with a public no-argument constructor.
 */
public interface ExtraCommand {
}
