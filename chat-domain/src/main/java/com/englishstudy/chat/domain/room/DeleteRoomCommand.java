package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.UserIds;

public record DeleteRoomCommand(String roomId, String userId) {
    public DeleteRoomCommand {
        if (roomId == null || roomId.isBlank()) throw new ChatException.InvalidInput("roomId is required");
        UserIds.requireActor(userId, "userId");
    }
}
