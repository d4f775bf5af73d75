package com.englishstudy.chat.domain.tutor;

import com.englishstudy.chat.domain.common.ChatException;
import com.englishstudy.chat.domain.message.ChatMessage;
import com.englishstudy.chat.domain.room.Level;
import java.util.List;

/** Stands in where no tutor is configured: every request is a clear 503. */
public final class NoTutor implements Tutor {
    @Override
    public String reply(Level level, List<ChatMessage> recentOldestFirst) {
        throw new ChatException.ProviderFailed("The AI tutor is not configured on this server", true, null);
    }
}
