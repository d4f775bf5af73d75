package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;

/** Reading rooms: open to anyone. */
public final class RoomQueries {
    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 20;

    private final RoomRepository rooms;

    public RoomQueries(RoomRepository rooms) {
        this.rooms = rooms;
    }

    public Room getRoom(String roomId) {
        return rooms.find(roomId).orElseThrow(() -> new ChatException.NotFound("Room not found"));
    }

    /** @param page its limit already clamped to {@link #MAX_PAGE_SIZE} */
    public Page<Room> listRooms(RoomFilter filter, PageRequest page) {
        return rooms.list(filter, page);
    }
}
