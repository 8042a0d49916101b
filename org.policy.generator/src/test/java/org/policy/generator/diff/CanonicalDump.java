package org.policy.generator.diff;

import org.policy.dsl.semantics.Layout;
import org.policy.dsl.semantics.Machine;
import org.policy.dsl.semantics.ThreadState;

/** The canonical text dump of a machine, exactly as kernel-runtime's prt_dump() prints it. */
final class CanonicalDump {
	private CanonicalDump() {
	}

	static String of(Machine m) {
		StringBuilder b = new StringBuilder(256);
		append(b, m);
		return b.toString();
	}

	private static final ThreadLocal<StringBuilder> SCRATCH = ThreadLocal.withInitial(() -> new StringBuilder(4096));

	/** The hash of the dump, without keeping the dump (the differential test hashes after every event). */
	static String hashOf(Machine m) {
		StringBuilder b = SCRATCH.get();
		b.setLength(0);
		append(b, m);
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < b.length(); i++) {
			h ^= b.charAt(i) & 0xff;
			h *= 0x100000001b3L;
		}
		return String.format("%016x", h);
	}

	private static void append(StringBuilder b, Machine m) {
		Layout l = m.layout();
		b.append("now ").append(m.now()).append('\n');
		for (int c = 0; c < m.cores(); c++) {
			b.append("core ").append(c).append(" state ")
					.append(l.coreStates().isEmpty() ? "-" : l.coreStates().get(m.coreState(c)))
					.append(" idle ").append(m.isIdle(c) ? 1 : 0).append(" current ");
			ref(b, m.current(c));
			for (int a = 0; a < l.coreSlots(); a++) {
				b.append(' ').append(l.coreAttributes().get(a)).append('=').append(m.coreAttr(c, a));
			}
			for (int k = 0; k < l.coreQueues(); k++) {
				queue(b, m, l.queues().get(k), m.coreQueue(c, k));
			}
			b.append('\n');
		}
		for (int s = 0; s < l.sharedQueues(); s++) {
			b.append("shared");
			queue(b, m, l.queues().get(l.coreQueues() + s), m.sharedQueue(s));
			b.append('\n');
		}
		for (int t = 0; t < m.threads(); t++) {
			b.append("thread ").append(t).append(' ').append(ThreadState.name(m.state(t))).append(" cpu ");
			ref(b, m.cpu(t));
			if (!m.affinity(t).isAll()) {
				b.append(" affinity ").append(m.affinity(t)); // a cpulist, as prt_dump() prints it
			}
			for (int a = 0; a < l.threadSlots(); a++) {
				b.append(' ').append(l.threadAttributes().get(a)).append('=').append(m.threadAttr(t, a));
			}
			b.append('\n');
		}
	}

	private static void ref(StringBuilder b, int v) {
		if (v == Machine.NONE) {
			b.append('-');
		} else {
			b.append(v);
		}
	}

	private static void queue(StringBuilder b, Machine m, String name, int q) {
		b.append(' ').append(name).append("=[");
		for (int i = 0; i < m.size(q); i++) {
			b.append(i == 0 ? "t" : " t").append(m.at(q, i));
		}
		b.append(']');
	}

	/** FNV-1a over the dump's bytes (ASCII), as the C driver computes it. */
	static String hash(String dump) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < dump.length(); i++) {
			h ^= dump.charAt(i) & 0xff;
			h *= 0x100000001b3L;
		}
		return String.format("%016x", h);
	}
}
