package com.englishstudy.chat.domain.voice;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.common.UserIds;

public record ReadAloudCommand(String messageId, String userId, Voice voice) {
    public ReadAloudCommand {
        if (messageId == null || messageId.isBlank()) throw new ChatException.InvalidInput("messageId is required");
        UserIds.requireActor(userId, "userId");
        if (voice == null) voice = Voice.FEMALE;
    }
}
