package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.message.MessageRepository;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import com.englishstudy.chat.domain.voice.AudioStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Removes what a deleted room leaves behind. Runs after the room item itself is gone, so a crash half
 * way leaves only items nobody can reach (every read of them goes through the room first).
 */
public final class RoomPurge {
    private final ConnectionRepository connections;
    private final MessageRepository messages;
    private final RoomTokenRepository tokens;
    private final AudioStore audio;
    private final Broadcaster broadcaster;
    private final Clock clock;

    public RoomPurge(ConnectionRepository connections, MessageRepository messages, RoomTokenRepository tokens,
              AudioStore audio, Broadcaster broadcaster, Clock clock) {
        this.connections = connections;
        this.messages = messages;
        this.tokens = tokens;
        this.audio = audio;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    public void purge(String roomId) {
        Instant now = clock.instant();
        List<Connection> open = connections.findByRoom(roomId, now);
        broadcaster.deliver(open, new RoomEvent.RoomDeleted(roomId));
        broadcaster.close(open);
        connections.deleteByRoom(roomId);
        tokens.deleteByRoom(roomId);
        messages.deleteByRoom(roomId);
        audio.deleteByPrefix("voice/" + roomId + "/");
    }
}
