/**
 * Workloads as files: the rt-app model ({@link org.policy.workload.RtAppFile}, its tasks, phases and
 * typed {@link org.policy.workload.Step}s, with the one rule of which steps block), its reader (positioned
 * errors and warnings) and its writer, on Jackson's streaming API. The simulator flattens the model into
 * its op arrays; the verifier writes counterexamples with it.
 *
 * <p>Allowed dependencies: Jackson (jackson-core) only. Nothing here knows a policy, the simulator or the
 * verifier.
 */
package org.policy.workload;
