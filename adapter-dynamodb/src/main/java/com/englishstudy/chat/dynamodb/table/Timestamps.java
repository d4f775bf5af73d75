package com.englishstudy.chat.dynamodb.table;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How instants are written into items. Attributes keep the contract's look ({@code 2026-01-09T10:00:00.000Z});
 * sort keys use the same millisecond form, whose fixed width makes string order equal time order.
 */
public final class Timestamps {
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /**
     * The attribute form: milliseconds as the contract writes them; an instant finer than that (only tests make
     * them) keeps every digit so it reads back equal, at the price of not sorting within its millisecond.
     */
    public static String format(Instant at) {
        return at.getNano() % 1_000_000 == 0 ? MILLIS.format(at) : DateTimeFormatter.ISO_INSTANT.format(at);
    }

    /** The key form: always milliseconds, the order the in-memory listings use too. */
    public static String sortable(Instant at) {
        return MILLIS.format(at);
    }

    public static Instant parse(String stored) {
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("stored instant is malformed: " + stored, e);
        }
    }

    /** TTL in epoch seconds, rounded up so storage never deletes an item before the clock says it is gone. */
    public static long ttlSeconds(Instant expiresAt) {
        long seconds = expiresAt.getEpochSecond();
        return expiresAt.getNano() == 0 ? seconds : seconds + 1;
    }
}
