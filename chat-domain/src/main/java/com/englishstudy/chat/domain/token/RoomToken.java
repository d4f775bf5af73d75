package com.englishstudy.chat.domain.token;

import java.time.Instant;

/** A single-use ticket that opens one WebSocket connection for (room, user) until {@code expiresAt}. */
public record RoomToken(String token, String roomId, String userId, Instant createdAt, Instant expiresAt) {
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
