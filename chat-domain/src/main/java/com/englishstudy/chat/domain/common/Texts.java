package com.englishstudy.chat.domain.common;

/** Rules for the text users send. */
public final class Texts {
    private Texts() {}

    /**
     * Refuses a string with an unpaired UTF-16 surrogate (JSON lets a client write one as {@code "\ud800"}). Such
     * a string has no UTF-8 form: storage would keep a {@code ?} in its place, so what was stored would differ
     * from what was sent, and two different passwords or idempotency keys could become one.
     */
    public static void requireWellFormed(String value, String field) {
        if (value == null) return;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new ChatException.InvalidInput(field + " is not valid Unicode text");
        }
    }
}
