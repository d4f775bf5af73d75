package com.englishstudy.chat.domain.room;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.Texts;
import com.englishstudy.chat.domain.common.UserIds;

public record JoinRoomCommand(String roomId, String userId, String password) {
    public JoinRoomCommand {
        if (roomId == null || roomId.isBlank()) throw new ChatException.InvalidInput("roomId is required");
        UserIds.requireActor(userId, "userId");
        Texts.requireWellFormed(password, "password");
    }
}
