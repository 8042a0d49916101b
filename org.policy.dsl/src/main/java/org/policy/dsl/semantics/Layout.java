package org.policy.dsl.semantics;

import java.util.List;

/**
 * The shape of a policy's machine state, fixed when the policy is compiled: how many attribute slots
 * a thread and a core have, which queues exist and how each is ordered. Immutable.
 *
 * <p>Queue kinds {@code 0 .. coreQueues-1} are per-core queues, {@code coreQueues ..} are shared
 * ones. A queue kind's order is a thread-attribute slot read at insertion ({@code -1}: FIFO) and a
 * direction. {@code summedSlots} are the thread-attribute slots whose per-queue sums the machine keeps
 * (see {@link SummedAttributes}).
 */
public record Layout(
		List<String> threadAttributes,
		List<String> coreAttributes,
		List<String> queues,
		int coreQueues,
		int[] orderSlot,
		boolean[] orderHighest,
		List<String> coreStates,
		int[] summedSlots) {

	public int threadSlots() {
		return threadAttributes.size();
	}

	public int coreSlots() {
		return coreAttributes.size();
	}

	/** The index of a thread-attribute slot among {@link #summedSlots()}, or -1. */
	public int summedIndex(int slot) {
		for (int i = 0; i < summedSlots.length; i++) {
			if (summedSlots[i] == slot) {
				return i;
			}
		}
		return -1;
	}

	public int sharedQueues() {
		return queues.size() - coreQueues;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Layout l && threadAttributes.equals(l.threadAttributes)
				&& coreAttributes.equals(l.coreAttributes) && queues.equals(l.queues) && coreQueues == l.coreQueues
				&& java.util.Arrays.equals(orderSlot, l.orderSlot) && java.util.Arrays.equals(orderHighest, l.orderHighest)
				&& coreStates.equals(l.coreStates) && java.util.Arrays.equals(summedSlots, l.summedSlots);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(threadAttributes, coreAttributes, queues, coreQueues,
				java.util.Arrays.hashCode(orderSlot), java.util.Arrays.hashCode(orderHighest), coreStates, java.util.Arrays.hashCode(summedSlots));
	}
}
