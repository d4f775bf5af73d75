package com.englishstudy.chat.domain.connection;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Times;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import java.time.Clock;
import java.time.Instant;

/** Opening, keeping alive and closing WebSocket connections. */
public final class ConnectionLifecycle {
    private final RoomTokenRepository tokens;
    private final RoomRepository rooms;
    private final ConnectionRepository connections;
    private final RateLimiter rateLimiter;
    private final ChatSettings settings;
    private final Clock clock;

    public ConnectionLifecycle(RoomTokenRepository tokens, RoomRepository rooms, ConnectionRepository connections,
                               RateLimiter rateLimiter, ChatSettings settings, Clock clock) {
        this.tokens = tokens;
        this.rooms = rooms;
        this.connections = connections;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Spends the token and binds the new connection to its room and user. Refused when the token is unknown,
     * used, expired (by the clock, whatever storage still holds), or its room or membership is gone.
     */
    public Connection connect(String connectionId, String roomToken) {
        return open(connectionId, admit(roomToken));
    }

    /**
     * The first half of {@link #connect}, for runtimes that must refuse a socket before it opens and only
     * learn its id after: spends the token and returns it once it is known to be good.
     */
    public RoomToken admit(String roomToken) {
        if (roomToken == null || roomToken.isBlank()) throw new ChatException.Unauthorized("roomToken is required");
        Instant now = Times.now(clock);
        RoomToken token = tokens.consume(roomToken)
                .filter(t -> !t.isExpiredAt(now))
                .orElseThrow(() -> new ChatException.Unauthorized("Room token is invalid, expired or already used"));
        Room room = rooms.find(token.roomId())
                .orElseThrow(() -> new ChatException.Unauthorized("The room of this token no longer exists"));
        if (!room.isMember(token.userId())) {
            throw new ChatException.Unauthorized("You are no longer a member of this room");
        }
        return token;
    }

    /** The second half of {@link #connect}: records the open connection for an admitted token. */
    public Connection open(String connectionId, RoomToken admitted) {
        Instant now = Times.now(clock);
        Connection connection = new Connection(connectionId, admitted.roomId(), admitted.userId(), now,
                now.plus(settings.connectionTtl()));
        connections.save(connection);
        return connection;
    }

    /** Answers a ping: the connection lives another full TTL. */
    public Connection ping(String connectionId) {
        Instant now = Times.now(clock);
        Connection connection = connections.find(connectionId, now)
                .orElseThrow(() -> new ChatException.Unauthorized("This connection has expired: join the room again"));
        Instant renewed = now.plus(settings.connectionTtl());
        connections.refresh(connectionId, renewed);
        return connection.withExpiresAt(renewed);
    }

    /** The socket closed: forget the connection, keep the membership. */
    public void disconnect(String connectionId) {
        connections.delete(connectionId);
        rateLimiter.forget(connectionId);
    }
}
