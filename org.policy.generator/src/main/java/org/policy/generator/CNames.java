package org.policy.generator;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * C identifiers for the policy's names. Policy names stay as they are (the generated C should read
 * like the policy) unless they would collide with a C keyword, a kernel macro, the runtime's
 * {@code prt_} names or a name the generator uses itself; those get a trailing underscore.
 * File-scope names are claimed once each, so two policy declarations never share a C name.
 */
final class CNames {
	/** C keywords and kernel names a generated file must not redefine or shadow. */
	private static final Set<String> RESERVED = Set.of(
			"auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
			"extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
			"short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
			"volatile", "while", "bool", "true", "false", "NULL", "asm", "typeof", "_Bool",
			"s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64", "size_t", "current", "jiffies", "min", "max",
			"abs", "likely", "unlikely", "container_of", "offsetof", "printk", "memcpy", "memset", "memmove",
			"module", "barrier", "BUG", "WARN", "ARRAY_SIZE", "READ_ONCE", "WRITE_ONCE", "smp_processor_id",
			"main", "errno", "stdin", "stdout", "stderr", "exit", "free", "malloc", "calloc", "strcmp",
			// the generator's own names
			"m", "self", "target", "thread", "core", "params", "steal", "thread_attrs", "core_attrs", "queues",
			"core_states", "balance_levels", "init_core", "init_thread", "q_", "i_", "n_", "set_", "best_",
			"best_key_", "key_", "total_");
	private static final Pattern LOOP_INDEX = Pattern.compile("[in]\\d+");

	private final Set<String> fileScope = new HashSet<>();

	/** A C name for a policy name used as a local, a parameter or a struct field. */
	static String local(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (RESERVED.contains(name) || LOOP_INDEX.matcher(name).matches() || lower.startsWith("prt_")
				|| lower.startsWith("on_") || lower.startsWith("balance_") || lower.startsWith("q_")
				|| lower.startsWith("s_") || lower.startsWith("sq_") || name.endsWith("_")) {
			return name + "_";
		}
		return name;
	}

	/** A C name for a local that must not shadow a file-scope name (a function, a helper). */
	String scoped(String name) {
		String c = local(name);
		while (fileScope.contains(c)) {
			c = c + "_";
		}
		return c;
	}

	/** Claims a file-scope name: the preferred one, or the preferred one with a numbered suffix. */
	String claim(String preferred) {
		String name = preferred;
		for (int i = 2; !fileScope.add(name); i++) {
			name = preferred + "_" + i;
		}
		return name;
	}

	/** Claims a file-scope name for a policy declaration (function, parameter). */
	String claimPolicyName(String name) {
		return claim(local(name));
	}
}
