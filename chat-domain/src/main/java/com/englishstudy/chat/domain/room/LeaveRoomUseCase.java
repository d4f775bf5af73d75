package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.connection.Broadcaster;
import com.englishstudy.chat.domain.connection.Connection;
import com.englishstudy.chat.domain.connection.ConnectionRepository;
import com.englishstudy.chat.domain.connection.RoomEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Takes a member out of a room, closes their sockets there, and deletes the room when it empties. */
public final class LeaveRoomUseCase {
    private final RoomRepository rooms;
    private final ConnectionRepository connections;
    private final Broadcaster broadcaster;
    private final RoomPurge purge;
    private final Clock clock;

    public LeaveRoomUseCase(RoomRepository rooms, ConnectionRepository connections, Broadcaster broadcaster,
                     RoomPurge purge, Clock clock) {
        this.rooms = rooms;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.purge = purge;
        this.clock = clock;
    }

    public LeftRoom leaveRoom(LeaveRoomCommand command) {
        Room after = switch (rooms.removeMember(command.roomId(), command.userId())) {
            case MembershipChange.Changed changed -> changed.room();
            case MembershipChange.NotMember notMember -> throw new ChatException.Forbidden("You are not a member of this room");
            case MembershipChange.NoSuchRoom gone -> throw new ChatException.NotFound("Room not found");
            case MembershipChange.AlreadyMember impossible -> throw new IllegalStateException("removeMember answered AlreadyMember");
            case MembershipChange.Full impossible -> throw new IllegalStateException("removeMember answered Full");
        };
        Instant now = clock.instant();
        List<Connection> leaversSockets = connections.findByRoomAndUser(command.roomId(), command.userId(), now);
        broadcaster.close(leaversSockets);
        leaversSockets.forEach(c -> connections.delete(c.connectionId()));

        if (after.currentMembers() == 0) {
            if (rooms.deleteIfEmpty(command.roomId())) {
                purge.purge(command.roomId());
                return new LeftRoom(command.roomId(), 0, true);
            }
            // Someone joined after the last leave: the room lives on, with them.
            after = rooms.find(command.roomId()).orElse(after);
        }
        broadcaster.deliver(connections.findByRoom(command.roomId(), now), new RoomEvent.PresenceChanged(
                command.roomId(), command.userId(), RoomEvent.Presence.LEFT, after.currentMembers()));
        return new LeftRoom(command.roomId(), after.currentMembers(), false);
    }
}
