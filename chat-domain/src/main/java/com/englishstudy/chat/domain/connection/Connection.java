package com.englishstudy.chat.domain.connection;

import java.time.Instant;

/** One open WebSocket, bound for its whole life to one (room, user). Gone once {@code expiresAt} has passed. */
public record Connection(String connectionId, String roomId, String userId, Instant connectedAt, Instant expiresAt) {
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Connection withExpiresAt(Instant at) {
        return new Connection(connectionId, roomId, userId, connectedAt, at);
    }
}
