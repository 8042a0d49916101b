/**
 * The policy language: its grammar ({@code Policy.xtext}) and EMF model, scoping and types, the static
 * checks ({@code validation}), loading ({@code load}: the one place that reads a policy file and refuses
 * one with errors), and the reference semantics ({@code semantics}: what a policy means, the abstract
 * machine every tool runs or is tested against).
 *
 * <p>Allowed dependencies: Xtext (with EMF and its xbase library), ASM (the semantics compiles handlers to
 * bytecode) and the JDK. Every other module depends on this one; it depends on none of them, and it has
 * no command-line code.
 */
package org.policy.dsl;
