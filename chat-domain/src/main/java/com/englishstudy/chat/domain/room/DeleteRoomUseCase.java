package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;

/** The creator closes a room: everyone in it is told and disconnected, and all of it is removed. */
public final class DeleteRoomUseCase {
    private final RoomRepository rooms;
    private final RoomPurge purge;

    public DeleteRoomUseCase(RoomRepository rooms, RoomPurge purge) {
        this.rooms = rooms;
        this.purge = purge;
    }

    public void deleteRoom(DeleteRoomCommand command) {
        Room room = rooms.find(command.roomId()).orElseThrow(() -> new ChatException.NotFound("Room not found"));
        if (!room.createdBy().equals(command.userId())) {
            throw new ChatException.Forbidden("Only the room's creator may delete it");
        }
        rooms.delete(command.roomId());
        purge.purge(command.roomId());
    }
}
