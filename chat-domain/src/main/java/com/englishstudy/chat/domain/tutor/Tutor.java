package com.englishstudy.chat.domain.tutor;

import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import java.util.List;

/** The AI that joins a room's conversation. */
public interface Tutor {
    /**
     * Writes one reply to the conversation, fit for the level.
     *
     * @param recentOldestFirst up to ten of the room's latest messages, oldest first; may be empty
     * @throws com.englishstudy.chat.domain.common.ChatException.ProviderFailed when the model fails or times out
     */
    String reply(Level level, List<ChatMessage> recentOldestFirst);
}
