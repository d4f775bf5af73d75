package com.englishstudy.chat.domain.token;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Tokens in memory. Expired tokens nobody used are swept now and then, as storage TTL would. Thread-safe. */
public final class InMemoryRoomTokenRepository implements RoomTokenRepository {
    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentHashMap<String, RoomToken> byToken = new ConcurrentHashMap<>();
    private final AtomicInteger savesSinceSweep = new AtomicInteger();
    private final Clock clock;

    public InMemoryRoomTokenRepository(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(RoomToken token) {
        byToken.put(token.token(), token);
        if (savesSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            savesSinceSweep.set(0);
            var now = clock.instant();
            byToken.values().removeIf(t -> t.isExpiredAt(now));
        }
    }

    @Override
    public Optional<RoomToken> consume(String token) {
        return Optional.ofNullable(byToken.remove(token));
    }

    @Override
    public void deleteByRoom(String roomId) {
        byToken.values().removeIf(t -> t.roomId().equals(roomId));
    }
}
