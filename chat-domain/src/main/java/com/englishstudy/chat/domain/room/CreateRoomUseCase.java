package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.ChatSettings;
import com.englishstudy.chat.domain.common.Ids;
import com.englishstudy.chat.domain.common.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Opens a room whose first member is its creator. */
public final class CreateRoomUseCase {
    private final RoomRepository rooms;
    private final RoomPasswords passwords;
    private final ChatSettings settings;
    private final Ids ids;
    private final Clock clock;

    public CreateRoomUseCase(RoomRepository rooms, RoomPasswords passwords, ChatSettings settings, Ids ids, Clock clock) {
        this.rooms = rooms;
        this.passwords = passwords;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    public Room createRoom(CreateRoomCommand command) {
        int maxMembers = command.maxMembersWithin(settings);
        String hash = command.isPrivate() ? passwords.hash(command.password()) : null;
        Instant now = Times.now(clock);
        Room room = new Room(ids.newRoomId(), command.name(), command.description(), command.level(), maxMembers,
                command.isPrivate(), hash, command.createdBy(), List.of(command.createdBy()), RoomStatus.CREATED,
                now, now);
        rooms.create(room);
        return room;
    }
}
