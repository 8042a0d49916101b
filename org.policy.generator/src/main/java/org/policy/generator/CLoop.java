package org.policy.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * How the generated C visits a collection, for both {@code foreach} and the aggregates: the
 * loop line (a macro of prt.h, so that a runtime makes the loop its own way: a counting loop, or
 * an iterator for the BPF verifier), the declaration that binds each element to the policy's
 * variable, and the test that skips positions holding no element.
 * {@link #open} writes them in kernel style: the binding first among the body's declarations, a
 * blank line after the declarations, then the skip.
 */
record CLoop(String head, String binding, String skipNone) {
	/** A foreach: the elements copied into snapshot buffer {@code buffer} by {@code take} when the loop starts. */
	static CLoop snapshot(int buffer, String take, String variable) {
		String i = "i" + buffer;
		return new CLoop("prt_for_range(" + i + ", n" + buffer + ", " + take + ")",
				"s64 " + variable + " = prt_snap(m, " + buffer + ", prt_idx(" + i + "));", null);
	}

	/** The threads of queue {@code q}, in queue order. */
	static CLoop queue(String q, String variable) {
		return new CLoop("prt_for_queue(i_, " + q + ")", "s64 " + variable + " = prt_queue_elem(" + q + ", i_);", null);
	}

	/** Every core, in increasing id. */
	static CLoop allCores(String variable) {
		return new CLoop("prt_for_range(i_, n_, prt_nr_cores(m))", "s64 " + variable + " = prt_idx(i_);", null);
	}

	/** The cores of core set {@code set}: a domain's cores only (the runtime lists them), else every core, tested. */
	static CLoop coreSet(String set, String variable) {
		return new CLoop("prt_for_range(i_, n_, prt_cset_span(m, " + set + "))",
				"s64 " + variable + " = prt_cset_at(m, " + set + ", prt_idx(i_));", "if (" + variable + " == PRT_NONE)");
	}

	/**
	 * Opens the loop and writes the binding with the body's own {@code declarations}, the blank line
	 * after them and the skip; the caller writes the rest of the body, then {@link #close}s with what
	 * this returns. A body of one simple statement ({@code braces} false) gets no braces when the
	 * loop has nothing to declare or test: only the {@code for} line is written, and the body indented.
	 *
	 * @return whether the loop's body is in braces
	 */
	boolean open(CodeWriter w, List<String> declarations, boolean braces, boolean statementsFollow) {
		if (!braces && binding == null && skipNone == null && declarations.isEmpty()) {
			w.line(head);
			w.indent();
			return false;
		}
		w.open(head);
		List<String> all = new ArrayList<>();
		if (binding != null) {
			all.add(binding);
		}
		all.addAll(declarations);
		all.forEach(w::line);
		if (!all.isEmpty() && (statementsFollow || skipNone != null)) {
			w.blank();
		}
		if (skipNone != null) {
			w.line(skipNone);
			w.indent().line("continue;").outdent();
		}
		return true;
	}

	/** Ends the loop's body. */
	static void close(CodeWriter w, boolean braced) {
		if (braced) {
			w.close();
		} else {
			w.outdent();
		}
	}
}
