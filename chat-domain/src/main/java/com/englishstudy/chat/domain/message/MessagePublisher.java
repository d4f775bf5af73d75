package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.room.RoomRepository;
import com.englishstudy.chat.domain.common.Ids;
import com.englishstudy.chat.domain.common.Times;
import java.time.Clock;
import java.time.Instant;

/** Stores a message and sends it to its room, in room order; the one path users' and the tutor's messages share. */
public final class MessagePublisher {
    private final MessageRepository messages;
    private final RoomRepository rooms;
    private final ConnectionRepository connections;
    private final Broadcaster broadcaster;
    private final RoomSequencer sequencer;
    private final Ids ids;
    private final Clock clock;

    public MessagePublisher(MessageRepository messages, RoomRepository rooms, ConnectionRepository connections,
                            Broadcaster broadcaster, RoomSequencer sequencer, Ids ids, Clock clock) {
        this.messages = messages;
        this.rooms = rooms;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.sequencer = sequencer;
        this.ids = ids;
        this.clock = clock;
    }

    /** Makes a message from its id and time of storing; called under the room's lock. */
    @FunctionalInterface
    public interface Draft {
        ChatMessage at(String messageId, Instant createdAt);
    }

    /**
     * Stores and broadcasts the message, unless its idempotency key was used before: then only returns the
     * original. The id and time are taken under the room's lock, so delivery order and history order agree;
     * the fan-out runs after the lock, in that same order.
     */
    public SaveOutcome publish(String roomId, Draft draft) {
        return sequencer.inOrder(roomId, later -> {
            ChatMessage message = draft.at(ids.newMessageId(), Times.now(clock));
            SaveOutcome outcome = messages.save(message);
            if (outcome instanceof SaveOutcome.Stored stored) {
                rooms.recordMessage(message.roomId(), message.createdAt());
                RoomEvent event = new RoomEvent.MessagePosted(stored.message());
                later.accept(() -> broadcaster.deliver(connections.findByRoom(roomId, clock.instant()), event));
            }
            return outcome;
        });
    }
}
