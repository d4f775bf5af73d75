package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Ids;
import com.englishstudy.chat.domain.common.Times;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A user's message over their connection: rate-limited, checked against the connection's room and user,
 * stored once per idempotency key, and sent to the whole room.
 */
public final class SendMessageUseCase {
    private final ConnectionRepository connections;
    private final MessagePublisher publisher;
    private final RateLimiter rateLimiter;
    private final ChatSettings settings;
    private final Ids ids;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public SendMessageUseCase(ConnectionRepository connections, MessagePublisher publisher, RateLimiter rateLimiter,
                              ChatSettings settings, Ids ids, Clock clock, LongSupplier nanoTime) {
        this.connections = connections;
        this.publisher = publisher;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /**
     * @return {@link SaveOutcome.Stored} when the message was stored and broadcast;
     *         {@link SaveOutcome.Duplicate} when only the sender should be answered with the original
     */
    public SaveOutcome sendMessage(SendMessageCommand command) {
        // Every frame spends a token, refused or not, so a client cannot probe for free.
        spendToken(command.connectionId());
        MessageType type = command.validate(settings.maxMessageLength());
        Instant now = Times.now(clock);
        Connection connection = connections.find(command.connectionId(), now)
                .orElseThrow(() -> new ChatException.Unauthorized("This connection has expired: join the room again"));
        if (command.roomId() != null && !command.roomId().equals(connection.roomId())) {
            throw new ChatException.Forbidden("roomId does not match this connection's room");
        }
        if (command.userId() != null && !command.userId().equals(connection.userId())) {
            throw new ChatException.Forbidden("userId does not match this connection's user");
        }
        keepAlive(connection, now);
        ChatMessage message = ChatMessage.create(ids.newMessageId(), connection.roomId(), connection.userId(),
                command.content(), type, now, command.clientMessageId());
        return publisher.publish(message);
    }

    /** Takes one rate-limit token for a sendMessage frame, or refuses it as over the limit. */
    public void spendToken(String connectionId) {
        if (!rateLimiter.tryAcquire(connectionId, nanoTime.getAsLong())) {
            throw new ChatException.RateLimited("Too many messages: slow down");
        }
    }

    /** Activity extends a connection's life; written only past half its TTL, to keep storage writes rare. */
    private void keepAlive(Connection connection, Instant now) {
        Instant renewed = now.plus(settings.connectionTtl());
        if (connection.expiresAt().isBefore(now.plus(settings.connectionTtl().dividedBy(2)))) {
            connections.refresh(connection.connectionId(), renewed);
        }
    }
}
