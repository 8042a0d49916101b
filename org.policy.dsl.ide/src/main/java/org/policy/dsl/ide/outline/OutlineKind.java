package org.policy.dsl.ide.outline;

/** What an outline entry stands for; front ends pick an icon or an LSP symbol kind from it. */
public enum OutlineKind {
	POLICY, PARAM, CONSTANT, TABLE, THREAD_ATTRIBUTES, CORE_ATTRIBUTES, ATTRIBUTE, QUEUE, SHARED_QUEUE, CORE_STATES, CORE_STATE,
	TOPOLOGY, LEVEL, FUNCTION, HANDLER, BALANCE
}
