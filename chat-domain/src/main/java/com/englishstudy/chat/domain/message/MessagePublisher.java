package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.room.RoomRepository;
import java.time.Clock;

/** Stores a message and sends it to its room, in room order; the one path users' and the tutor's messages share. */
public final class MessagePublisher {
    private final MessageRepository messages;
    private final RoomRepository rooms;
    private final ConnectionRepository connections;
    private final Broadcaster broadcaster;
    private final RoomSequencer sequencer;
    private final Clock clock;

    public MessagePublisher(MessageRepository messages, RoomRepository rooms, ConnectionRepository connections,
                            Broadcaster broadcaster, RoomSequencer sequencer, Clock clock) {
        this.messages = messages;
        this.rooms = rooms;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.sequencer = sequencer;
        this.clock = clock;
    }

    /** Stores and broadcasts the message, unless its idempotency key was used before: then only returns the original. */
    public SaveOutcome publish(ChatMessage message) {
        return sequencer.inOrder(message.roomId(), () -> {
            SaveOutcome outcome = messages.save(message);
            if (outcome instanceof SaveOutcome.Stored stored) {
                rooms.recordMessage(message.roomId(), message.createdAt());
                broadcaster.deliver(connections.findByRoom(message.roomId(), clock.instant()),
                        new RoomEvent.MessagePosted(stored.message()));
            }
            return outcome;
        });
    }
}
