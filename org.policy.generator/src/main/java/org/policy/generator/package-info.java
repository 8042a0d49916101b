/**
 * The Linux kernel C generator ({@link org.policy.generator.Generator}): a checked policy model becomes
 * {@code <policy>.c} against {@code kernel-runtime/}, with its Kbuild file and Makefile.
 *
 * <p>Allowed dependencies: {@code org.policy.dsl} and the JDK. No command-line code (the {@code generate}
 * command lives in {@code org.policy.cli}).
 */
package org.policy.generator;
