/**
 * Editor services for the policy language (content assist, hover, outline, formatting, quick fixes) and
 * the language server ({@code server}) that {@code policy lsp} runs.
 *
 * <p>Allowed dependencies: {@code org.policy.dsl}, Xtext's IDE support and LSP4J. No command-line code
 * (the {@code lsp} command lives in {@code org.policy.cli}).
 */
package org.policy.dsl.ide;
