package org.policy.dsl.ide.quickfix;

/** Replace {@code length} characters at {@code offset} of the document by {@code text}. */
public record Edit(int offset, int length, String text) {
}
