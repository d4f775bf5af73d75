package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException;
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
    private final Clock clock;
    private final LongSupplier nanoTime;

    public SendMessageUseCase(ConnectionRepository connections, MessagePublisher publisher, RateLimiter rateLimiter,
                              ChatSettings settings, Clock clock, LongSupplier nanoTime) {
        this.connections = connections;
        this.publisher = publisher;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
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
        return publisher.publish(connection.roomId(), (messageId, createdAt) -> ChatMessage.create(messageId,
                connection.roomId(), connection.userId(), command.content(), type, createdAt, command.clientMessageId()));
    }

    /** Takes one rate-limit token for a sendMessage frame, or refuses it as over the limit. */
    public void spendToken(String connectionId) {
        if (!rateLimiter.tryAcquire(connectionId, nanoTime.getAsLong())) {
            throw new ChatException.RateLimited("Too many messages: slow down");
        }
    }

    /**
     * Activity extends a connection's life to a full TTL from now. The write is skipped while the stored expiry
     * is within {@link #refreshStep} of that, so a busy connection costs storage one write a minute at most, and
     * expires at most that much before a full TTL after its last message.
     */
    private void keepAlive(Connection connection, Instant now) {
        Instant renewed = now.plus(settings.connectionTtl());
        if (connection.expiresAt().plus(refreshStep()).isBefore(renewed)) {
            connections.refresh(connection.connectionId(), renewed);
        }
    }

    private java.time.Duration refreshStep() {
        java.time.Duration tenth = settings.connectionTtl().dividedBy(10);
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        return tenth.compareTo(minute) < 0 ? tenth : minute;
    }
}
