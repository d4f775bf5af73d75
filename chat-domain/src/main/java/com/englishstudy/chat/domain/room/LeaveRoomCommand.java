package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.UserIds;

public record LeaveRoomCommand(String roomId, String userId) {
    public LeaveRoomCommand {
        if (roomId == null || roomId.isBlank()) throw new ChatException.InvalidInput("roomId is required");
        UserIds.requireActor(userId, "userId");
    }
}
