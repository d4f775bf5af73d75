package com.englishstudy.chat.ports.http;

import com.englishstudy.chat.domain.common.ChatException.InvalidInput;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/** Query parameters read as the contract says: a limit above the maximum is the maximum; below 1 or not a number is refused. */
final class QueryParams {
    private QueryParams() {}

    static int limit(Map<String, String> query, int fallback, int max) {
        String raw = query.get("limit");
        // ?limit= is no limit asked for, as with every other parameter.
        if (raw == null || raw.isEmpty()) return fallback;
        BigInteger value;
        try {
            value = new BigInteger(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit must be a whole number from 1 to " + max);
        }
        if (value.signum() <= 0) throw new InvalidInput("limit must be a whole number from 1 to " + max);
        return value.compareTo(BigInteger.valueOf(max)) > 0 ? max : value.intValue();
    }

    static boolean flag(Map<String, String> query, String name) {
        String raw = query.get(name);
        if (raw == null) return false;
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new InvalidInput(name + " must be true or false");
        };
    }

    static String nonBlank(Map<String, String> query, String name) {
        String raw = query.get(name);
        return raw == null || raw.isEmpty() ? null : raw;
    }
}
