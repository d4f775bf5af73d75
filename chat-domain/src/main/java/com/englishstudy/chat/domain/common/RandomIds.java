package com.englishstudy.chat.domain.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random v4 UUIDs for rooms and tokens; v7-style UUIDs for messages, whose leading 48 bits are the
 * millisecond and whose next 12 bits count within it, so ids made in one process sort in creation order.
 */
public final class RandomIds implements Ids {
    /** Millisecond in the high bits, counter in the low 12: one atomic value keeps the pair consistent. */
    private final AtomicLong lastStamp = new AtomicLong();

    @Override
    public String newRoomId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String newMessageId() {
        long now = System.currentTimeMillis();
        long stamp = lastStamp.updateAndGet(prev -> {
            long candidate = now << 12;
            return candidate > prev ? candidate : prev + 1;
        });
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        // Message ids need to be unique, not secret: a per-thread generator, so no shared lock is taken under
        // the room locks messages are made in.
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    @Override
    public String newRoomToken() {
        return UUID.randomUUID().toString();
    }
}
