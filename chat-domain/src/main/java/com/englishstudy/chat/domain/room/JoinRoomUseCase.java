package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Ids;
import com.englishstudy.chat.domain.common.Times;
import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.RoomEvent;
import com.englishstudy.chat.domain.token.RoomToken;
import com.englishstudy.chat.domain.token.RoomTokenRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * Lets a user into a room and hands out a token for one WebSocket connection. A member who joins again
 * gets a new token with no password asked and no place taken: that is how a client reconnects.
 */
public final class JoinRoomUseCase {
    private final RoomRepository rooms;
    private final RoomTokenRepository tokens;
    private final ConnectionRepository connections;
    private final Broadcaster broadcaster;
    private final RoomPasswords passwords;
    private final ChatSettings settings;
    private final Ids ids;
    private final Clock clock;

    public JoinRoomUseCase(RoomRepository rooms, RoomTokenRepository tokens, ConnectionRepository connections,
                           Broadcaster broadcaster, RoomPasswords passwords, ChatSettings settings, Ids ids, Clock clock) {
        this.rooms = rooms;
        this.tokens = tokens;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.passwords = passwords;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    public JoinedRoom joinRoom(JoinRoomCommand command) {
        Room room = rooms.find(command.roomId()).orElseThrow(() -> new ChatException.NotFound("Room not found"));
        boolean newMember = false;
        if (!room.isMember(command.userId())) {
            if (room.isPrivate()) {
                if (command.password() == null) throw new ChatException.Forbidden("This room is private: a password is required");
                if (!passwords.matches(command.password(), room.passwordHash())) {
                    throw new ChatException.Forbidden("Wrong password");
                }
            }
            switch (rooms.addMember(command.roomId(), command.userId())) {
                case MembershipChange.Changed changed -> {
                    room = changed.room();
                    newMember = true;
                }
                case MembershipChange.AlreadyMember already -> room = already.room();
                case MembershipChange.Full full -> throw new ChatException.Conflict("Room is full");
                case MembershipChange.NoSuchRoom gone -> throw new ChatException.NotFound("Room not found");
                case MembershipChange.NotMember impossible -> throw new IllegalStateException("addMember answered NotMember");
            }
        }
        Instant now = Times.now(clock);
        RoomToken token = new RoomToken(ids.newRoomToken(), room.roomId(), command.userId(), now,
                now.plus(settings.roomTokenTtl()));
        tokens.save(token);
        if (newMember) {
            broadcaster.deliver(connections.findByRoom(room.roomId(), now), new RoomEvent.PresenceChanged(
                    room.roomId(), command.userId(), RoomEvent.Presence.JOINED, room.currentMembers()));
        }
        return new JoinedRoom(room, token, newMember);
    }
}
