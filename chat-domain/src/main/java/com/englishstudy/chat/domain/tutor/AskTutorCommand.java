package com.englishstudy.chat.domain.tutor;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.UserIds;

public record AskTutorCommand(String roomId, String userId) {
    public AskTutorCommand {
        if (roomId == null || roomId.isBlank()) throw new ChatException.InvalidInput("roomId is required");
        UserIds.requireActor(userId, "userId");
    }
}
