/**
 * JMH benchmarks of the reference semantics: speed is measured here, never in tests.
 *
 * <p>Allowed dependencies: {@code org.policy.dsl} and JMH.
 */
package org.policy.bench;
