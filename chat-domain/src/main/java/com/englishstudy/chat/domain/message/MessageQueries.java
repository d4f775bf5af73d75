package com.englishstudy.chat.domain.message;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Page;
import com.englishstudy.chat.domain.common.PageRequest;
import com.englishstudy.chat.domain.common.UserIds;
import com.englishstudy.chat.domain.room.Room;
import com.englishstudy.chat.domain.room.RoomRepository;

/** Message history: a room's for its members, a user's own for that user. */
public final class MessageQueries {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private final MessageRepository messages;
    private final RoomRepository rooms;

    public MessageQueries(MessageRepository messages, RoomRepository rooms) {
        this.messages = messages;
        this.rooms = rooms;
    }

    public Page<ChatMessage> roomMessages(String roomId, String userId, PageRequest page) {
        UserIds.requireWellFormed(userId, "userId");
        Room room = rooms.find(roomId).orElseThrow(() -> new ChatException.NotFound("Room not found"));
        if (!room.isMember(userId)) throw new ChatException.Forbidden("Only members may read this room's messages");
        return messages.listByRoom(roomId, page);
    }

    /** The tutor's messages are not anyone's own history: reading them as a user would expose every room. */
    public Page<ChatMessage> userMessages(String userId, PageRequest page) {
        UserIds.requireActor(userId, "userId");
        return messages.listByUser(userId, page);
    }
}
